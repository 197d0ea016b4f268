package io.collector.client.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.client.CollectorProtocolException;
import io.collector.client.CollectorServerException;
import io.collector.client.Message;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.Compression;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reply packets. A refusal becomes a {@link CollectorServerException}; a packet the protocol does not
 * allow as this reply becomes a {@link CollectorProtocolException}.
 */
final class Replies {

    private Replies() {
    }

    /** Returns the handshake (seed, offered extensions), after checking the packet is a version-1 HANDSHAKE. */
    static Handshake handshake(Packet packet) {
        failOnRefusal("connecting", packet);
        expect(PacketType.HANDSHAKE, packet, "the handshake");
        if (packet.getVersion() != 1) {
            throw new CollectorProtocolException("unsupported protocol version " + packet.getVersion()
                    + " in the server's handshake; this client speaks version 1", null);
        }
        return parse("handshake", () -> Handshake.parseFrom(packet.getBody()));
    }

    /** Checks an ACK that answers {@code what}; returns {@code null} when it carries no error. */
    static Void ack(String what, Packet packet) {
        failOnRefusal(what, packet);
        expect(PacketType.ACK, packet, "the reply to " + what);
        return null;
    }

    /** Returns the batch of a MESSAGES reply to {@code what}, its entries parsed. */
    static Message messages(String what, Packet packet) {
        failOnRefusal(what, packet);
        expect(PacketType.MESSAGES, packet, "the reply to " + what);
        Compression compression = packet.getCompression();
        if (compression != Compression.NONE && compression != Compression.COMPRESSIONCOMPATIBLEPROTO2) {
            throw new CollectorProtocolException("the reply to " + what + " is compressed with " + compression
                    + "; the protocol allows only NONE", null);
        }
        Messages messages = parse("messages", () -> Messages.parseFrom(packet.getBody()));
        List<Entry> entries = new ArrayList<>(messages.getMessagesCount());
        for (ByteString raw : messages.getMessagesList()) {
            entries.add(parse("entry", () -> Entry.parseFrom(raw)));
        }
        return new Message(messages.getBatchId(), entries);
    }

    /** Returns the batch id of a MESSAGES packet, or the empty batch's id for any other packet. */
    static long batchIdOf(Packet packet) {
        if (packet.getType() != PacketType.MESSAGES) {
            return Message.EMPTY_BATCH_ID;
        }
        try {
            return Messages.parseFrom(packet.getBody()).getBatchId();
        } catch (InvalidProtocolBufferException e) {
            return Message.EMPTY_BATCH_ID;
        }
    }

    /** Returns the ACK's error, or {@code null} when the packet is not an error ACK. */
    static Ack errorAck(Packet packet) {
        if (packet.getType() != PacketType.ACK) {
            return null;
        }
        Ack ack = parse("ack", () -> Ack.parseFrom(packet.getBody()));
        return ack.getErrorCode() > 0 ? ack : null;
    }

    /** Returns the exception for a refusal of {@code what}. */
    static CollectorServerException refusal(String what, Ack ack) {
        return refusal(what, ack, "");
    }

    /** Returns the exception for a refusal of {@code what}, with advice appended to its message. */
    static CollectorServerException refusal(String what, Ack ack, String advice) {
        return new CollectorServerException("server refused " + what + ": error " + ack.getErrorCode() + ", "
                + ack.getErrorMessage() + advice, ack.getErrorCode(), ack.getErrorMessage());
    }

    private static void failOnRefusal(String what, Packet packet) {
        Ack error = errorAck(packet);
        if (error != null) {
            throw refusal(what, error);
        }
    }

    private static void expect(PacketType type, Packet packet, String what) {
        if (packet.getType() != type) {
            throw new CollectorProtocolException("expected " + type + " as " + what + " but received "
                    + packet.getType(), null);
        }
    }

    private static <T> T parse(String what, Parse<T> parse) {
        try {
            return parse.run();
        } catch (InvalidProtocolBufferException e) {
            throw new CollectorProtocolException("cannot parse the " + what + " in a reply: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }
}
