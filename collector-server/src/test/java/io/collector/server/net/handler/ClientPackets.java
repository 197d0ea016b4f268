package io.collector.server.net.handler;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.ClientAck;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import io.collector.protocol.PacketProtocol.Unsub;
import io.collector.protocol.Scramble411;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Request packets as Canal's Java client builds them (type and body, no version), and reply parsing. */
public final class ClientPackets {

    public static final String CLIENT_ID = "1001";

    private ClientPackets() {
    }

    public static Packet auth(String user, String password, byte[] seed) {
        String token = password == null ? ""
                : HexFormat.of().formatHex(Scramble411.scramble(password.getBytes(StandardCharsets.UTF_8), seed));
        return auth(ClientAuth.newBuilder().setUsername(user).setPassword(ByteString.copyFromUtf8(token))
                .setNetReadTimeout(3_600_000).setNetWriteTimeout(3_600_000).build());
    }

    public static Packet auth(ClientAuth auth) {
        return packet(PacketType.CLIENTAUTHENTICATION, auth.toByteString());
    }

    public static Packet subscribe(String destination, String filter) {
        return subscribe(destination, CLIENT_ID, filter);
    }

    public static Packet subscribe(String destination, String clientId, String filter) {
        return packet(PacketType.SUBSCRIPTION, Sub.newBuilder().setDestination(destination).setClientId(clientId)
                .setFilter(filter).build().toByteString());
    }

    public static Packet unsubscribe(String destination) {
        return packet(PacketType.UNSUBSCRIPTION, Unsub.newBuilder().setDestination(destination)
                .setClientId(CLIENT_ID).build().toByteString());
    }

    /** A GET that returns at once (timeout -1). */
    public static Packet get(String destination, int size) {
        return get(destination, size, -1, 2);
    }

    public static Packet get(String destination, int size, long timeout, int unit) {
        return get(destination, CLIENT_ID, size, timeout, unit);
    }

    public static Packet get(String destination, String clientId, int size, long timeout, int unit) {
        return packet(PacketType.GET, Get.newBuilder().setAutoAck(false).setDestination(destination)
                .setClientId(clientId).setFetchSize(size).setTimeout(timeout).setUnit(unit).build().toByteString());
    }

    public static Packet ack(String destination, long batchId) {
        return packet(PacketType.CLIENTACK, ClientAck.newBuilder().setDestination(destination).setClientId(CLIENT_ID)
                .setBatchId(batchId).build().toByteString());
    }

    public static Packet rollback(String destination, long batchId) {
        return packet(PacketType.CLIENTROLLBACK, ClientRollback.newBuilder().setDestination(destination)
                .setClientId(CLIENT_ID).setBatchId(batchId).build().toByteString());
    }

    public static Packet packet(PacketType type, ByteString body) {
        return Packet.newBuilder().setType(type).setBody(body).build();
    }

    public static Ack ackOf(Packet packet) {
        try {
            if (packet.getType() != PacketType.ACK) {
                throw new AssertionError("expected an ACK, got " + packet.getType());
            }
            return Ack.parseFrom(packet.getBody());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    public static Messages messagesOf(Packet packet) {
        try {
            if (packet.getType() != PacketType.MESSAGES) {
                throw new AssertionError("expected MESSAGES, got " + packet.getType() + " " + packet.getBody());
            }
            return Messages.parseFrom(packet.getBody());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
