package io.collector.server.config;

import io.collector.server.store.SubscriptionLimits;
import io.collector.server.store.SubscriptionLimits.LagPolicy;
import java.time.Duration;

/** Reads a destination's lag policy, lag limits and subscription expiry ({@code collector.instance.subscription.*}). */
final class SubscriptionSettings {

    private SubscriptionSettings() {
    }

    static SubscriptionLimits read(ConfigReader r) {
        return new SubscriptionLimits(r.get(InstanceKeys.SUBSCRIPTION_LAG_POLICY),
                r.get(InstanceKeys.SUBSCRIPTION_MAX_LAG_ENTRIES, 0), r.get(InstanceKeys.SUBSCRIPTION_MAX_LAG_BYTES, 0L),
                r.get(InstanceKeys.SUBSCRIPTION_MAX_LAG_TIME, Duration.ZERO),
                r.get(InstanceKeys.SUBSCRIPTION_EXPIRY, Duration.ZERO));
    }
}
