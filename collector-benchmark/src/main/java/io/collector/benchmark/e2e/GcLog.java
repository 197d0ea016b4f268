package io.collector.benchmark.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Heap figures from the server's unified GC log (the shipped {@code jvm.options} writes {@code logs/gc.log}), from
 * the {@code before->after(committed)} figures of its young and full collection pauses: the most heap in use before
 * a collection (what the heap filled up to; G1 lets it fill towards {@code -Xmx} before collecting) and the most
 * still in use after one (what the server held, plus old garbage not collected yet).
 */
final class GcLog {

    private static final Pattern HEAP =
            Pattern.compile("\\[gc *\\].* Pause (?:Young|Full).* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");

    /** Both peaks in bytes, -1 when the log shows no collection yet. */
    record Peaks(long beforeGc, long afterGc) {
    }

    private GcLog() {
    }

    static Peaks peaks(Path logs) {
        Peaks peaks = new Peaks(-1, -1);
        for (Path file : gcLogs(logs)) {
            peaks = max(peaks, peaksIn(file));
        }
        return peaks;
    }

    private static Peaks peaksIn(Path file) {
        Peaks peaks = new Peaks(-1, -1);
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = HEAP.matcher(line);
                if (m.find()) {
                    peaks = max(peaks, new Peaks(bytes(m.group(1), m.group(2)), bytes(m.group(3), m.group(4))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return peaks;
    }

    /** {@code bytes} in whole MB, or "n/a" when negative (no collection yet). */
    static String megabytes(long bytes) {
        return bytes < 0 ? "n/a (no GC yet)" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }

    private static Peaks max(Peaks a, Peaks b) {
        return new Peaks(Math.max(a.beforeGc(), b.beforeGc()), Math.max(a.afterGc(), b.afterGc()));
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
