package io.collector.server;

import io.collector.server.config.ZkConfig;
import io.collector.server.ha.DestinationElection;
import io.collector.server.ha.LeadershipListener;
import io.collector.server.ha.ServerRegistration;
import io.collector.server.ha.ZkClients;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.instance.DestinationSupervisor;
import io.collector.server.meta.ZkMetaConfig;
import io.collector.server.meta.ZooKeeperMetaManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper high availability for one server: the server registers in Canal's discovery znodes, every
 * destination it hosts joins an election, and only the leader runs the destination (its supervisor), from the
 * cursors kept in ZooKeeper. A suspended ZooKeeper connection stops the destination at once; it starts again
 * only if this server still leads once reconnected.
 */
final class HighAvailability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HighAvailability.class);

    private final String serverId;
    private final CuratorFramework client;
    private final ServerRegistration registration;
    private final ZooKeeperMetaManager meta;
    private final Map<String, DestinationElection> elections = new ConcurrentHashMap<>();

    /** Connects to ZooKeeper and registers the server as {@code serverId} ({@code ip:port} clients connect to). */
    HighAvailability(ZkConfig zk, String serverId) {
        this.serverId = serverId;
        ZkClients.Builder builder = ZkClients.builder(zk.servers()).sessionTimeout(zk.sessionTimeout())
                .connectionTimeout(zk.connectionTimeout());
        if (!zk.auth().isEmpty()) {
            builder.digest(zk.auth());
        }
        this.client = builder.start();
        this.registration = new ServerRegistration(client, serverId);
        registration.start();
        this.meta = new ZooKeeperMetaManager(client, ZkMetaConfig.withPeriod(zk.flushPeriod().toMillis()),
                this::leads);
        LOG.info("high availability on ZooKeeper {} as server {}", zk.servers(), serverId);
    }

    /** Cursors in ZooKeeper, written only for destinations this server leads. */
    ZooKeeperMetaManager meta() {
        return meta;
    }

    /** The ZooKeeper client (savepoints and the admin API's leader look-up use it). */
    CuratorFramework client() {
        return client;
    }

    /** Whether the ZooKeeper session is connected now. */
    boolean connected() {
        return client.getZookeeperClient().isConnected();
    }

    boolean leads(String destination) {
        DestinationElection election = elections.get(destination);
        return election != null && election.hasLeadership();
    }

    /** Joins the election of {@code destination}; its supervisor runs while this server leads. */
    void join(String destination, DestinationSupervisor<Destination> supervisor) {
        supervisor.stop(Phase.STANDBY);
        registration.addDestination(destination);
        DestinationElection election = new DestinationElection(client, destination, serverId,
                new Leadership(destination, supervisor));
        elections.put(destination, election);
        election.start();
    }

    /** Stops the destination with its cursors flushed, then leaves its election so another server takes over. */
    void leave(String destination, DestinationSupervisor<Destination> supervisor) {
        supervisor.stop(Phase.STANDBY);
        flushQuietly(destination);
        DestinationElection election = elections.remove(destination);
        if (election != null) {
            election.stop();
        }
        registration.removeDestination(destination);
    }

    private void flushQuietly(String destination) {
        try {
            meta.flush();
        } catch (RuntimeException e) {
            LOG.warn("[destination={}] cursors not flushed before handing over: {}", destination, e.getMessage());
        }
    }

    @Override
    public void close() {
        elections.values().forEach(DestinationElection::stop);
        elections.clear();
        meta.stop();
        registration.stop();
        client.close();
    }

    /** Starts and stops one destination's supervisor as leadership comes and goes. */
    private final class Leadership implements LeadershipListener {

        private final String destination;
        private final DestinationSupervisor<Destination> supervisor;

        Leadership(String destination, DestinationSupervisor<Destination> supervisor) {
            this.destination = destination;
            this.supervisor = supervisor;
        }

        @Override
        public void isLeader() {
            startIfLeading("leading");
        }

        @Override
        public void notLeader() {
            LOG.info("[destination={}] standby: another server runs it", destination);
            supervisor.stop(Phase.STANDBY);
        }

        @Override
        public void suspended() {
            LOG.warn("[destination={}] ZooKeeper connection suspended: stopping delivery", destination);
            supervisor.stop(Phase.STANDBY);
        }

        @Override
        public void reconnected() {
            startIfLeading("ZooKeeper connection back and still leading");
        }

        private void startIfLeading(String why) {
            meta.reload(destination);
            if (leads(destination)) {
                LOG.info("[destination={}] {}: starting on {}", destination, why, serverId);
                supervisor.start();
            }
        }
    }
}
