package io.collector.server.metrics;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.DeliveryListener;
import io.collector.server.service.Message;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-client meters, tagged {@code destination} and {@code client}: batches, entries and rows delivered, and the
 * age of the newest change a client acknowledged ({@code collector.client.ack.delay}: source time of its cursor
 * versus now). Meters appear with a client's first batch.
 */
public final class ClientMeters implements DeliveryListener {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<ClientIdentity, AtomicLong> ackedSourceTime = new ConcurrentHashMap<>();

    public ClientMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void delivered(ClientIdentity client, Message message) {
        Tags tags = tags(client);
        registry.counter("collector.client.batches", tags).increment();
        registry.counter("collector.client.entries", tags).increment(message.events().size());
        long rows = 0;
        for (ChangeEvent event : message.events()) {
            rows += event.rowCount();
        }
        registry.counter("collector.client.rows", tags).increment(rows);
    }

    @Override
    public void acknowledged(ClientIdentity client, Cursor cursor) {
        long sourceTime = cursor.restart().timestamp();
        if (sourceTime > 0) {
            ackedTime(client).set(sourceTime);
        }
    }

    private AtomicLong ackedTime(ClientIdentity client) {
        return ackedSourceTime.computeIfAbsent(client, c -> {
            AtomicLong time = new AtomicLong();
            Gauge.builder("collector.client.ack.delay", time, t -> t.get() == 0 ? Double.NaN : clock.millis() - t.get())
                    .tags(tags(c)).baseUnit("milliseconds")
                    .description("age of the newest change the client acknowledged").register(registry);
            return time;
        });
    }

    private static Tags tags(ClientIdentity client) {
        return Tags.of("destination", client.destination(), "client", client.clientId());
    }
}
