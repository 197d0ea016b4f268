package io.collector.benchmark.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Reads a process's CPU time (all of it, or its GC threads') and peak resident set from Linux's {@code /proc}, and
 * the machine's load.
 */
final class ProcFs {

    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcFs() {
    }

    /** utime + stime of {@code /proc/<pid>/stat} (fields 14 and 15, counted after the command's parenthesis). */
    static Duration cpuTime(long pid) {
        return Duration.ofNanos(ticks(read(Path.of("/proc", Long.toString(pid), "stat"))) * 1_000_000_000L
                / TICKS_PER_SECOND);
    }

    /**
     * utime + stime of the JVM's garbage collection threads so far ({@code /proc/<pid>/task/<tid>/stat} of the
     * threads named {@code GC Thread#n}, {@code G1 ...} (concurrent marking, refinement, service) and
     * {@code VM Thread}, which runs the safepoints). A thread that ended is no longer counted.
     */
    static Duration gcCpuTime(long pid) {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                ticks += gcTicks(task.resolve("stat"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + pid + " in /proc", e);
        }
        return Duration.ofNanos(ticks * 1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long gcTicks(Path taskStat) {
        String stat;
        try {
            stat = Files.readString(taskStat, StandardCharsets.US_ASCII);
        } catch (IOException threadEnded) {
            return 0;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        boolean gc = name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread");
        return gc ? ticks(stat) : 0;
    }

    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** VmHWM of {@code /proc/<pid>/status}, in bytes. */
    static long peakRssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
                return Long.parseLong(kb) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} shows them. */
    static String loadAverage() {
        String[] fields = read(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("getconf CLK_TCK failed: " + out);
            }
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (this benchmark needs Linux's /proc)", e);
        }
    }
}
