package io.collector.benchmark.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Heap figures and pauses from the server's unified GC log (the shipped {@code jvm.options} writes
 * {@code logs/gc.log}, decorated with the time), read from its {@code Pause ... before->after(committed) N ms}
 * lines (G1's young, mixed, full, remark and cleanup pauses; the Parallel collector's young and full ones).
 *
 * <p>The heap peaks come from young and full pauses only: the most in use before a collection (what the heap
 * filled up to; G1 and the Parallel collector let it fill towards {@code -Xmx} before collecting) and the most
 * still in use after one. The latter is an upper bound of what the server holds, not its live set: a young
 * collection leaves the old generation's garbage alone, and G1 starts collecting the old generation only once
 * it holds 45% of the heap. The live set is measured by {@link HeapHistogram} (after a full collection).
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].*\\[gc *\\] GC\\(\\d+\\) Pause (\\w+).* "
            + "(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\) (\\d+(?:\\.\\d+)?)ms");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** One stop-the-world pause: its kind ({@code Young}, {@code Full}, {@code Remark}, ...) and heap in use. */
    record Pause(Instant at, String kind, long beforeBytes, long afterBytes, double millis) {

        /** Whether it collected (young or full), rather than only finishing a concurrent cycle. */
        boolean collects() {
            return kind.equals("Young") || kind.equals("Full");
        }
    }

    /** Both peaks in bytes, -1 when the log shows no collection yet. */
    record Peaks(long beforeGc, long afterGc) {
    }

    /** The pauses of a span: how many, their total and longest, and the heap peaks of its collections. */
    record Stats(int pauses, int fullPauses, double totalMillis, double maxMillis, Peaks heap) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d GC pauses (%d full), %.0f ms in all, longest %.1f ms; heap "
                            + "peak before GC %s, after GC %s", pauses, fullPauses, totalMillis, maxMillis,
                    megabytes(heap.beforeGc()), megabytes(heap.afterGc()));
        }
    }

    private GcLog() {
    }

    static Peaks peaks(Path logs) {
        return stats(logs, Instant.MIN, Instant.MAX).heap();
    }

    /** The pauses logged in {@code logs/gc.log*} from {@code from} (inclusive) to {@code to} (exclusive). */
    static Stats stats(Path logs, Instant from, Instant to) {
        List<Pause> pauses = pauses(logs).stream()
                .filter(p -> !p.at().isBefore(from) && p.at().isBefore(to)).toList();
        long before = -1;
        long after = -1;
        double total = 0;
        double max = 0;
        int full = 0;
        for (Pause p : pauses) {
            total += p.millis();
            max = Math.max(max, p.millis());
            full += p.kind().equals("Full") ? 1 : 0;
            if (p.collects()) {
                before = Math.max(before, p.beforeBytes());
                after = Math.max(after, p.afterBytes());
            }
        }
        return new Stats(pauses.size(), full, total, max, new Peaks(before, after));
    }

    /** Every pause of the rotated files together, in time order. */
    static List<Pause> pauses(Path logs) {
        List<Pause> pauses = new ArrayList<>();
        for (Path file : gcLogs(logs)) {
            pauses.addAll(pausesIn(file));
        }
        pauses.sort(Comparator.comparing(Pause::at));
        return pauses;
    }

    private static List<Pause> pausesIn(Path file) {
        List<Pause> pauses = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    pauses.add(new Pause(OffsetDateTime.parse(m.group(1), TIME).toInstant(), m.group(2),
                            bytes(m.group(3), m.group(4)), bytes(m.group(5), m.group(6)),
                            Double.parseDouble(m.group(7))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pauses;
    }

    /** {@code bytes} in whole MB, or "n/a" when negative (no collection yet). */
    static String megabytes(long bytes) {
        return bytes < 0 ? "n/a (no GC yet)" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }

    private static long bytes(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            default -> v << 30;
        };
    }

    private static List<Path> gcLogs(Path logs) {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(p -> p.getFileName().toString().startsWith("gc.log")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
