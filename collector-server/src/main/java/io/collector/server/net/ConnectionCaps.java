package io.collector.server.net;

import io.collector.server.net.handler.NetLimits;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts open connections, in all and per remote IP address, and refuses one beyond either cap. A refused
 * connection is closed before anything is read from it or written to it. Thread-safe.
 */
final class ConnectionCaps {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCaps.class);

    private final int max;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionCaps(NetLimits limits) {
        this.max = limits.maxConnections();
        this.maxPerAddress = limits.maxConnectionsPerAddress();
    }

    /** Counts the channel until it closes and returns true, or returns false if a cap is reached. */
    boolean admit(Channel channel) {
        InetAddress address = address(channel.remoteAddress());
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            LOG.warn("Refused connection from {}: {} connections open (collector.net.max.connections)", address, max);
            return false;
        }
        if (perAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            LOG.warn("Refused connection from {}: {} connections open from that address "
                    + "(collector.net.max.connections.per.address)", address, maxPerAddress);
            return false;
        }
        channel.closeFuture().addListener(f -> release(address));
        return true;
    }

    int open() {
        return open.get();
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
    }

    private static InetAddress address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
