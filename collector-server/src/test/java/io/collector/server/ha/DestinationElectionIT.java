package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.testing.Await;
import io.collector.server.testing.ZkTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Two or three servers elect a leader for one destination on a real ZooKeeper; ZooKeeper stops and sessions die. */
@Timeout(120)
class DestinationElectionIT {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationElectionIT.class);
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String RUNNING = "/otter/canal/destinations/example/running";

    private final List<CuratorFramework> clients = new ArrayList<>();
    private final List<DestinationElection> elections = new ArrayList<>();
    private final List<RecordingListener> listeners = new ArrayList<>();
    private TestingServer zk;
    private CuratorFramework observer;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zk = ZkTesting.server();
        observer = ZkTesting.client(zk);
    }

    @AfterEach
    void stopAll() throws Exception {
        elections.forEach(DestinationElection::stop);
        clients.forEach(CuratorFramework::close);
        observer.close();
        zk.close();
    }

    private DestinationElection candidate(LeadershipListener listener) {
        CuratorFramework client = ZkTesting.client(zk);
        clients.add(client);
        DestinationElection election = new DestinationElection(client, "example",
                "127.0.0.1:" + (11111 + elections.size()), listener);
        elections.add(election);
        election.start();
        return election;
    }

    private void candidates(int count) {
        for (int i = 0; i < count; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            candidate(listener);
        }
    }

    private RecordingListener listenerOf(DestinationElection election) {
        return listeners.get(elections.indexOf(election));
    }

    private CuratorFramework clientOf(DestinationElection election) {
        return clients.get(elections.indexOf(election));
    }

    private List<DestinationElection> leaders() {
        return elections.stream().filter(DestinationElection::hasLeadership).toList();
    }

    /** Waits until exactly one server leads and every owner's last event agrees with its role. */
    private DestinationElection awaitSingleLeader() {
        Await.until("exactly one leader, agreeing with its listener", LIMIT, () -> leaders().size() == 1
                && elections.stream().allMatch(e -> e.hasLeadership() == leads(listenerOf(e))));
        return leaders().get(0);
    }

    private static boolean leads(RecordingListener listener) {
        return listener.last().equals("isLeader") || listener.last().equals("reconnected");
    }

    private int latchNodes() {
        try {
            return observer.getChildren().forPath("/collector/election/example").size();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void exactlyOneLeadsAndTheRunningZnodeNamesItInCanalJson() {
        candidates(3);

        DestinationElection leader = awaitSingleLeader();

        assertThat(ZkTesting.text(observer, RUNNING))
                .isEqualTo("{\"active\":true,\"address\":\"" + leader.serverId() + "\"}");
        Stat running = ZkTesting.stat(observer, RUNNING);
        assertThat(running.getEphemeralOwner()).isEqualTo(ZkTesting.sessionId(clientOf(leader)));
        assertThat(elections).allSatisfy(e -> assertThat(e.leaderId()).contains(leader.serverId()));
        assertThat(listenerOf(leader).events).containsExactly("isLeader");
        assertThat(listenerOf(leader).threads).containsOnly("collector-example-election");
        elections.stream().filter(e -> e != leader).forEach(e -> assertThat(listenerOf(e).events).isEmpty());
        assertThat(latchNodes()).isEqualTo(3);
    }

    @Test
    void releasingHandsLeadershipOverInWellUnderASecond() {
        candidates(3);
        DestinationElection first = awaitSingleLeader();

        long start = System.nanoTime();
        first.release();
        Await.until("another server leads", LIMIT, () -> leaders().size() == 1 && !first.hasLeadership());
        Duration handover = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Handover after release took {} ms", handover.toMillis());

        assertThat(handover).isLessThan(Duration.ofSeconds(1));
        DestinationElection second = awaitSingleLeader();
        assertThat(second).isNotSameAs(first);
        Await.until("the running znode names the new leader", LIMIT, () -> ("{\"active\":true,\"address\":\""
                + second.serverId() + "\"}").equals(ZkTesting.text(observer, RUNNING)));
        assertThat(listenerOf(first).events).containsExactly("isLeader", "notLeader");
        Await.until("the first server is a candidate again", LIMIT, () -> latchNodes() == 3);
    }

    @Test
    void stoppingTheLeaderHandsLeadershipOverInWellUnderASecond() {
        candidates(2);
        DestinationElection first = awaitSingleLeader();

        long start = System.nanoTime();
        first.stop();
        Await.until("the other server leads", LIMIT, () -> leaders().size() == 1);
        Duration handover = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Handover after stop took {} ms", handover.toMillis());

        assertThat(handover).isLessThan(Duration.ofSeconds(1));
        DestinationElection second = leaders().get(0);
        assertThat(ZkTesting.text(observer, RUNNING)).contains(second.serverId());
        assertThat(listenerOf(first).events).containsExactly("isLeader", "notLeader");
        assertThat(first.hasLeadership()).isFalse();
        Await.until("the stopped server left the election", LIMIT, () -> latchNodes() == 1);
    }

    @Test
    void theLeaderIsSuspendedWhenZooKeeperStopsAndOneLeadsAfterItRestarts() throws Exception {
        candidates(2);
        DestinationElection leader = awaitSingleLeader();

        long start = System.nanoTime();
        zk.stop();
        Await.until("the leader is suspended", ZkTesting.SESSION_TIMEOUT,
                () -> listenerOf(leader).heard("suspended"));
        LOG.info("Suspended {} ms after ZooKeeper stopped", Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertThat(leaders()).isEmpty();

        zk.restart();

        DestinationElection next = awaitSingleLeader();
        Await.until("the running znode names the leader", LIMIT,
                () -> ZkTesting.text(observer, RUNNING) != null && ZkTesting.text(observer, RUNNING)
                        .equals("{\"active\":true,\"address\":\"" + next.serverId() + "\"}"));
        assertThat(listenerOf(leader).events.subList(0, 2)).containsExactly("isLeader", "suspended");
        assertThat(listenerOf(leader).threads).containsOnly("collector-example-election");
    }

    @Test
    void aLostSessionEndsLeadershipAndTheServerRejoins() throws Exception {
        candidates(2);
        DestinationElection first = awaitSingleLeader();
        DestinationElection other = elections.get(1 - elections.indexOf(first));

        KillSession.kill(clientOf(first).getZookeeperClient().getZooKeeper());

        Await.until("the first leader heard notLeader", LIMIT, () -> listenerOf(first).heard("notLeader"));
        assertThat(awaitSingleLeader()).isSameAs(other);
        Await.until("the first server is a candidate again", LIMIT, () -> latchNodes() == 2);
        Await.until("the running znode names the new leader", LIMIT,
                () -> String.valueOf(ZkTesting.text(observer, RUNNING)).contains(other.serverId()));

        other.release();

        assertThat(awaitSingleLeader()).isSameAs(first);
    }

    @Test
    void anOwnerMayReleaseFromItsListener() {
        AtomicBoolean released = new AtomicBoolean();
        List<DestinationElection> self = new ArrayList<>();
        RecordingListener releasing = new RecordingListener() {
            @Override
            public void isLeader() {
                super.isLeader();
                if (released.compareAndSet(false, true)) {
                    self.get(0).release();
                }
            }
        };
        listeners.add(releasing);
        self.add(candidate(releasing));
        Await.until("the first candidate leads and releases", LIMIT, released::get);
        candidates(1);

        DestinationElection leader = awaitSingleLeader();

        assertThat(listenerOf(leader).events).contains("isLeader");
    }

    @Test
    void nothingLeadsBeforeStartOrAfterStop() {
        RecordingListener listener = new RecordingListener();
        listeners.add(listener);
        CuratorFramework client = ZkTesting.client(zk);
        clients.add(client);
        DestinationElection election = new DestinationElection(client, "example", "127.0.0.1:11111", listener);

        assertThat(election.hasLeadership()).isFalse();
        assertThat(election.leaderId()).isEmpty();
        election.start();
        elections.add(election);
        Await.until("it leads", LIMIT, election::hasLeadership);
        election.stop();
        election.stop();

        assertThat(election.hasLeadership()).isFalse();
        assertThat(listener.events).containsExactly("isLeader", "notLeader");
        assertThat(ZkTesting.stat(observer, RUNNING)).isNull();
    }

    @Test
    void namesAreChecked() {
        assertThatThrownBy(() -> new DestinationElection(observer, "a/b", "127.0.0.1:11111", new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/b");
        assertThatThrownBy(() -> new DestinationElection(observer, "example", "127.0.0.1", new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ip:port");
    }
}
