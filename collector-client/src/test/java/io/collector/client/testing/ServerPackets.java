package io.collector.client.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import java.util.List;

/** Packets a server sends, and readers of the bodies a client sends, for tests. */
public final class ServerPackets {

    private ServerPackets() {
    }

    public static Packet handshake(byte[] seed) {
        Handshake handshake = Handshake.newBuilder().setSeeds(ByteString.copyFrom(seed)).build();
        return Packet.newBuilder().setVersion(1).setType(PacketType.HANDSHAKE).setBody(handshake.toByteString())
                .build();
    }

    public static Packet ack() {
        return Packet.newBuilder().setType(PacketType.ACK).setBody(Ack.newBuilder().setErrorCode(0).build()
                .toByteString()).build();
    }

    public static Packet errorAck(int code, String message) {
        Ack ack = Ack.newBuilder().setErrorCode(code).setErrorMessage(message).build();
        return Packet.newBuilder().setType(PacketType.ACK).setBody(ack.toByteString()).build();
    }

    public static Packet messages(long batchId, List<Entry> entries) {
        Messages.Builder messages = Messages.newBuilder().setBatchId(batchId);
        entries.forEach(entry -> messages.addMessages(entry.toByteString()));
        return Packet.newBuilder().setType(PacketType.MESSAGES).setBody(messages.build().toByteString()).build();
    }

    public static Packet empty() {
        return messages(-1, List.of());
    }

    /** Parses a request body, failing the test on bad bytes. */
    public static <T> T body(Packet packet, BodyParser<T> parser) {
        try {
            return parser.parse(packet.getBody());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("bad " + packet.getType() + " body", e);
        }
    }

    @FunctionalInterface
    public interface BodyParser<T> {
        T parse(ByteString body) throws InvalidProtocolBufferException;
    }
}
