package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.Sub;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.CollectorServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIPTION: claims the (destination, client id) for this connection and subscribes it with its filter,
 * answering ACK; {@code ACK{401}} for an unknown destination, {@code ACK{400}} while another connection
 * holds the same identity or for an invalid filter.
 */
final class SubscriptionHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHandler.class);

    private final CollectorService service;

    SubscriptionHandler(CollectorService service) {
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        Sub sub = Sub.parseFrom(packet.getBody());
        ClientIdentity client = Requests.identity(sub.getDestination(), sub.getClientId(), sub);
        boolean heldBefore = session.clients().holds(client);
        Requests.claim(session, client);
        try {
            service.subscribe(client, sub.getFilter());
        } catch (CollectorServiceException e) {
            if (!heldBefore) {
                session.clients().release(client);
            }
            throw e;
        }
        LOG.info("[destination={}] client {} subscribed on {} with filter \"{}\"", client.destination(),
                client.clientId(), session, sub.getFilter());
        session.reply(Packets.ok());
    }
}
