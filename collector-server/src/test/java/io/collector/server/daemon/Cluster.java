package io.collector.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.testing.Await;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;

/**
 * Several collector processes started with the real scripts, sharing one destination through ZooKeeper, with
 * ways to find, kill (-9) and gracefully stop the leader and to check from the servers' logs that no two of
 * them ever led at the same time.
 */
public final class Cluster {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern EVENT = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*\\[destination=([^\\]]+)\\] (.*)$");

    private final String destination;
    private final CuratorFramework zk;
    private final Map<String, Daemon> byAddress = new HashMap<>();
    private final Map<String, List<Long>> killedAtMs = new HashMap<>();
    private final List<String> dead = new ArrayList<>();
    private long leaderSince;
    private Path dir;
    private TestMariaDb db;
    private MasterStatus startStatus;

    private Cluster(String destination, String zkConnect) {
        this.destination = destination;
        this.zk = CuratorFrameworkFactory.newClient(zkConnect, new RetryNTimes(10, 100));
        zk.start();
        // a test that dies before stopAll() must not leave server processes behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "cluster-cleanup"));
    }

    private void killAll() {
        for (Daemon daemon : byAddress.values()) {
            try {
                Path pidFile = daemon.conf().resolve("collector.pid");
                if (Files.exists(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException e) {
                // best effort at JVM exit
            }
        }
    }

    /**
     * Lines a test adds to every server's {@code collector.properties} and to the destination's
     * {@code instance.properties}, after the cluster's own (a key set again there wins).
     */
    public record Extra(List<String> server, List<String> instance) {

        public static final Extra NONE = new Extra(List.of(), List.of());

        public Extra {
            server = List.copyOf(server);
            instance = List.copyOf(instance);
        }
    }

    /** Writes {@code servers} configuration folders under {@code dir} and starts each with bin/startup.sh. */
    public static Cluster start(Path dir, int servers, TestMariaDb db, String zkConnect, String destination) {
        return start(dir, servers, db, zkConnect, destination, Extra.NONE);
    }

    /** As {@link #start(Path, int, TestMariaDb, String, String)}, with {@code extra} configuration lines. */
    public static Cluster start(Path dir, int servers, TestMariaDb db, String zkConnect, String destination,
                                Extra extra) {
        Cluster cluster = empty(dir, db, zkConnect, destination);
        for (int i = 1; i <= servers; i++) {
            cluster.addServer(zkConnect, extra);
        }
        return cluster;
    }

    /**
     * A cluster without servers yet ({@link #addServer}); its servers start reading {@code db} where its binlog
     * stands now, and the test watches ZooKeeper at {@code zkConnect}.
     */
    public static Cluster empty(Path dir, TestMariaDb db, String zkConnect, String destination) {
        Cluster cluster = new Cluster(destination, zkConnect);
        cluster.dir = dir;
        cluster.db = db;
        cluster.startStatus = db.masterStatus();
        return cluster;
    }

    /**
     * Starts one more server with bin/startup.sh, reaching ZooKeeper at {@code serverZk} (the cluster's, or a
     * proxy in front of it); returns its address {@code ip:port}.
     */
    public String addServer(String serverZk, Extra extra) {
        int i = byAddress.size() + 1;
        int port = Daemon.freePort();
        Path conf = dir.resolve("server" + i).resolve("conf");
        Daemon.write(conf.resolve("collector.properties"), lines(extra.server(), "collector.port = " + port,
                "collector.metrics.port = " + Daemon.freePort(), "collector.admin.port = " + Daemon.freePort(),
                "collector.register.ip = 127.0.0.1", "collector.zk.servers = " + serverZk,
                "collector.supervise.policy = fixed", "collector.supervise.delay = 200ms",
                "collector.supervise.max.attempts = 1000"));
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
        Daemon.write(conf.resolve(destination).resolve("instance.properties"), lines(extra.instance(),
                "collector.instance.source.address = 127.0.0.1:" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + startStatus.file(),
                "collector.instance.start.position = " + startStatus.position()));
        Daemon daemon = new Daemon(conf);
        String address = "127.0.0.1:" + port;
        byAddress.put(address, daemon);
        Daemon.Result started = daemon.start();
        if (started.status() != 0) {
            stopAll();
            throw new AssertionError("server " + i + " did not start: " + started.output());
        }
        return address;
    }

    private static String[] lines(List<String> extra, String... own) {
        List<String> all = new ArrayList<>(List.of(own));
        all.addAll(extra);
        return all.toArray(String[]::new);
    }

    /** The running server's address from Canal's running znode, waiting for one to exist. */
    public String awaitLeader() {
        String[] leader = new String[1];
        Await.until("a server runs " + destination, WAIT, () -> {
            leader[0] = runningAddress();
            return leader[0] != null && !dead.contains(leader[0]);
        });
        return leader[0];
    }

    /** When (System.nanoTime) the current leader's running znode was first seen by {@link #awaitNewLeader}. */
    public long leaderSince() {
        return leaderSince;
    }

    private String runningAddress() {
        try {
            byte[] data = zk.getData().forPath("/otter/canal/destinations/" + destination + "/running");
            Matcher m = Pattern.compile("\"address\":\"([^\"]+)\"").matcher(new String(data, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills the leader's JVM with SIGKILL; returns System.nanoTime() right after the kill. */
    public long killLeader() throws IOException, InterruptedException {
        String leader = awaitLeader();
        Daemon daemon = byAddress.get(leader);
        String pid = Files.readString(daemon.conf().resolve("collector.pid")).trim();
        Process kill = new ProcessBuilder("kill", "-9", pid).start();
        assertThat(kill.waitFor()).isZero();
        long at = System.nanoTime();
        killedAtMs.computeIfAbsent(leader, k -> new ArrayList<>()).add(System.currentTimeMillis());
        dead.add(leader);
        Await.until("pid " + pid + " is gone", WAIT, () -> !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                .orElse(false));
        return at;
    }

    /**
     * Starts the killed servers again, so the cluster keeps a standby. A test may run it on another thread while
     * it waits for the takeover, as long as it calls nothing else on the cluster until it is done.
     */
    public void restartDead() {
        for (String address : dead) {
            Daemon.Result started = byAddress.get(address).start();
            assertThat(started.status()).as(started.output()).isZero();
        }
        dead.clear();
    }

    /** Stops the leader with bin/stop.sh; returns System.nanoTime() when the stop began. */
    public long stopLeader() {
        String leader = awaitLeader();
        long at = System.nanoTime();
        dead.add(leader);
        Daemon.Result stopped = byAddress.get(leader).stop();
        assertThat(stopped.status()).as(stopped.output()).isZero();
        awaitNewLeader(leader);
        return at;
    }

    /** Waits until another server than {@code old} runs the destination; returns its address. */
    public String awaitLeaderOtherThan(String old) {
        awaitNewLeader(old);
        return runningAddress();
    }

    /** The address in the running znode now, or null when there is none. */
    public String runningNow() {
        return runningAddress();
    }

    /** Sends {@code signal} (e.g. STOP, CONT) to the server at {@code address}. */
    public void signal(String address, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid(address))).start();
        assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
    }

    private void awaitNewLeader(String old) {
        Await.until("another server runs " + destination, WAIT, () -> {
            String now = runningAddress();
            if (now != null && !now.equals(old)) {
                leaderSince = System.nanoTime();
                return true;
            }
            return false;
        });
    }

    /** The lines of the log of the server at {@code address} that hold {@code text}. */
    public List<String> logLines(String address, String text) {
        return byAddress.get(address).log().lines().filter(line -> line.contains(text)).toList();
    }

    /** The lines of every server's log that hold {@code text}. */
    public List<String> logLines(String text) {
        List<String> lines = new ArrayList<>();
        for (Daemon daemon : byAddress.values()) {
            daemon.log().lines().filter(line -> line.contains(text)).forEach(lines::add);
        }
        return lines;
    }

    /** Waits until the server at {@code address} logged {@code text}. */
    public void awaitLog(String address, String text) {
        Await.until(address + " logs \"" + text + "\"", WAIT, () -> byAddress.get(address).log().contains(text));
    }

    /**
     * The handover as the servers logged it: from the old leader's "collector stopping" (its SIGTERM handled) to
     * the new leader's "leading: starting on".
     */
    public long handoverMillis(String oldLeader, String newLeader) {
        long stopping = lastTime(byAddress.get(oldLeader), "collector stopping");
        long leading = lastTime(byAddress.get(newLeader), "leading: starting on");
        return leading - stopping;
    }

    /** When (epoch milliseconds) the server at {@code address} last logged {@code text}, waiting for such a line. */
    public long logMillis(String address, String text) {
        return lastTime(byAddress.get(address), text);
    }

    /** The addresses ({@code ip:port}) of the cluster's servers. */
    public List<String> addresses() {
        return List.copyOf(byAddress.keySet());
    }

    /** The process id of the server at {@code address}, from its pid file. */
    public long pid(String address) {
        try {
            return Long.parseLong(Files.readString(byAddress.get(address).conf().resolve("collector.pid")).trim());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The time of the last log line holding {@code text}, waiting for one: the running znode comes first. */
    private static long lastTime(Daemon daemon, String text) {
        long[] last = {-1};
        Await.until("a log line with \"" + text + "\"", WAIT, () -> {
            for (String line : daemon.log().split("\n")) {
                if (line.contains(text) && line.length() > 23) {
                    last[0] = LocalDateTime.parse(line.substring(0, 23), LOG_TIME).atZone(ZoneId.systemDefault())
                            .toInstant().toEpochMilli();
                }
            }
            return last[0] > 0;
        });
        return last[0];
    }

    /** The admin port of the server at {@code address} (the last {@code collector.admin.port} line of its file). */
    public int adminPort(String address) {
        return portSetting(address, "collector.admin.port");
    }

    /** The metrics port of the server at {@code address}. */
    public int metricsPort(String address) {
        return portSetting(address, "collector.metrics.port");
    }

    /** The last value of {@code key} in the server's file. */
    private int portSetting(String address, String key) {
        try {
            List<String> lines = Files.readAllLines(byAddress.get(address).conf().resolve("collector.properties"));
            return lines.stream().filter(l -> l.startsWith(key)).reduce((a, b) -> b)
                    .map(l -> Integer.parseInt(l.substring(l.indexOf('=') + 1).strip())).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void stopAll() {
        byAddress.values().forEach(Daemon::stop);
        zk.close();
    }

    /**
     * Reads every server's log: a leadership starts at "... starting on ..." and ends at "standby", "stopping"
     * or this test's kill -9. No two servers' leadership intervals may overlap.
     */
    public void assertNoOverlappingLeadership() {
        List<long[]> intervals = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        byAddress.forEach((address, daemon) -> {
            for (long[] interval : intervals(daemon.log(), killedAtMs.getOrDefault(address, List.of()))) {
                intervals.add(interval);
                owners.add(address);
            }
        });
        assertThat(intervals).as("leadership intervals found in the logs").isNotEmpty();
        for (int i = 0; i < intervals.size(); i++) {
            for (int j = i + 1; j < intervals.size(); j++) {
                if (owners.get(i).equals(owners.get(j))) {
                    continue;
                }
                long[] a = intervals.get(i);
                long[] b = intervals.get(j);
                assertThat(a[0] < b[1] && b[0] < a[1])
                        .as("%s led %s..%s while %s led %s..%s", owners.get(i), a[0], a[1], owners.get(j), b[0], b[1])
                        .isFalse();
            }
        }
    }

    private List<long[]> intervals(String log, List<Long> kills) {
        List<long[]> result = new ArrayList<>();
        List<Long> pendingKills = new ArrayList<>(kills);
        Long open = null;
        for (String line : log.split("\n")) {
            Matcher m = EVENT.matcher(line);
            if (!m.matches() || !m.group(2).equals(destination)) {
                continue;
            }
            long at = LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            if (open != null && !pendingKills.isEmpty() && pendingKills.get(0) <= at) {
                result.add(new long[] {open, pendingKills.remove(0)});
                open = null;
            }
            String msg = m.group(3);
            if (msg.contains("starting on")) {
                open = open == null ? at : open;
            } else if (open != null && (msg.startsWith("standby") || msg.startsWith("ZooKeeper connection suspended")
                    || msg.startsWith("stopping"))) {
                result.add(new long[] {open, at});
                open = null;
            }
        }
        if (open != null) {
            result.add(new long[] {open, pendingKills.isEmpty() ? Long.MAX_VALUE : pendingKills.get(0)});
        }
        return result;
    }
}
