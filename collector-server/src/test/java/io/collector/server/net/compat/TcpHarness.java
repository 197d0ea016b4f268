package io.collector.server.net.compat;

import io.collector.server.instance.Destination;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.net.CollectorTcpServer;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.service.LocalCollectorService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destinations over a test database, one {@link LocalCollectorService} over all of them, and TCP servers
 * on ephemeral ports of 127.0.0.1 in front of that service. Everything started is stopped by {@link #close()}.
 */
public final class TcpHarness implements AutoCloseable {

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final LocalCollectorService service =
            new LocalCollectorService(name -> Optional.ofNullable(destinations.get(name)));
    private final List<CollectorTcpServer> servers = new ArrayList<>();

    public TcpHarness() {
        meta.start();
    }

    /** Settings for a server on an ephemeral port of 127.0.0.1 with these credentials. */
    public static NetConfig netConfig(String user, String passwordHash) {
        return new NetConfig("127.0.0.1", 0, NetConfig.DEFAULT_MAX_FRAME_LENGTH, NetConfig.DEFAULT_IDLE_TIMEOUT,
                user, passwordHash);
    }

    public synchronized CollectorTcpServer startServer(NetConfig config) {
        CollectorTcpServer server = new CollectorTcpServer(config, service, Clock.systemUTC());
        server.start();
        servers.add(server);
        return server;
    }

    public Destination startDestination(InstanceConfig config) {
        Destination destination = new Destination(config, meta);
        destinations.put(config.destination(), destination);
        destination.start();
        return destination;
    }

    public Destination destination(String name) {
        return destinations.get(name);
    }

    /** The in-process service the servers use. */
    public LocalCollectorService service() {
        return service;
    }

    @Override
    public synchronized void close() {
        servers.forEach(CollectorTcpServer::stop);
        destinations.values().forEach(Destination::stop);
        meta.stop();
    }
}
