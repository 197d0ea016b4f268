package io.collector.benchmark.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The collector server as operators run it: a home folder with {@code conf/collector.properties} (free ports,
 * everything else at the shipped defaults), the repository's shipped {@code conf/jvm.options}, started by the
 * repository's {@code bin/startup.sh} and stopped by {@code bin/stop.sh}. Destinations are added and removed
 * while it runs, through its folder scan. Its CPU time and peak resident set come from {@code /proc/<pid>}, its
 * pauses from its GC log, its live set from {@code jcmd}.
 *
 * <p>{@code -DserverJvmOptions="-Xms512m -Xmx512m -XX:+UseParallelGC"} (space separated) adds options to the copy of
 * the shipped {@code jvm.options} of every server started by {@link #start(Path, Path)}; the shipped option of the
 * same name ({@code -Xmx1g} for {@code -Xmx512m}; for a collector, {@code -XX:+Use...GC}, the shipped collector) is
 * commented out in the copy.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    private final Path repo;
    private final Path home;
    private final int port;
    private final long pid;
    private Instant gcReportedUpTo = Instant.MIN;
    private Duration gcCpuReported = Duration.ZERO;

    private ServerProcess(Path repo, Path home, int port, long pid) {
        this.repo = repo;
        this.home = home;
        this.port = port;
        this.pid = pid;
    }

    /**
     * Writes a configuration under {@code home}, runs {@code bin/startup.sh --conf home/conf} and waits until the
     * server accepts connections.
     */
    static ServerProcess start(Path repo, Path home) {
        return start(repo, home, List.of());
    }

    /** As {@link #start(Path, Path)}, with these lines added to {@code collector.properties}. */
    static ServerProcess start(Path repo, Path home, List<String> serverLines) {
        return start(repo, home, serverLines, jvmOptionsProperty());
    }

    /** The options of {@code -DserverJvmOptions}, space separated; none when it is not set. */
    static List<String> jvmOptionsProperty() {
        String given = System.getProperty("serverJvmOptions", "");
        return given.isBlank() ? List.of() : List.of(given.trim().split("\\s+"));
    }

    /**
     * As {@link #start(Path, Path)}, with {@code serverLines} added to {@code collector.properties} and
     * {@code jvmOptions} to the copy of the shipped {@code jvm.options} (e.g. to record a JFR profile).
     */
    static ServerProcess start(Path repo, Path home, List<String> serverLines, List<String> jvmOptions) {
        int port = freePort();
        Path conf = home.resolve("conf");
        List<String> lines = new ArrayList<>(List.of("collector.port = " + port,
                "collector.metrics.port = " + freePort(), "collector.admin.port = " + freePort(),
                "collector.auto.scan.interval = 100ms"));
        lines.addAll(serverLines);
        write(conf.resolve("collector.properties"), lines.toArray(String[]::new));
        writeJvmOptions(repo.resolve("conf/jvm.options"), conf.resolve("jvm.options"), jvmOptions);
        String output = run(repo, "bin/startup.sh", "--conf", conf.toString());
        long pid = Long.parseLong(read(conf.resolve("collector.pid")).trim());
        ServerProcess server = new ServerProcess(repo, home, port, pid);
        server.awaitListening(output);
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return pid;
    }

    /** Adds a destination folder reading {@code source} from its binlog position, in one atomic rename. */
    void addDestination(String name, List<String> instanceLines) {
        Path staging = home.resolve("staging-" + name);
        write(staging.resolve("instance.properties"), instanceLines.toArray(String[]::new));
        try {
            Files.move(staging, home.resolve("conf").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a destination folder; the server's scan stops that destination. */
    void removeDestination(String name) {
        try (Stream<Path> files = Files.walk(home.resolve("conf").resolve(name))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User plus system CPU time of the server process so far. */
    Duration cpuTime() {
        return ProcFs.cpuTime(pid);
    }

    /** The server process's peak resident set size so far (VmHWM). */
    long peakRssBytes() {
        return ProcFs.peakRssBytes(pid);
    }

    /** The heap's peaks before and after a collection so far, from the server's GC log ({@code logs/gc.log*}). */
    GcLog.Peaks heapPeaks() {
        return GcLog.peaks(home.resolve("logs"));
    }

    /**
     * The GC pauses and the CPU time of the GC threads since the previous call (the first call: since the start),
     * e.g. {@code GC: 12 GC pauses (0 full), 150 ms in all, longest 21.3 ms; heap peak before GC 500 MB, after
     * GC 160 MB; GC threads' CPU 0.42 s}.
     */
    String gcReport() {
        Instant now = Instant.now();
        Duration gcCpu = ProcFs.gcCpuTime(pid);
        String report = "GC: " + GcLog.stats(home.resolve("logs"), gcReportedUpTo, now) + String.format(Locale.ROOT,
                "; GC threads' CPU %.2f s", gcCpu.minus(gcCpuReported).toNanos() / 1e9);
        gcReportedUpTo = now;
        gcCpuReported = gcCpu;
        return report;
    }

    /** The live objects now, after a full collection the server runs for it (a stop-the-world pause). */
    HeapHistogram liveHeap() {
        return HeapHistogram.of(pid);
    }

    /** The server's log so far, for error messages. */
    String logTail() {
        Path log = home.resolve("logs").resolve("collector.log");
        if (!Files.exists(log)) {
            return "(no " + log + ")";
        }
        List<String> lines = List.of(read(log).split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        run(repo, "bin/stop.sh", "--conf", home.resolve("conf").toString(), "--timeout", "60");
    }

    private void awaitListening(String startupOutput) {
        long deadline = System.nanoTime() + SCRIPT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("server (pid " + pid + ") did not listen on port " + port + " within "
                + SCRIPT_TIMEOUT + "; startup.sh said: " + startupOutput + "\nlog:\n" + logTail());
    }

    private static String run(Path repo, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(repo.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + SCRIPT_TIMEOUT);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(script + " exited with " + p.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String... lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped options plus {@code added}, the shipped option of the same name commented out (so the copy says
     * what the server ran with): {@code -Xmx512m} replaces {@code -Xmx1g}, {@code -XX:MaxGCPauseMillis=50} the
     * shipped pause goal, and any collector ({@code -XX:+UseParallelGC}) the shipped {@code -XX:+UseG1GC}.
     */
    static void writeJvmOptions(Path shipped, Path copy, List<String> added) {
        List<String> names = added.stream().map(ServerProcess::optionName).toList();
        List<String> lines = new ArrayList<>();
        for (String line : read(shipped).split("\n")) {
            boolean replaced = !line.isBlank() && names.contains(optionName(line.trim()));
            lines.add(replaced ? "# replaced by the benchmark: " + line : line);
        }
        lines.addAll(added);
        write(copy, lines.toArray(String[]::new));
    }

    /** {@code -Xmx}, {@code MaxGCPauseMillis}, {@code collector} for any {@code -XX:+Use...GC}, else the option. */
    private static String optionName(String option) {
        if (option.matches("-XX:\\+Use\\w*GC")) {
            return "collector";
        }
        if (option.startsWith("-XX:")) {
            return option.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*", "");
        }
        if (option.matches("-Xm[sxn]\\S*|-Xss\\S*")) {
            return option.substring(0, 4);
        }
        return option.replaceFirst("=.*", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
