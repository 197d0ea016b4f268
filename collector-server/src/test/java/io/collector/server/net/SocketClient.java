package io.collector.server.net;

import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Packet;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A blocking TCP client speaking the framed packets by hand, for server tests. */
final class SocketClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final byte[] seed;

    SocketClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
        seed = Handshake.parseFrom(read().getBody()).getSeeds().toByteArray();
    }

    byte[] seed() {
        return seed.clone();
    }

    void send(Packet packet) throws IOException {
        byte[] body = packet.toByteArray();
        out.write(java.nio.ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
        out.flush();
    }

    Packet request(Packet packet) throws IOException {
        send(packet);
        return read();
    }

    Packet read() throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return Packet.parseFrom(body);
    }

    /** Whether the server closed the connection (end of stream) within the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
