package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.CollectorServiceException;

/**
 * CLIENTACK: acknowledges a batch and answers nothing on success, as Canal, unless the client asked for
 * answers in CLIENTAUTHENTICATION: it then gets an error-free ACK ({@link Session#accepted()}). Batch id -1
 * (an empty get) is ignored (a success); 0 answers {@code ACK{402}}; an unknown or out-of-order id answers
 * {@code ACK{400}}, which a Canal client reads as the reply to its next request.
 */
final class ClientAckHandler implements PacketHandler {

    private final CollectorService service;

    ClientAckHandler(CollectorService service) {
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        ClientAck ack = ClientAck.parseFrom(packet.getBody());
        ClientIdentity client = Requests.identity(ack.getDestination(), ack.getClientId(), ack);
        if (ack.getBatchId() == 0) {
            throw new CollectorServiceException(CollectorServiceException.INVALID_BATCH_ID,
                    "[" + client + "] batchId should assign value");
        }
        if (ack.getBatchId() != -1) {
            Requests.claim(session, client);
            service.ack(client, ack.getBatchId());
            session.clients().acknowledged(client, ack.getBatchId());
        }
        session.accepted();
    }
}
