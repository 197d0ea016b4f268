package io.collector.server.config;

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

    /** The keys of one scope. */
    record Keys(ConfigKey<Strategy> policy, ConfigKey<Duration> delay, ConfigKey<Duration> maxDelay,
                ConfigKey<Double> multiplier, ConfigKey<Integer> maxAttempts, ConfigKey<Integer> maxFailures,
                ConfigKey<Duration> failureInterval, ConfigKey<Duration> resetAfter) {
    }

    private static final String ALLOWED = "must be one of " + Arrays.stream(RestartPolicy.Kind.values())
            .map(RestartPolicy.Kind::configName).collect(Collectors.joining(", "))
            + " (or the older fixed, exponential, unlimited)";

    private SuperviseSettings() {
    }

    /** {@code collector.supervise.*}. */
    static Keys server() {
        return new Keys(ServerKeys.SUPERVISE_POLICY, ServerKeys.SUPERVISE_DELAY, ServerKeys.SUPERVISE_MAX_DELAY,
                ServerKeys.SUPERVISE_MULTIPLIER, ServerKeys.SUPERVISE_MAX_ATTEMPTS,
                ServerKeys.SUPERVISE_FAILURE_RATE_MAX_FAILURES, ServerKeys.SUPERVISE_FAILURE_RATE_INTERVAL,
                ServerKeys.SUPERVISE_RESET_AFTER);
    }

    /** {@code collector.instance.supervise.*}. */
    static Keys instance() {
        return new Keys(InstanceKeys.SUPERVISE_POLICY, InstanceKeys.SUPERVISE_DELAY,
                InstanceKeys.SUPERVISE_MAX_DELAY, InstanceKeys.SUPERVISE_MULTIPLIER,
                InstanceKeys.SUPERVISE_MAX_ATTEMPTS, InstanceKeys.SUPERVISE_FAILURE_RATE_MAX_FAILURES,
                InstanceKeys.SUPERVISE_FAILURE_RATE_INTERVAL, InstanceKeys.SUPERVISE_RESET_AFTER);
    }

    /** The strategy {@code keys} set, each part falling back to {@code defaults}. */
    static RestartPolicy read(ConfigReader r, Keys keys, RestartPolicy defaults) {
        Strategy strategy = r.get(keys.policy(), Strategy.of(defaults));
        Duration delay = r.get(keys.delay(), defaults.delay());
        Duration maxDelay = r.notBelow(keys.maxDelay().name(), r.get(keys.maxDelay(), defaults.maxDelay()),
                keys.delay().name(), delay);
        double multiplier = r.get(keys.multiplier(), defaults.multiplier());
        int limited = r.get(keys.maxAttempts(), defaults.maxAttempts() == RestartPolicy.UNLIMITED
                ? RestartPolicy.DEFAULT.maxAttempts() : defaults.maxAttempts());
        int attempts = strategy.unlimited() ? RestartPolicy.UNLIMITED : limited;
        int failures = r.get(keys.maxFailures(), defaults.maxFailures());
        Duration interval = r.get(keys.failureInterval(), defaults.failureInterval());
        Duration resetAfter = r.get(keys.resetAfter(), defaults.resetAfter());
        return new RestartPolicy(strategy.kind(), delay, maxDelay, multiplier, attempts, failures, interval,
                resetAfter);
    }

    /** A kind, and whether it was the older {@code unlimited}. */
    record Strategy(RestartPolicy.Kind kind, boolean unlimited) {

        /** The strategy of {@code policy}. */
        static Strategy of(RestartPolicy policy) {
            return new Strategy(policy.kind(), policy.maxAttempts() == RestartPolicy.UNLIMITED);
        }
    }

    /** Reads {@code collector.supervise.policy}. */
    static ValueType<Strategy> strategy() {
        return SuperviseSettings::strategy;
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
