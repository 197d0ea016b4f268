package io.collector.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port that forwards to a target and can cut every open connection at once, or
 * black-hole the traffic (a partition: bytes vanish, nothing is closed, new connections get no answer), to test
 * how a client survives a network failure. One thread per direction per connection; for tests only.
 */
public final class TcpFaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile String targetHost;
    private volatile int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile boolean blackhole;

    public TcpFaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(this::acceptLoop, "tcp-fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /**
     * Sends new connections to another target from now on (as a virtual IP moved to another server); open
     * connections stay where they are until cut.
     */
    public synchronized void retarget(String host, int port) {
        targetHost = host;
        targetPort = port;
    }

    /** Closes every open connection, both sides; new connections are still accepted. */
    public void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /**
     * While on, every byte in either direction is dropped and new connections are accepted but never answered;
     * open connections stay open. Off again, traffic flows on the connections that are still open.
     */
    public void blackhole(boolean on) {
        blackhole = on;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (blackhole) {
                    sockets.add(client);
                    continue;
                }
                Socket upstream;
                synchronized (this) {
                    upstream = new Socket(targetHost, targetPort);
                }
                sockets.add(client);
                sockets.add(upstream);
                accepted.incrementAndGet();
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!closed) {
                    cutAll();
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!blackhole) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // a cut connection ends its pumps
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cutAll();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
