package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET: takes the next batch without acknowledging it, with Canal's timeout rules ({@code -1} at once, other
 * values ≤ 0 until the batch is full, else up to the timeout in the packet's unit), and answers MESSAGES
 * ({@code batch_id -1} and no entries when nothing came). {@code auto_ack} is ignored, as in Canal. Blocks
 * the session's lane, never an event loop; closing the connection interrupts the wait.
 */
final class GetHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GetHandler.class);

    private final CollectorService service;

    GetHandler(CollectorService service) {
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        Get get = Get.parseFrom(packet.getBody());
        ClientIdentity client = Requests.identity(get.getDestination(), get.getClientId(), get);
        if (!session.isOpen()) {
            return;
        }
        Requests.claim(session, client);
        Message message = session.runBlocking(() -> service.getWithoutAck(client, get.getFetchSize(),
                get.getTimeout(), Requests.unit(get.getUnit())));
        if (message == null) {
            return;
        }
        if (message.batchId() > 0 && !session.clients().delivered(client, message.batchId())) {
            service.rollback(client);
            return;
        }
        LOG.trace("[destination={}] batch {} of {} entries to client {}", client.destination(), message.batchId(),
                message.events().size(), client.clientId());
        session.reply(Packets.messages(message));
    }
}
