package io.collector.server.snapshot;

import io.collector.server.entry.EntryForm;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.parser.StartStage;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.sink.EventSink;
import io.collector.server.sink.filter.TableFilter;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination's snapshot, run by its parser before the binlog: decides from the mode, the consumers' cursor and
 * the stored progress whether to take a new snapshot, resume one, or just stream; then returns where the binlog
 * starts. The binlog always starts at the position of the snapshot's first read view, P; a resumed snapshot reads
 * its unacknowledged part in a new view at P' and has the {@link ResumeGate} drop the changes of that part
 * between P and P'.
 */
public final class SnapshotRunner implements StartStage {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRunner.class);

    private final SnapshotConfig config;
    private final ParserConfig parser;
    private final TableFilter tables;
    private final EventSink sink;
    private final ResumeGate gate;
    private final SnapshotProgressStore<SnapshotProgress> store;
    private final SnapshotStats stats;
    private final EntryForm form;
    private final LongSupplier ackedHint;

    /**
     * @param sink      where snapshot entries go (the destination's filtering sink)
     * @param ackedHint the highest globalId consumers acknowledged so far in this run (-1: none); prunes progress
     */
    public SnapshotRunner(SnapshotConfig config, ParserConfig parser, TableFilter tables, EventSink sink,
                          SnapshotProgressStore<SnapshotProgress> store, SnapshotStats stats, EntryForm form,
                          LongSupplier ackedHint) {
        this.config = config;
        this.parser = parser;
        this.tables = tables;
        this.sink = sink;
        this.gate = new ResumeGate(sink);
        this.store = store;
        this.stats = stats;
        this.form = form;
        this.ackedHint = ackedHint;
    }

    /** The sink the parser must write the binlog to: the destination's, behind the resume gate. */
    public EventSink streamSink() {
        return gate;
    }

    /** Ends a resumed snapshot's read view if the binlog has not reached it yet; call after the parser stopped. */
    public void close() {
        gate.region(null);
    }

    @Override
    public Begin beforeDump(SourceDatabase db, Optional<Cursor> resumeFrom, BooleanSupplier running)
            throws InterruptedException {
        gate.region(null);
        if (config.mode() == SnapshotMode.NEVER) {
            return new Begin(resumeFrom, resumeFrom.isPresent());
        }
        Optional<SnapshotProgress> stored = store.load();
        if (resumeFrom.isEmpty()) {
            return fresh(db, -1, running);
        }
        Cursor cursor = resumeFrom.get();
        if (stored.isPresent() && inside(stored.get(), cursor)) {
            return resume(db, stored.get(), cursor, running);
        }
        if (config.mode() == SnapshotMode.WHEN_NEEDED && purged(db, cursor.restart())) {
            LOG.warn("[destination={}] the binlog of the cursor {} was purged from the source; taking a new snapshot"
                    + " (snapshot.mode=when-needed)", parser.destination(), cursor.restart());
            return fresh(db, cursor.globalId(), running);
        }
        if (stored.isPresent()) {
            stats.done();
        }
        return new Begin(resumeFrom, true);
    }

    private static boolean inside(SnapshotProgress p, Cursor cursor) {
        return p.takenAt(cursor.restart()) && cursor.globalId() < SnapshotIds.streamStart(p.position())
                && !p.acknowledged(cursor.globalId());
    }

    private static boolean purged(SourceDatabase db, LogPosition at) {
        return !at.journal().isEmpty() && db.binaryLogs().stream().noneMatch(f -> f.name().equals(at.journal()));
    }

    /** A new snapshot, its ids above {@code floor} (a purged cursor's id, -1 for none). */
    private Begin fresh(SourceDatabase db, long floor, BooleanSupplier running) throws InterruptedException {
        SnapshotCatalog catalog = new SnapshotCatalog(db, parser.convert());
        try (SnapshotReader reader = new SnapshotReader(parser, config.locking())) {
            LogPosition at = reader.begin(parser.gtidMode());
            Map<String, Long> included = catalog.tables(tables);
            long estimate = included.values().stream().mapToLong(Long::longValue).sum();
            long first = Math.max(SnapshotIds.first(at), floor + 1);
            SnapshotProgress progress = new SnapshotProgress(at.journal(), at.offset(), at.gtidSet(),
                    List.copyOf(included.keySet()), List.of(), first - 1, false, estimate);
            store.save(progress);
            LOG.info("[destination={}] snapshot: consistent read view at {}; {} tables, about {} rows",
                    parser.destination(), at, included.size(), estimate);
            stats.started(included.size(), estimate, 0, 0);
            SnapshotProgress done = copy(db, reader, catalog, progress, 0, running).run(0, null);
            finished(done);
            return new Begin(Optional.of(new Cursor(at, done.lastIssuedId())), false);
        }
    }

    /**
     * Reads the unacknowledged part again in a new read view, which stays open (in the gate) until the binlog
     * reaches its position.
     */
    private Begin resume(SourceDatabase db, SnapshotProgress stored, Cursor cursor, BooleanSupplier running)
            throws InterruptedException {
        ChunkMark mark = stored.resumeMark(cursor.globalId());
        int table = mark == null ? 0 : mark.last() ? mark.table() + 1 : mark.table();
        List<String> after = mark == null || mark.last() ? null : mark.endKey();
        SnapshotCatalog catalog = new SnapshotCatalog(db, parser.convert());
        SnapshotReader reader = new SnapshotReader(parser, config.locking());
        boolean handedToGate = false;
        try {
            LogPosition now = reader.begin(false);
            SnapshotProgress progress = stored.resumedAt(cursor.globalId(),
                    Math.max(cursor.globalId(), stored.lastIssuedId()));
            store.save(progress);
            LOG.info("[destination={}] snapshot taken at {} resumes at table {} of {}{} in a new read view at {};"
                    + " the binlog from {} to {} is read without the changes of what is read again",
                    parser.destination(), stored.position(), table + 1, stored.tables().size(),
                    after == null ? "" : " after key " + after, now, stored.position(), now);
            stats.started(stored.tables().size(), stored.estimatedRows(), table, mark == null ? 0 : mark.rows());
            finished(copy(db, reader, catalog, progress, mark == null ? 0 : mark.rows(), running).run(table, after));
            gate.region(region(stored, table, after, now, reader, catalog));
            handedToGate = true;
            return new Begin(Optional.of(new Cursor(stored.position(), cursor.globalId())), true);
        } finally {
            if (!handedToGate) {
                reader.close();
            }
        }
    }

    private SnapshotCopy copy(SourceDatabase db, SnapshotReader reader, SnapshotCatalog catalog,
                              SnapshotProgress progress, long rows, BooleanSupplier running) {
        LogPosition p = progress.position();
        long sourceId = db.variable("server_id").map(Long::parseLong).orElse(0L);
        LogPosition at = new LogPosition(p.journal(), p.offset(), 0, System.currentTimeMillis(), p.gtidSet());
        return new SnapshotCopy(parser.destination(), reader, catalog, new SnapshotEntries(at, sourceId, form),
                new SnapshotCopy.Sinks(sink, store, ackedHint, running), stats, config.chunkRows(), progress, rows);
    }

    private void finished(SnapshotProgress done) {
        stats.done();
        LOG.info("[destination={}] snapshot complete: {} rows of {} tables; the binlog follows from {}",
                parser.destination(), stats.rows(), done.tables().size(), done.position());
    }

    private static ResumeGate.Region region(SnapshotProgress stored, int table, List<String> after, LogPosition now,
                                            SnapshotReader view, SnapshotCatalog catalog) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, SnapshotTable> reread = new HashMap<>();
        for (int i = 0; i < stored.tables().size(); i++) {
            String name = stored.tables().get(i);
            names.put(name, i);
            SnapshotTable described = i >= table ? catalog.describe(name) : null;
            if (described != null) {
                reread.put(name, described);
            }
        }
        List<BigInteger> afterKey = after == null ? List.of() : after.stream().map(BigInteger::new).toList();
        return new ResumeGate.Region(now, view, names, reread, table, afterKey);
    }
}
