package io.collector.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.store.CatchUpSource;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import io.collector.server.store.SubscriptionState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry removes a subscription unused for the configured time, its cursor first, and nothing else. */
class SubscriptionExpiryTest {

    private final AtomicLong clock = new AtomicLong();
    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final MemoryEventStore store = new MemoryEventStore("d", new StoreConfig(100, 1 << 20, false),
            CatchUpSource.NONE, clock::get);
    private final DestinationHandle handle = new DestinationHandle() {
        @Override
        public EventStore store() {
            return store;
        }

        @Override
        public MetaManager meta() {
            return meta;
        }
    };

    @AfterEach
    void stop() {
        store.stop();
        meta.stop();
    }

    @Test
    void aSubscriptionUnusedForTheExpiryIsRemovedWithItsCursorAndAnUsedOneStays() throws Exception {
        meta.start();
        store.start();
        meta.subscribe("d", "1001", "");
        meta.subscribe("d", "1002", "");
        store.subscription("1001", Optional.empty());
        store.subscription("1002", Optional.empty());
        SubscriptionExpiry expiry = new SubscriptionExpiry("d", handle, Duration.ofMinutes(1));

        clock.addAndGet(TimeUnit.SECONDS.toNanos(59));
        store.subscription("1001", Optional.empty()).get(10, 0);
        expiry.check();
        assertThat(meta.subscriptions("d")).containsExactlyInAnyOrder("1001", "1002");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        expiry.check();

        assertThat(meta.subscriptions("d")).containsExactly("1001");
        assertThat(store.subscriptionStates()).extracting(SubscriptionState::id).containsExactly("1001");
    }
}
