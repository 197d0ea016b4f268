package io.collector.client.internal;

import com.google.protobuf.ByteString;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import io.collector.protocol.PacketProtocol.Unsub;

/** Builds the request packets of one client identity (destination and client id). Immutable. */
final class Requests {

    /** Canal's {@code Get.unit} for milliseconds ({@code TimeUnit.MILLISECONDS.ordinal()}). */
    static final int MILLISECONDS = 2;
    /** {@code Get.timeout} asking the server to answer at once with what it has. */
    static final long NO_WAIT = -1;

    private final String destination;
    private final String clientId;

    Requests(String destination, String clientId) {
        this.destination = destination;
        this.clientId = clientId;
    }

    /**
     * A CLIENTAUTHENTICATION; {@code ackReplies} asks for every ack and rollback to be answered (only set when
     * the server's handshake offered it, so a Canal server receives exactly what Canal's client sends).
     */
    static Packet auth(String user, String scrambledHex, int netReadTimeoutMs, int netWriteTimeoutMs,
                       boolean ackReplies) {
        ClientAuth.Builder auth = ClientAuth.newBuilder()
                .setUsername(user)
                .setPassword(ByteString.copyFromUtf8(scrambledHex))
                .setNetReadTimeout(netReadTimeoutMs)
                .setNetWriteTimeout(netWriteTimeoutMs);
        if (ackReplies) {
            auth.setAckReplies(true);
        }
        return packet(PacketType.CLIENTAUTHENTICATION, auth.build().toByteString());
    }

    Packet subscribe(String filter) {
        Sub sub = Sub.newBuilder().setDestination(destination).setClientId(clientId)
                .setFilter(filter == null ? "" : filter).build();
        return packet(PacketType.SUBSCRIPTION, sub.toByteString());
    }

    Packet unsubscribe() {
        Unsub unsub = Unsub.newBuilder().setDestination(destination).setClientId(clientId).build();
        return packet(PacketType.UNSUBSCRIPTION, unsub.toByteString());
    }

    /** A GET; {@code timeoutMillis} is {@link #NO_WAIT} or a positive wait. */
    Packet get(int fetchSize, long timeoutMillis) {
        Get get = Get.newBuilder().setDestination(destination).setClientId(clientId).setFetchSize(fetchSize)
                .setTimeout(timeoutMillis).setUnit(MILLISECONDS).setAutoAck(false).build();
        return packet(PacketType.GET, get.toByteString());
    }

    Packet ack(long batchId) {
        ClientAck ack = ClientAck.newBuilder().setDestination(destination).setClientId(clientId)
                .setBatchId(batchId).build();
        return packet(PacketType.CLIENTACK, ack.toByteString());
    }

    /** A rollback of one batch, or of all outstanding batches for batch id 0. */
    Packet rollback(long batchId) {
        ClientRollback rollback = ClientRollback.newBuilder().setDestination(destination).setClientId(clientId)
                .setBatchId(batchId).build();
        return packet(PacketType.CLIENTROLLBACK, rollback.toByteString());
    }

    private static Packet packet(PacketType type, ByteString body) {
        return Packet.newBuilder().setVersion(1).setType(type).setBody(body).build();
    }
}
