package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.CollectorServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIENTROLLBACK: rolls back all outstanding batches (batch id 0) or from one batch, answering nothing on
 * success, as Canal. A Canal client sends a rollback right after connecting, before it subscribes, so, as
 * in Canal, a rollback for a client that is not subscribed (or a destination this server does not run) is
 * ignored; so is one for an identity another connection holds, which must not lose its batches. A batch id
 * that is not outstanding answers {@code ACK{400}}. A client that asked for answers in CLIENTAUTHENTICATION
 * gets an error-free ACK for a rollback that succeeded or was ignored ({@link Session#accepted()}).
 */
final class ClientRollbackHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRollbackHandler.class);

    private final CollectorService service;

    ClientRollbackHandler(CollectorService service) {
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        ClientRollback rollback = ClientRollback.parseFrom(packet.getBody());
        ClientIdentity client = Requests.identity(rollback.getDestination(), rollback.getClientId(), rollback);
        if (session.clients().claim(client)) {
            rollBack(session, client, rollback.getBatchId());
        } else {
            LOG.warn("[destination={}] ignored rollback of client {} from {}: another connection holds it",
                    client.destination(), client.clientId(), session);
        }
        session.accepted();
    }

    private void rollBack(Session session, ClientIdentity client, long batchId) {
        try {
            service.rollback(client, batchId);
        } catch (CollectorServiceException e) {
            if (e.code() != CollectorServiceException.NOT_SUBSCRIBED) {
                throw e;
            }
            LOG.debug("[destination={}] ignored rollback of client {}: {}", client.destination(),
                    client.clientId(), e.getMessage());
            return;
        }
        session.clients().rolledBack(client);
    }
}
