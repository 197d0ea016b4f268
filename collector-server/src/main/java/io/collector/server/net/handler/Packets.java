package io.collector.server.net.handler;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.Compression;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.service.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/** The packets the server sends, built as Canal's server builds them (version 1, no compression). */
public final class Packets {

    /** Canal's protocol version; its client refuses a handshake with any other. */
    public static final int VERSION = 1;

    private static final Packet OK = packet(PacketType.ACK, Ack.getDefaultInstance().toByteString());

    private Packets() {
    }

    /**
     * The first packet of every connection, carrying the seed for password scrambling, and advertising that
     * this server answers every ack and rollback to a client that asks for it ({@code ack_replies}).
     */
    public static Packet handshake(byte[] seed) {
        Handshake body = Handshake.newBuilder().setSeeds(ByteString.copyFrom(seed))
                .setSupportedCompressions(Compression.NONE).setAckReplies(true).build();
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

    /** Field numbers of Packet and Messages. */
    private static final int PACKET_VERSION = 2;
    private static final int PACKET_TYPE = 3;
    private static final int PACKET_COMPRESSION = 4;
    private static final int PACKET_BODY = 5;
    private static final int MESSAGES_BATCH_ID = 1;
    private static final int MESSAGES_MESSAGES = 2;
    /** Most bytes one entry's tag and length take. */
    private static final int ENTRY_PREFIX = 1 + 5;

    /**
     * The reply to a GET as the bytes of {@link #messages}: each entry's bytes as the store holds them
     * ({@link ChangeEvent#encodedBytes()}), with the Packet and Messages fields around them in one small array,
     * gathered into one composite buffer without copying the entries.
     */
    public static ByteBuf messagesBuffer(Message message) {
        List<ChangeEvent> events = message.events();
        int n = events.size();
        byte[][] entries = new byte[n][];
        long bodySize = CodedOutputStream.computeInt64Size(MESSAGES_BATCH_ID, message.batchId());
        for (int i = 0; i < n; i++) {
            entries[i] = events.get(i).encodedBytes();
            bodySize += CodedOutputStream.computeTagSize(MESSAGES_MESSAGES)
                    + CodedOutputStream.computeUInt32SizeNoTag(entries[i].length) + entries[i].length;
        }
        int body = Math.toIntExact(bodySize);
        byte[] prefixes = new byte[32 + n * ENTRY_PREFIX];
        CodedOutputStream out = CodedOutputStream.newInstance(prefixes);
        CompositeByteBuf buffer = Unpooled.compositeBuffer(2 * n + 1);
        try {
            out.writeInt32(PACKET_VERSION, VERSION);
            out.writeEnum(PACKET_TYPE, PacketType.MESSAGES_VALUE);
            out.writeEnum(PACKET_COMPRESSION, Compression.NONE_VALUE);
            out.writeTag(PACKET_BODY, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(body);
            out.writeInt64(MESSAGES_BATCH_ID, message.batchId());
            int from = 0;
            for (byte[] entry : entries) {
                out.writeTag(MESSAGES_MESSAGES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(entry.length);
                int to = out.getTotalBytesWritten();
                buffer.addComponent(true, Unpooled.wrappedBuffer(prefixes, from, to - from));
                buffer.addComponent(true, Unpooled.wrappedBuffer(entry));
                from = to;
            }
            int end = out.getTotalBytesWritten();
            if (end > from) {
                buffer.addComponent(true, Unpooled.wrappedBuffer(prefixes, from, end - from));
            }
        } catch (java.io.IOException e) {
            buffer.release();
            throw new IllegalStateException("MESSAGES prefix miscounted", e);
        }
        return buffer;
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
