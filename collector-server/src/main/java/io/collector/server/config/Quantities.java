package io.collector.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of numbers with units: durations ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}) and byte sizes. */
final class Quantities {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private Quantities() {
    }

    /** A duration written with an optional unit ms, s, m or h; a bare number is in {@code bareUnit}. */
    static Duration duration(String text, TimeUnit bareUnit, boolean unitsAllowed) {
        Matcher m = WITH_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches() || !unitsAllowed && !m.group(2).isEmpty()) {
            return null;
        }
        OptionalLong amount = number(m.group(1));
        if (amount.isEmpty()) {
            return null;
        }
        return switch (m.group(2)) {
            case "" -> Duration.ofMillis(times(amount.getAsLong(), bareUnit.toMillis(1)));
            case "ms" -> Duration.ofMillis(amount.getAsLong());
            case "s" -> Duration.ofMillis(times(amount.getAsLong(), 1000));
            case "m" -> Duration.ofMillis(times(amount.getAsLong(), 60_000));
            case "h" -> Duration.ofMillis(times(amount.getAsLong(), 3_600_000));
            default -> null;
        };
    }

    /** A byte count written with an optional binary unit k, m or g; -1 when not one. */
    static long bytes(String text) {
        Matcher m = WITH_UNIT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        OptionalLong amount = number(m.group(1));
        if (amount.isEmpty()) {
            return -1;
        }
        return switch (m.group(2)) {
            case "" -> amount.getAsLong();
            case "k" -> times(amount.getAsLong(), 1L << 10);
            case "m" -> times(amount.getAsLong(), 1L << 20);
            case "g" -> times(amount.getAsLong(), 1L << 30);
            default -> -1;
        };
    }

    /** {@code d} written the shortest way with the units {@link #duration} reads. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms != 0 && ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The unit's name in the plural, for messages. */
    static String unitName(TimeUnit unit) {
        return unit == TimeUnit.MILLISECONDS ? "milliseconds" : unit.name().toLowerCase(Locale.ROOT);
    }

    private static OptionalLong number(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code a × b}, or {@code Long.MAX_VALUE} on overflow (always out of any range we allow). */
    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
