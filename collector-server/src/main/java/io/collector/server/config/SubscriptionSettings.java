package io.collector.server.config;

import static io.collector.server.config.Validators.between;
import static io.collector.server.config.Validators.bytes;
import static io.collector.server.config.Validators.duration;
import static io.collector.server.config.Validators.oneOf;

import io.collector.server.store.StoreConfig;
import io.collector.server.store.SubscriptionLimits;
import io.collector.server.store.SubscriptionLimits.LagPolicy;
import java.time.Duration;

/** Reads a destination's lag policy, lag limits and subscription expiry ({@code collector.instance.subscription.*}). */
final class SubscriptionSettings {

    private static final Duration MIN_TIME = Duration.ofMillis(100);
    private static final Duration MAX_TIME = Duration.ofDays(365);

    private SubscriptionSettings() {
    }

    static SubscriptionLimits read(ConfigReader r) {
        return new SubscriptionLimits(
                r.get(InstanceKeys.SUBSCRIPTION_LAG_POLICY, oneOf(LagPolicy.class), LagPolicy.BLOCK),
                r.get(InstanceKeys.SUBSCRIPTION_MAX_LAG_ENTRIES, between(1, StoreConfig.MAX_CAPACITY_ENTRIES), 0),
                r.get(InstanceKeys.SUBSCRIPTION_MAX_LAG_BYTES, bytes(1, Long.MAX_VALUE), 0L),
                r.get(InstanceKeys.SUBSCRIPTION_MAX_LAG_TIME, duration(MIN_TIME, MAX_TIME), Duration.ZERO),
                r.get(InstanceKeys.SUBSCRIPTION_EXPIRY, duration(Duration.ofSeconds(1), MAX_TIME), Duration.ZERO));
    }
}
