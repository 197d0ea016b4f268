package io.collector.server.net.handler;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.Compression;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.service.Message;

/** The packets the server sends, built as Canal's server builds them (version 1, no compression). */
public final class Packets {

    /** Canal's protocol version; its client refuses a handshake with any other. */
    public static final int VERSION = 1;

    private static final Packet OK = packet(PacketType.ACK, Ack.getDefaultInstance().toByteString());

    private Packets() {
    }

    /** The first packet of every connection, carrying the seed for password scrambling. */
    public static Packet handshake(byte[] seed) {
        Handshake body = Handshake.newBuilder().setSeeds(ByteString.copyFrom(seed))
                .setSupportedCompressions(Compression.NONE).build();
        return packet(PacketType.HANDSHAKE, body.toByteString());
    }

    /** An ACK without error. */
    public static Packet ok() {
        return OK;
    }

    /** An ACK carrying Canal's error code (400, 401, 402) and a message. */
    public static Packet error(int code, String message) {
        Ack body = Ack.newBuilder().setErrorCode(code).setErrorMessage(message).build();
        return packet(PacketType.ACK, body.toByteString());
    }

    /** The reply to a GET: the batch id and each entry serialized; batch id -1 and no entries when empty. */
    public static Packet messages(Message message) {
        Messages.Builder body = Messages.newBuilder().setBatchId(message.batchId());
        for (ChangeEvent event : message.events()) {
            body.addMessages(UnsafeByteOperations.unsafeWrap(event.encodedBytes()));
        }
        return packet(PacketType.MESSAGES, body.build().toByteString());
    }

    private static Packet packet(PacketType type, ByteString body) {
        return Packet.newBuilder().setVersion(VERSION).setType(type).setCompression(Compression.NONE).setBody(body)
                .build();
    }
}
