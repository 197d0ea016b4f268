package io.collector.server.ha;

import io.collector.server.lifecycle.AbstractLifecycle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this server in Canal's discovery znodes: EPHEMERAL {@code /otter/canal/cluster/{ip:port}} while
 * running, and EPHEMERAL {@code /otter/canal/destinations/{destination}/cluster/{ip:port}} for each hosted
 * destination. Curator {@link PersistentNode}s keep them: they are created in the background (also when ZooKeeper
 * is unreachable at first), recreated after a lost session, and deleted on {@link #removeDestination} and
 * {@link #stop()}. Thread-safe; the {@link CuratorFramework} belongs to the caller.
 */
public final class ServerRegistration extends AbstractLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRegistration.class);
    private static final byte[] EMPTY = new byte[0];

    private final CuratorFramework client;
    private final String serverId;
    private final Map<String, PersistentNode> destinations = new LinkedHashMap<>();
    private PersistentNode server;

    /**
     * @param serverId the address clients connect to, {@code ip:port}
     */
    public ServerRegistration(CuratorFramework client, String serverId) {
        this.client = client;
        this.serverId = Znodes.checkServerId(serverId);
    }

    public String serverId() {
        return serverId;
    }

    /** Announces that this server hosts {@code destination} (at once if running, else from {@link #start()}). */
    public synchronized void addDestination(String destination) {
        Znodes.checkDestination(destination);
        if (!destinations.containsKey(destination)) {
            PersistentNode node = node(Znodes.destinationServer(destination, serverId));
            destinations.put(destination, node);
            if (isRunning()) {
                node.start();
                LOG.info("[destination={}] registering {} as a host", destination, serverId);
            }
        }
    }

    /** Withdraws the announcement for {@code destination}; nothing happens if there is none. */
    public synchronized void removeDestination(String destination) {
        PersistentNode node = destinations.remove(destination);
        if (node != null) {
            close(node, destination);
            LOG.info("[destination={}] {} no longer registered as a host", destination, serverId);
        }
    }

    /** The destinations announced, sorted. */
    public synchronized Set<String> destinations() {
        return new TreeSet<>(destinations.keySet());
    }

    /**
     * Waits until every znode announced so far has been created once. Returns false on timeout or interrupt (the
     * interrupt flag is kept).
     */
    public boolean awaitRegistered(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (PersistentNode node : startedNodes()) {
                if (!node.waitForInitialCreate(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected synchronized void doStart() {
        server = node(Znodes.server(serverId));
        server.start();
        destinations.values().forEach(PersistentNode::start);
        LOG.info("Registering server {} with destinations {}", serverId, destinations.keySet());
    }

    @Override
    protected synchronized void doStop() {
        destinations.forEach((destination, node) -> close(node, destination));
        destinations.clear();
        close(server, null);
        LOG.info("Server {} unregistered", serverId);
    }

    private synchronized Iterable<PersistentNode> startedNodes() {
        if (!isRunning()) {
            return Set.of();
        }
        List<PersistentNode> nodes = new ArrayList<>(destinations.values());
        nodes.add(server);
        return nodes;
    }

    private PersistentNode node(String path) {
        return new PersistentNode(client, CreateMode.EPHEMERAL, false, path, EMPTY);
    }

    private void close(PersistentNode node, String destination) {
        try {
            node.close();
        } catch (IOException e) {
            LOG.warn("[destination={}] could not delete {} of server {} now: it goes with the session",
                    destination, node.getActualPath(), serverId, e);
        }
    }
}
