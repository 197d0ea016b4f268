package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.Unsub;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNSUBSCRIPTION: rolls back what this connection left unacknowledged for the identity, removes the
 * subscription and releases the identity, answering ACK; {@code ACK{401}} for an unknown destination,
 * {@code ACK{400}} while another connection holds the identity.
 */
final class UnsubscriptionHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnsubscriptionHandler.class);

    private final CollectorService service;

    UnsubscriptionHandler(CollectorService service) {
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        Unsub unsub = Unsub.parseFrom(packet.getBody());
        ClientIdentity client = Requests.identity(unsub.getDestination(), unsub.getClientId(), unsub);
        Requests.claim(session, client);
        session.clients().release(client);
        service.unsubscribe(client);
        LOG.info("[destination={}] client {} unsubscribed on {}", client.destination(), client.clientId(), session);
        session.reply(Packets.ok());
    }
}
