package io.collector.server.ha;

import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.error.ZooKeeperErrors;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.lifecycle.Shutdowns;
import io.collector.server.meta.Fence;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which server runs one destination: a Curator {@link LeaderLatch} at {@code /collector/election/{dest}}
 * whose participant id is the server id {@code ip:port}. The leader writes Canal's EPHEMERAL running znode
 * ({@link RunningZnode}) before it is told {@link LeadershipListener#isLeader()}.
 *
 * <p>Connection states: SUSPENDED makes {@link #hasLeadership()} false at once (on Curator's thread) and then
 * tells the leader {@link LeadershipListener#suspended()}; RECONNECTED checks the latch again: still leading gives
 * {@link LeadershipListener#reconnected()}, else {@link LeadershipListener#notLeader()}; LOST gives
 * {@code notLeader()}, and the latch rejoins the election by itself once connected again. This expects a client
 * from {@link ZkClients} (session-based error policy); with Curator's standard policy a suspension also ends
 * leadership.
 *
 * <p>{@link #release()} hands leadership over and stays a candidate; {@link #stop()} leaves the election. Both
 * first tell the owner {@code notLeader()} and wait for it, then delete the running znode and close the latch,
 * so a standby takes over within milliseconds. All events and listener calls run on one thread,
 * {@code collector-<destination>-election}.
 */
public final class DestinationElection extends AbstractLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationElection.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private enum Role { STANDBY, LEADER, SUSPENDED }

    private final CuratorFramework client;
    private final String destination;
    private final String serverId;
    private final LeadershipListener listener;
    private final RunningZnode running;
    private final LeaderEpoch epoch;
    private final ConnectionStateListener connectionListener = (c, state) -> connectionChanged(state);
    private final ExecutorService events;
    private volatile Thread eventThread;
    private volatile LeaderLatch latch;
    private volatile Role role = Role.STANDBY;
    private volatile Fence fence;
    private volatile boolean connected;

    /**
     * @param serverId the address clients connect to, {@code ip:port}; also written to the running znode
     */
    public DestinationElection(CuratorFramework client, String destination, String serverId,
            LeadershipListener listener) {
        this.client = client;
        this.destination = Znodes.checkDestination(destination);
        this.serverId = Znodes.checkServerId(serverId);
        this.listener = listener;
        this.running = new RunningZnode(client, destination, RunningData.active(serverId));
        this.epoch = new LeaderEpoch(client, destination);
        NamedThreadFactory threads = new NamedThreadFactory("collector-" + destination + "-election", false);
        this.events = Executors.newSingleThreadExecutor(task -> eventThread = threads.newThread(task));
    }

    public String destination() {
        return destination;
    }

    public String serverId() {
        return serverId;
    }

    /**
     * Whether this server leads the destination right now: it holds the latch, the connection is not suspended,
     * and the owner has been (or is being) told {@link LeadershipListener#isLeader()}. Check it before starting a
     * dump and before each delivery. Any thread.
     */
    public boolean hasLeadership() {
        LeaderLatch current = latch;
        return role == Role.LEADER && connected && current != null && current.hasLeadership();
    }

    /**
     * This leader's fencing token, written when it won the election; empty unless {@link #hasLeadership()}.
     * Writes for the destination carry it, so they fail once a later leader took over.
     */
    public Optional<Fence> fence() {
        Fence current = fence;
        return hasLeadership() ? Optional.ofNullable(current) : Optional.empty();
    }

    /**
     * The server id of the current leader as ZooKeeper sees it, empty when there is none.
     *
     * @throws CollectorException retriable when ZooKeeper cannot be reached
     */
    public Optional<String> leaderId() {
        LeaderLatch current = latch;
        if (current == null || !isRunning()) {
            return Optional.empty();
        }
        try {
            Participant leader = current.getLeader();
            return leader.isLeader() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("[destination=" + destination + "] Cannot read the leader", e);
        }
    }

    /**
     * Gives leadership to the next candidate and stays a candidate. Does nothing unless leading. Returns once the
     * owner was told {@link LeadershipListener#notLeader()} and the latch node is being deleted. Any thread,
     * including a listener call.
     */
    public void release() {
        if (isRunning()) {
            onEvents(() -> {
                if (role != Role.STANDBY) {
                    LOG.info("[destination={}] {} releases leadership", destination, serverId);
                    leave();
                    join();
                }
            });
        }
    }

    @Override
    protected void doStart() {
        connected = client.getZookeeperClient().isConnected();
        client.getConnectionStateListenable().addListener(connectionListener);
        onEvents(this::join);
        LOG.info("[destination={}] {} joined the election at {}", destination, serverId, Znodes.election(destination));
    }

    @Override
    protected void doStop() {
        client.getConnectionStateListenable().removeListener(connectionListener);
        onEvents(this::leave);
        if (Thread.currentThread() == eventThread) {
            events.shutdown();
        } else {
            Shutdowns.stop(events, "collector-" + destination + "-election", WAIT);
        }
        LOG.info("[destination={}] {} left the election", destination, serverId);
    }

    private void join() {
        LeaderLatch next = new LeaderLatch(client, Znodes.election(destination), serverId);
        next.addListener(new LatchEvents(next), events);
        latch = next;
        try {
            next.start();
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("[destination=" + destination + "] Cannot join the election", e);
        }
    }

    /** Steps down if leading (owner first, then the running znode), then closes the latch. */
    private void leave() {
        if (role != Role.STANDBY) {
            stepDown("leaving the election");
            releaseRunning();
        }
        LeaderLatch current = latch;
        latch = null;
        if (current == null) {
            return;
        }
        try {
            current.close(LeaderLatch.CloseMode.SILENT);
        } catch (IOException | IllegalStateException e) {
            LOG.warn("[destination={}] closing the leader latch failed; its node goes with the session",
                    destination, e);
        }
    }

    private void onLeader() {
        LeaderLatch current = latch;
        if (role != Role.STANDBY || !connected || current == null || !current.hasLeadership()) {
            return;
        }
        long start = System.nanoTime();
        try {
            fence = epoch.advance(serverId);
        } catch (CollectorException e) {
            LOG.warn("[destination={}] elected but cannot start a new epoch, not leading for now: {}", destination,
                    e.getMessage());
            return;
        }
        long epochAt = System.nanoTime();
        if (!claimRunning() || !current.hasLeadership()) {
            releaseRunning();
            return;
        }
        role = Role.LEADER;
        LOG.info("[destination={}] {} is the leader (epoch {}; takeover: epoch written in {} ms, running znode in {}"
                + " ms)", destination, serverId, fence.epoch(), (epochAt - start) / 1_000_000,
                (System.nanoTime() - epochAt) / 1_000_000);
        tell(LeadershipListener::isLeader);
    }

    private void onNotLeader() {
        if (role != Role.STANDBY) {
            stepDown("another server leads");
            releaseRunning();
        }
    }

    private void connectionChanged(ConnectionState state) {
        connected = state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED;
        try {
            events.execute(() -> onConnection(state));
        } catch (RejectedExecutionException e) {
            LOG.debug("[destination={}] connection {} after stop", destination, state);
        }
    }

    private void onConnection(ConnectionState state) {
        switch (state) {
            case SUSPENDED, READ_ONLY -> {
                if (role == Role.LEADER) {
                    role = Role.SUSPENDED;
                    LOG.warn("[destination={}] ZooKeeper connection {}: pausing as leader", destination, state);
                    tell(LeadershipListener::suspended);
                }
            }
            case LOST -> {
                if (role != Role.STANDBY) {
                    stepDown("ZooKeeper session lost");
                }
            }
            case CONNECTED, RECONNECTED -> onReconnected();
        }
    }

    private void onReconnected() {
        LeaderLatch current = latch;
        if (role == Role.SUSPENDED && current != null && current.hasLeadership() && claimRunning()) {
            role = Role.LEADER;
            LOG.info("[destination={}] ZooKeeper connection back: {} still leads", destination, serverId);
            tell(LeadershipListener::reconnected);
        } else if (role == Role.SUSPENDED) {
            stepDown("leadership lost while disconnected");
            releaseRunning();
        } else if (role == Role.STANDBY) {
            onLeader();
        }
    }

    private void stepDown(String why) {
        role = Role.STANDBY;
        LOG.info("[destination={}] {} is no longer the leader: {}", destination, serverId, why);
        tell(LeadershipListener::notLeader);
    }

    /** Writes the running znode; false when a later leader's epoch fenced this one. */
    private boolean claimRunning() {
        try {
            running.claim(fence);
        } catch (FencedException e) {
            LOG.error("[destination={}] {}", destination, e.getMessage());
            return false;
        } catch (CollectorException e) {
            LOG.warn("[destination={}] leading without running znode {} for now (written again on reconnect): {}",
                    destination, running.path(), e.getMessage());
        }
        return true;
    }

    private void releaseRunning() {
        if (!connected) {
            return;
        }
        try {
            running.release();
        } catch (CollectorException e) {
            LOG.warn("[destination={}] running znode {} not deleted: it goes with the session: {}", destination,
                    running.path(), e.getMessage());
        }
    }

    private void tell(Consumer<LeadershipListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.error("[destination={}] leadership listener failed", destination, e);
        }
    }

    /** Runs {@code task} on the event thread and waits for it (inline when already there). */
    private void onEvents(Runnable task) {
        if (Thread.currentThread() == eventThread) {
            task.run();
            return;
        }
        Future<?> done;
        try {
            done = events.submit(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("[destination={}] election already stopped", destination);
            return;
        }
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new CollectorException("[destination=" + destination + "] election task failed", false, e);
        } catch (TimeoutException e) {
            LOG.warn("[destination={}] election thread busy for more than {} ms", destination, WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latch events, ignored once that latch is no longer the current one. */
    private final class LatchEvents implements LeaderLatchListener {

        private final LeaderLatch source;

        LatchEvents(LeaderLatch source) {
            this.source = source;
        }

        @Override
        public void isLeader() {
            if (source == latch) {
                onLeader();
            }
        }

        @Override
        public void notLeader() {
            if (source == latch) {
                onNotLeader();
            }
        }
    }
}
