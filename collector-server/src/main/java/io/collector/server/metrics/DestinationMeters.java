package io.collector.server.metrics;

import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.instance.DestinationStats;
import io.collector.server.store.EventStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The meters of every destination the server hosts, tagged {@code destination}: state, leadership, delay behind
 * the source, what the parser read, what the sink stored and filtered, and the store's fill. {@link #refresh()}
 * (called before each scrape) adds the meters of new destinations and removes those of destinations gone. Values
 * of a destination that does not run here (standby, failed) are NaN where only a running one has them.
 */
public final class DestinationMeters {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Supplier<Map<String, DestinationState>> states;
    private final Function<String, Optional<Destination>> running;
    private final Function<String, DestinationStats> stats;
    private final Predicate<String> leads;
    private final ToLongFunction<String> leaderships;
    private final Map<String, List<Meter>> meters = new HashMap<>();

    /**
     * @param states  every destination's state, by name
     * @param running a destination that runs on this server
     * @param stats   a destination's counters, kept across its restarts
     * @param leads   whether this server leads a destination (always true without high availability)
     * @param leaderships how many times this server became a destination's leader (0 without high availability)
     */
    public DestinationMeters(MeterRegistry registry, Clock clock, Supplier<Map<String, DestinationState>> states,
                             Function<String, Optional<Destination>> running,
                             Function<String, DestinationStats> stats, Predicate<String> leads,
                             ToLongFunction<String> leaderships) {
        this.registry = registry;
        this.clock = clock;
        this.states = states;
        this.running = running;
        this.stats = stats;
        this.leads = leads;
        this.leaderships = leaderships;
    }

    /** Registers the meters of destinations that appeared and removes those of destinations that went away. */
    public synchronized void refresh() {
        Map<String, DestinationState> now = states.get();
        for (String gone : List.copyOf(meters.keySet())) {
            if (!now.containsKey(gone)) {
                meters.remove(gone).forEach(registry::remove);
            }
        }
        now.keySet().forEach(name -> meters.computeIfAbsent(name, this::register));
    }

    private List<Meter> register(String name) {
        Tags tags = Tags.of("destination", name);
        List<Meter> list = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            list.add(Gauge.builder("collector.destination.state", () -> phase(name) == phase ? 1 : 0)
                    .tags(tags.and("state", phase.name())).description("1 for the destination's current state")
                    .register(registry));
        }
        list.add(gauge("collector.destination.leader", tags, "1 while this server leads the destination",
                () -> leads.test(name) ? 1 : 0));
        list.add(FunctionCounter.builder("collector.destination.leaderships", name, leaderships::applyAsLong)
                .tags(tags).description("elections this server won for the destination since it started")
                .register(registry));
        list.add(gauge("collector.destination.failed.attempts", tags,
                "consecutive failed starts of the destination (0 while healthy)", () -> attempts(name)));
        registerCounters(name, tags, list);
        registerStore(name, tags, list);
        registerSnapshot(stats.apply(name), tags, list);
        return list;
    }

    private void registerCounters(String name, Tags tags, List<Meter> list) {
        DestinationStats s = stats.apply(name);
        list.add(Gauge.builder("collector.source.delay", () -> delay(name, s)).tags(tags).baseUnit("milliseconds")
                .description("how far the binlog reader is behind the source (0 when a heartbeat says it is level)")
                .register(registry));
        list.add(gauge("collector.source.server.id", tags, "server_id of the source server read now (0 before the"
                + " first connection)", () -> s.parser().sourceServerId()));
        list.add(counter("collector.source.changes", tags, "times the binlog reader moved to another source server"
                + " (a switch to a standby, or another server found behind the address)", s,
                x -> x.parser().sourceChanges(), null));
        list.add(counter("collector.parser.events", tags, "binlog events read", s, x -> x.parser().events(), null));
        list.add(counter("collector.parser.bytes", tags, "bytes of binlog events read", s,
                x -> x.parser().bytes(), "bytes"));
        list.add(counter("collector.sink.entries", tags, "entries put into the store", s,
                x -> x.sink().entries(), null));
        list.add(counter("collector.sink.rows", tags, "rows put into the store", s, x -> x.sink().rows(), null));
        list.add(counter("collector.sink.filtered.rows", tags, "rows dropped by the destination's filters", s,
                x -> x.sink().filteredRows(), null));
        list.add(counter("collector.sink.transactions", tags, "transactions put into the store", s,
                x -> x.sink().transactions(), null));
        list.add(counter("collector.sink.blocked", tags, "time spent putting entries into the store, mostly waiting"
                + " while it was full", s, x -> x.sink().blockedNanos() / 1e9, "seconds"));
    }

    private void registerStore(String name, Tags tags, List<Meter> list) {
        list.add(gauge("collector.store.entries", tags, "entries held by the store",
                () -> store(name, EventStore::entryCount)));
        list.add(Gauge.builder("collector.store.bytes", () -> store(name, EventStore::byteCount)).tags(tags)
                .baseUnit("bytes").description("bytes the store counts for the entries it holds")
                .register(registry));
        list.add(gauge("collector.store.outstanding.batches", tags,
                "batches handed out and not yet acknowledged, over every client id",
                () -> store(name, EventStore::outstandingBatchCount)));
    }

    private void registerSnapshot(DestinationStats s, Tags tags, List<Meter> list) {
        list.add(gauge("collector.snapshot.rows", tags, "rows the snapshot has read (after a resume: up to the chunk"
                + " it resumed after, then on)", () -> s.snapshot().rows()));
        list.add(gauge("collector.snapshot.tables", tags, "tables the snapshot reads", () -> s.snapshot().tables()));
        list.add(gauge("collector.snapshot.tables.done", tags, "tables the snapshot has read",
                () -> s.snapshot().tablesDone()));
        list.add(Gauge.builder("collector.snapshot.progress", () -> s.snapshot().percent()).tags(tags)
                .baseUnit("percent").description("snapshot rows read of the estimated total (100 when done)")
                .register(registry));
        list.add(counter("collector.backfill.rows", tags, "rows backfills emitted (chunk rows the binlog did not"
                + " supersede)", s, d -> d.snapshot().backfill().totalRows(), null));
    }

    private Gauge gauge(String meter, Tags tags, String description, Supplier<Number> value) {
        return Gauge.builder(meter, value).tags(tags).description(description).register(registry);
    }

    private FunctionCounter counter(String meter, Tags tags, String description, DestinationStats s,
                                    ToDoubleFunction<DestinationStats> value, String unit) {
        return FunctionCounter.builder(meter, s, value).tags(tags).description(description).baseUnit(unit)
                .register(registry);
    }

    private Phase phase(String name) {
        DestinationState state = states.get().get(name);
        return state == null ? Phase.STOPPED : state.phase();
    }

    private int attempts(String name) {
        DestinationState state = states.get().get(name);
        return state == null ? 0 : state.attempts();
    }

    private double delay(String name, DestinationStats s) {
        long delay = s.parser().delayMillis(clock.millis());
        return running.apply(name).isEmpty() || delay < 0 ? Double.NaN : delay;
    }

    private double store(String name, ToDoubleFunction<EventStore> value) {
        return running.apply(name).map(d -> value.applyAsDouble(d.store())).orElse(Double.NaN);
    }
}
