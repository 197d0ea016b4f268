package io.collector.server;

import io.collector.server.config.ZkConfig;
import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.ha.DestinationElection;
import io.collector.server.ha.LeadershipListener;
import io.collector.server.ha.ServerRegistration;
import io.collector.server.ha.ZkClients;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.instance.DestinationSupervisor;
import io.collector.server.lifecycle.Backoff;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.meta.ZkMetaConfig;
import io.collector.server.meta.ZooKeeperMetaManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    private static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);

    private final String serverId;
    private final CuratorFramework client;
    private final ServerRegistration registration;
    private final ZooKeeperMetaManager meta;
    private final Map<String, java.util.concurrent.atomic.AtomicLong> leaderships = new ConcurrentHashMap<>();
    private final Map<String, DestinationElection> elections = new ConcurrentHashMap<>();
    private final Duration coolDown;
    private final Map<String, ScheduledFuture<?>> rejoins = new ConcurrentHashMap<>();
    private final ScheduledExecutorService coolDowns = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("collector-ha-cooldown", false));

    /**
     * Connects to ZooKeeper and registers the server as {@code serverId} ({@code ip:port} clients connect to).
     * While ZooKeeper cannot be reached it keeps trying, with a growing delay, as long as {@code keepTrying}
     * says so (the server has not been told to stop), logging each attempt.
     */
    HighAvailability(ZkConfig zk, String serverId, Duration coolDown, BooleanSupplier keepTrying) {
        this.serverId = serverId;
        this.coolDown = coolDown;
        ZkClients.Builder builder = ZkClients.builder(zk.servers()).sessionTimeout(zk.sessionTimeout())
                .connectionTimeout(zk.connectionTimeout());
        if (!zk.auth().isEmpty()) {
            builder.digest(zk.auth());
        }
        this.client = connect(builder, zk, keepTrying);
        this.registration = new ServerRegistration(client, serverId);
        registration.start();
        this.meta = new ZooKeeperMetaManager(client, ZkMetaConfig.withPeriod(zk.flushPeriod().toMillis()),
                this::leads, this::fenced);
        LOG.info("high availability on ZooKeeper {} as server {}", zk.servers(), serverId);
    }

    private static CuratorFramework connect(ZkClients.Builder builder, ZkConfig zk, BooleanSupplier keepTrying) {
        Backoff backoff = new Backoff(RETRY_INITIAL, RETRY_MAX);
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (CollectorException e) {
                if (!e.retriable() || !keepTrying.getAsBoolean()) {
                    throw e;
                }
                long delay = backoff.next();
                LOG.warn("ZooKeeper {} not reachable (attempt {}): {}; retrying in {} ms (no destination runs"
                        + " until connected)", zk.servers(), attempt, e.getMessage(), delay);
                pause(delay);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectorException("interrupted while waiting to retry ZooKeeper", true, e);
        }
    }

    /** Cursors in ZooKeeper, written only for destinations this server leads. */
    ZooKeeperMetaManager meta() {
        return meta;
    }

    /** The ZooKeeper client (savepoints and the admin API's leader look-up use it). */
    CuratorFramework client() {
        return client;
    }

    /** How many times this server became the leader of {@code destination} since it started. */
    long leaderships(String destination) {
        java.util.concurrent.atomic.AtomicLong n = leaderships.get(destination);
        return n == null ? 0 : n.get();
    }

    /** Whether the ZooKeeper session is connected now. */
    boolean connected() {
        return client.getZookeeperClient().isConnected();
    }

    boolean leads(String destination) {
        DestinationElection election = elections.get(destination);
        return election != null && election.hasLeadership();
    }

    /**
     * A cursor write of {@code destination} failed because a later leader took over (its epoch fenced ours):
     * this server steps down at once (its supervisor stops) and stays a candidate. Runs the hand-over on a thread
     * of its own, since it is told on the writing thread.
     */
    private void fenced(String destination) {
        DestinationElection election = elections.get(destination);
        if (election == null) {
            return;
        }
        LOG.error("[destination={}] fenced: another server took over; stopping it here", destination);
        Thread t = new Thread(election::release, "collector-" + destination + "-fenced");
        t.setDaemon(true);
        t.start();
    }

    /** Joins the election of {@code destination}; its supervisor runs while this server leads. */
    void join(String destination, DestinationSupervisor<Destination> supervisor) {
        supervisor.stop(Phase.STANDBY);
        registration.addDestination(destination);
        supervisor.onGiveUp(() -> coolDowns.execute(() -> handOverFailed(destination, supervisor)));
        candidate(destination, supervisor);
    }

    private void candidate(String destination, DestinationSupervisor<Destination> supervisor) {
        DestinationElection election = new DestinationElection(client, destination, serverId,
                new Leadership(destination, supervisor));
        elections.put(destination, election);
        election.start();
    }

    /**
     * The destination FAILED here (its restart policy gave up): leave its election so a healthy server takes it,
     * and stand as a candidate again only after the cool-down. The supervisor keeps the FAILED state and error.
     */
    private void handOverFailed(String destination, DestinationSupervisor<Destination> supervisor) {
        DestinationElection election = elections.remove(destination);
        if (election == null) {
            return;
        }
        LOG.error("[destination={}] FAILED on {}: leaving the election so another server takes over; a candidate"
                + " again in {} ms", destination, serverId, coolDown.toMillis());
        flushQuietly(destination);
        election.stop();
        rejoins.put(destination, coolDowns.schedule(() -> {
            rejoins.remove(destination);
            LOG.info("[destination={}] cool-down over: {} is a candidate again", destination, serverId);
            candidate(destination, supervisor);
        }, coolDown.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Stops the destination with its cursors flushed, then leaves its election so another server takes over. */
    void leave(String destination, DestinationSupervisor<Destination> supervisor) {
        ScheduledFuture<?> rejoin = rejoins.remove(destination);
        if (rejoin != null) {
            rejoin.cancel(false);
        }
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
        coolDowns.shutdownNow();
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
            leaderships.computeIfAbsent(destination, d -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
            startIfLeading("leading", true);
        }

        @Override
        public void notLeader() {
            if (supervisor.state().phase() == Phase.FAILED) {
                return;
            }
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
            startIfLeading("ZooKeeper connection back and still leading", false);
        }

        /**
         * Starts the destination if this server leads it. A new leadership reads the cursors again; one kept
         * through a suspension keeps its own (no one else wrote meanwhile: the epoch fences every other server)
         * and writes what was acknowledged but not yet written, so nothing acknowledged comes again.
         */
        private void startIfLeading(String why, boolean newLeadership) {
            long start = System.nanoTime();
            DestinationElection election = elections.get(destination);
            if (election == null) {
                return;
            }
            election.fence().ifPresent(fence -> meta.fence(destination, fence));
            if (newLeadership) {
                meta.reload(destination);
            } else if (!writePending()) {
                return;
            }
            long readAt = System.nanoTime();
            if (leads(destination)) {
                supervisor.start();
                LOG.info("[destination={}] {}: starting on {} (takeover: cursors read in {} ms, destination started"
                        + " in {} ms)", destination, why, serverId, (readAt - start) / 1_000_000,
                        (System.nanoTime() - readAt) / 1_000_000);
            }
        }

        /** Writes the cursors left pending by the suspension; false when another server took over meanwhile. */
        private boolean writePending() {
            try {
                meta.writePending(destination);
            } catch (FencedException e) {
                LOG.error("[destination={}] {}", destination, e.getMessage());
                return false;
            } catch (CollectorException e) {
                LOG.warn("[destination={}] pending cursors not written yet (kept for the next write): {}",
                        destination, e.getMessage());
            }
            return true;
        }
    }
}
