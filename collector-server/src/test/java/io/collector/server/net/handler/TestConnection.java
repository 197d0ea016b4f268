package io.collector.server.net.handler;

import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;

/** One client connection on an {@link EmbeddedChannel}: sends framed packets, reads framed replies. */
final class TestConnection {

    final EmbeddedChannel channel;
    private final ByteBuf received = Unpooled.buffer();
    private final Queue<Packet> replies = new ArrayDeque<>();
    private byte[] seed;
    private Packet handshake;

    TestConnection(EmbeddedChannel channel) {
        this.channel = channel;
    }

    /** Reads the handshake and keeps its seed. */
    Packet handshake() throws Exception {
        handshake = next();
        seed = Handshake.parseFrom(handshake.getBody()).getSeeds().toByteArray();
        return handshake;
    }

    /** The handshake read by {@link #handshake()}. */
    Packet handshakePacket() {
        return handshake;
    }

    byte[] seed() {
        return seed;
    }

    void send(Packet packet) {
        sendBytes(frame(packet.toByteArray()));
    }

    /** Sends {@code packet} framed, {@code piece} bytes per write. */
    void sendInPieces(Packet packet, int piece) {
        byte[] bytes = frame(packet.toByteArray());
        for (int i = 0; i < bytes.length; i += piece) {
            sendBytes(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece)));
        }
    }

    void sendBytes(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** Sends a request and returns the one reply. */
    Packet request(Packet packet) throws Exception {
        send(packet);
        return next();
    }

    /** The next reply; fails if there is none. */
    Packet next() throws Exception {
        Packet packet = poll();
        if (packet == null) {
            throw new AssertionError("no reply");
        }
        return packet;
    }

    /** The next reply, or null if the server sent nothing more. */
    Packet poll() throws Exception {
        drainOutbound();
        return replies.poll();
    }

    boolean isOpen() {
        channel.runPendingTasks();
        return channel.isActive();
    }

    static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private void drainOutbound() throws Exception {
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) out;
            received.writeBytes(buf);
            buf.release();
        }
        while (received.readableBytes() >= 4 && received.readableBytes() >= 4 + received.getInt(received.readerIndex())) {
            byte[] body = new byte[received.readInt()];
            received.readBytes(body);
            replies.add(Packet.parseFrom(body));
        }
        received.discardReadBytes();
    }
}
