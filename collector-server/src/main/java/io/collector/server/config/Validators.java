package io.collector.server.config;

import io.collector.server.error.ConfigException;
import io.collector.server.sink.filter.ColumnFilter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The value types settings are read with. Each says in its error what is allowed, e.g.
 * {@code Invalid value "abc" for collector.port in conf/collector.properties: must be an integer in [1, 65535]}.
 */
public final class Validators {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");

    private Validators() {
    }

    /** An integer in [min, max]. */
    public static ValueType<Integer> between(int min, int max) {
        String allowed = "must be an integer in [" + min + ", " + max + "]";
        return s -> (int) parseLong(s, min, max, allowed);
    }

    /** A long integer in [min, max]. */
    public static ValueType<Long> longBetween(long min, long max) {
        String allowed = "must be an integer in [" + min + ", " + max + "]";
        return s -> parseLong(s, min, max, allowed);
    }

    /** A long integer of at least min. */
    public static ValueType<Long> atLeast(long min) {
        String allowed = "must be an integer of at least " + min;
        return s -> parseLong(s, min, Long.MAX_VALUE, allowed);
    }

    /** A decimal number in [min, max]. */
    public static ValueType<Double> decimal(double min, double max) {
        String allowed = "must be a number in [" + min + ", " + max + "]";
        return s -> {
            try {
                double d = Double.parseDouble(s.value().trim());
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw s.invalid(allowed);
        };
    }

    /** {@code true} or {@code false}, in any case. */
    public static ValueType<Boolean> bool() {
        return s -> {
            if (s.value().equalsIgnoreCase("true") || s.value().equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s.value());
            }
            throw s.invalid("must be true or false");
        };
    }

    /** One of an enum's constants, named in any case; the message lists them in lower case. */
    public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String allowed = "must be one of " + Arrays.stream(constants)
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return s -> Arrays.stream(constants).filter(c -> c.name().equalsIgnoreCase(s.value())).findFirst()
                .orElseThrow(() -> s.invalid(allowed));
    }

    /**
     * A duration in [min, max]. Our keys take a whole number with unit ms, s, m or h, a bare number being
     * milliseconds; Canal keys take a bare whole number in Canal's unit for that key.
     */
    public static ValueType<Duration> duration(Duration min, Duration max) {
        return s -> {
            TimeUnit bare = KeyAliases.bareDurationUnit(s.key());
            Duration d = Quantities.duration(s.value(), bare, !s.isCanalKey());
            if (d != null && d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return d;
            }
            throw s.invalid(s.isCanalKey() ? "must be a whole number of " + Quantities.unitName(bare) + " in ["
                    + ceilInUnit(min, bare) + ", " + max.toMillis() / bare.toMillis(1) + "]"
                    : "must be a duration in [" + Quantities.format(min) + ", " + Quantities.format(max)
                    + "], written as a whole number with unit ms, s, m or h (500ms, 5s, 2m);"
                    + " a bare number is milliseconds");
        };
    }

    /** A byte count in [min, max], with an optional binary unit k, m or g ({@code 16m} = 16 MiB). */
    public static ValueType<Long> bytes(long min, long max) {
        String allowed = "must be a byte count in [" + min + ", " + max + "], optionally with unit k, m or g"
                + " (16m = 16 MiB)";
        return s -> {
            long n = Quantities.bytes(s.value());
            if (n >= min && n <= max) {
                return n;
            }
            throw s.invalid(allowed);
        };
    }

    /** Any non-blank text (blank values count as not set, so every found value qualifies). */
    public static ValueType<String> nonEmpty() {
        return Setting::value;
    }

    /** {@code host:port} or {@code [v6-address]:port}, port in [1, 65535]. */
    public static ValueType<HostPort> hostPort() {
        return s -> {
            String text = s.value();
            int colon = text.lastIndexOf(':');
            String host = colon <= 0 ? "" : text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                host = "";
            }
            if (host.isBlank() || !text.substring(colon + 1).matches("\\d{1,5}")) {
                throw s.invalid("must be host:port ([address]:port for IPv6) with a port in [1, 65535]");
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw s.invalid("must be host:port ([address]:port for IPv6) with a port in [1, 65535]");
            }
            return new HostPort(host.strip(), port);
        };
    }

    /** Comma-separated regular expressions, each of which compiles (as the table filter anchors it). */
    public static ValueType<String> regexList() {
        return s -> {
            for (String expression : s.value().split(",")) {
                try {
                    Pattern.compile("^(?:" + expression.strip() + ")$");
                } catch (PatternSyntaxException e) {
                    throw s.invalid("must be comma-separated regular expressions over schema.table; \""
                            + expression.strip() + "\" does not compile: " + e.getDescription());
                }
            }
            return s.value();
        };
    }

    /** Canal's column list: {@code schema.table:col1/col2,schema.table2:col1}. */
    public static ValueType<String> columnList() {
        return s -> {
            try {
                ColumnFilter.of(s.value(), null);
                return s.value();
            } catch (ConfigException e) {
                throw s.invalid("must be comma-separated schema.table:column[/column...] entries");
            }
        };
    }

    /** A time zone ID: {@code UTC}, an offset such as {@code +08:00}, or a region such as {@code Asia/Shanghai}. */
    public static ValueType<ZoneId> zone() {
        return s -> {
            try {
                return ZoneId.of(s.value());
            } catch (DateTimeException e) {
                throw s.invalid("must be a time zone ID such as UTC, +08:00 or Asia/Shanghai");
            }
        };
    }

    /** Comma-separated destination names: letters, digits, '.', '_' and '-', not "." or "..". */
    public static ValueType<List<String>> names() {
        return s -> {
            List<String> names = new ArrayList<>();
            for (String part : s.value().split(",")) {
                String name = part.strip();
                if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                    throw s.invalid("must be comma-separated destination names made of letters, digits, '.', '_'"
                            + " and '-'");
                }
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            return List.copyOf(names);
        };
    }

    /** 40 hexadecimal digits, returned in lower case: {@code hex(SHA1(SHA1(password)))}. */
    public static ValueType<String> sha1Hex() {
        return s -> {
            if (!SHA1_HEX.matcher(s.value()).matches()) {
                throw s.invalid("must be 40 hexadecimal digits, hex(SHA1(SHA1(password)))");
            }
            return s.value().toLowerCase(Locale.ROOT);
        };
    }

    private static long parseLong(Setting s, long min, long max, String allowed) {
        try {
            long n = Long.parseLong(s.value());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number: reported below with what is allowed
        }
        throw s.invalid(allowed);
    }

    private static long ceilInUnit(Duration d, TimeUnit unit) {
        long unitMs = unit.toMillis(1);
        return (d.toMillis() + unitMs - 1) / unitMs;
    }
}
