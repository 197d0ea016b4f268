package io.collector.benchmark.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The live objects of a JVM by class, from {@code jcmd <pid> GC.class_histogram}: without {@code -all} the target
 * JVM runs a full collection first, so the total is the live set (what the process really holds), unlike the
 * heap after a young collection, which still counts old garbage. The full collection is a stop-the-world pause
 * of the target (tens to hundreds of milliseconds), so it is taken only where a benchmark does not time the server.
 */
record HeapHistogram(long liveBytes, Map<String, Long> bytesByClass) {

    private static final Pattern ENTRY = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");
    private static final long TIMEOUT_SECONDS = 120;

    /** Runs {@code jcmd} (of the JDK running this benchmark, the one {@code bin/startup.sh} found) on {@code pid}. */
    static HeapHistogram of(long pid) {
        return parse(jcmd(pid, "GC.class_histogram"));
    }

    static HeapHistogram parse(String jcmdOutput) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        long total = -1;
        for (String line : jcmdOutput.split("\n")) {
            Matcher entry = ENTRY.matcher(line);
            Matcher t = TOTAL.matcher(line);
            if (entry.find()) {
                byClass.merge(entry.group(2), Long.parseLong(entry.group(1)), Long::sum);
            } else if (t.find()) {
                total = Long.parseLong(t.group(1));
            }
        }
        if (total < 0) {
            throw new IllegalStateException("no Total line in jcmd GC.class_histogram's output:\n" + jcmdOutput);
        }
        return new HeapHistogram(total, byClass);
    }

    /** The {@code n} classes whose live bytes grew most from {@code earlier} to this one, e.g. {@code [B +12 MB}. */
    String grownSince(HeapHistogram earlier, int n) {
        List<Map.Entry<String, Long>> grown = bytesByClass.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.bytesByClass().getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n).toList();
        return grown.stream().map(e -> String.format(Locale.ROOT, "%s %+,.1f MB", e.getKey(),
                e.getValue() / 1048576.0)).collect(Collectors.joining(", "));
    }

    /** The {@code n} classes holding the most live bytes, e.g. {@code [B 20.1 MB}. */
    String largest(int n) {
        return bytesByClass.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n)
                .map(HeapHistogram::megabytes).collect(Collectors.joining(", "));
    }

    private static String megabytes(Map.Entry<String, Long> classBytes) {
        return String.format(Locale.ROOT, "%s %,.1f MB", classBytes.getKey(), classBytes.getValue() / 1048576.0);
    }

    private static String jcmd(long pid, String command) {
        Path jdkJcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String jcmd = Files.isExecutable(jdkJcmd) ? jdkJcmd.toString() : "jcmd";
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
