package io.collector.server.config;

import static io.collector.server.config.Validators.between;
import static io.collector.server.config.Validators.decimal;
import static io.collector.server.config.Validators.duration;

import io.collector.server.instance.RestartPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a restart strategy, for the server's default ({@code collector.supervise.*}) and for one destination's
 * override ({@code collector.instance.supervise.*}) alike; each key a destination leaves out keeps the server's
 * value. The names of the first wave stay accepted: {@code fixed} is {@code fixed-delay}, {@code exponential} is
 * {@code exponential-delay}, {@code unlimited} is {@code exponential-delay} without an attempt limit.
 */
final class SuperviseSettings {

    /** The keys of one scope, named by the suffix after {@code prefix}. */
    record Keys(String prefix) {
        String key(String suffix) {
            return prefix + suffix;
        }
    }

    static final Keys SERVER = new Keys("collector.supervise.");
    static final Keys INSTANCE = new Keys("collector.instance.supervise.");

    static final RestartPolicy DEFAULT = RestartPolicy.DEFAULT;

    private static final Duration MS = Duration.ofMillis(1);
    private static final String ALLOWED = "must be one of " + Arrays.stream(RestartPolicy.Kind.values())
            .map(RestartPolicy.Kind::configName).collect(Collectors.joining(", "))
            + " (or the older fixed, exponential, unlimited)";

    private SuperviseSettings() {
    }

    /** The strategy {@code keys} set, each part falling back to {@code defaults}. */
    static RestartPolicy read(ConfigReader r, Keys keys, RestartPolicy defaults) {
        Strategy strategy = r.get(keys.key("policy"), SuperviseSettings::strategy,
                new Strategy(defaults.kind(), defaults.maxAttempts() == RestartPolicy.UNLIMITED));
        Duration delay = r.get(keys.key("delay"), duration(MS, Duration.ofHours(1)), defaults.delay());
        Duration maxDelay = r.notBelow(keys.key("max.delay"),
                r.get(keys.key("max.delay"), duration(MS, Duration.ofDays(1)), defaults.maxDelay()),
                keys.key("delay"), delay);
        double multiplier = r.get(keys.key("multiplier"), decimal(1, 10), defaults.multiplier());
        int limited = r.get(keys.key("max.attempts"), between(1, 1_000_000),
                defaults.maxAttempts() == RestartPolicy.UNLIMITED ? DEFAULT.maxAttempts() : defaults.maxAttempts());
        int attempts = strategy.unlimited() ? RestartPolicy.UNLIMITED : limited;
        int failures = r.get(keys.key("failure.rate.max.failures"), between(1, 1_000_000), defaults.maxFailures());
        Duration interval = r.get(keys.key("failure.rate.interval"), duration(Duration.ofSeconds(1),
                Duration.ofDays(1)), defaults.failureInterval());
        Duration resetAfter = r.get(keys.key("reset.after"), duration(Duration.ofSeconds(1), Duration.ofDays(1)),
                defaults.resetAfter());
        return new RestartPolicy(strategy.kind(), delay, maxDelay, multiplier, attempts, failures, interval,
                resetAfter);
    }

    /** A kind, and whether it was the older {@code unlimited}. */
    private record Strategy(RestartPolicy.Kind kind, boolean unlimited) {
    }

    private static Strategy strategy(Setting s) {
        String v = s.value().trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "fixed" -> new Strategy(RestartPolicy.Kind.FIXED_DELAY, false);
            case "exponential" -> new Strategy(RestartPolicy.Kind.EXPONENTIAL_DELAY, false);
            case "unlimited" -> new Strategy(RestartPolicy.Kind.EXPONENTIAL_DELAY, true);
            default -> Arrays.stream(RestartPolicy.Kind.values()).filter(k -> k.configName().equals(v))
                    .findFirst().map(k -> new Strategy(k, false)).orElseThrow(() -> s.invalid(ALLOWED));
        };
    }
}
