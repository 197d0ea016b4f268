package io.collector.server.parser.schema.history;

import io.collector.server.parser.ddl.SchemaChange;
import io.collector.server.parser.ddl.SchemaDdlParser;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.MysqlCharsets;
import io.collector.server.parser.schema.TableSchema;
import io.collector.server.position.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table definitions of one destination's source as they were at the binlog position being read: rebuilt at
 * start from the stored snapshot and the DDL entries before the resume position (compacted into a new snapshot
 * there), or taken from {@code information_schema} at the first start; then changed by each DDL read from the
 * binlog, which is stored before its entry is handed on. Used from the parser thread only.
 */
public final class SchemaHistory {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaHistory.class);

    private final String destination;
    private final SchemaHistoryStore store;
    private final SchemaModel model;
    private HistoryEntry lastApplied;
    private final String origin;

    private SchemaHistory(String destination, SchemaHistoryStore store, SchemaModel model, String origin) {
        this.destination = destination;
        this.store = store;
        this.model = model;
        this.origin = origin;
    }

    /**
     * The history at {@code resume}: the stored one replayed up to it, or a new one from {@code bootstrap} when
     * none is stored, the resume position is before the stored snapshot, or the dump does not resume from a
     * cursor (then the binlog between the stored history and {@code resume} was never read).
     *
     * @param resume    where the dump starts; DDL at or after it is read again from the binlog
     * @param resuming  whether {@code resume} comes from a cursor, i.e. continues what earlier runs read
     * @param bootstrap the source's current definitions, recorded at {@code resume}
     */
    public static SchemaHistory open(String destination, SchemaHistoryStore store, LogPosition resume,
                                     boolean resuming, Supplier<HistorySnapshot> bootstrap) {
        SchemaHistoryStore.Stored stored = store.load().orElse(null);
        if (stored != null && !resuming) {
            LOG.info("[destination={}] no cursor to resume from: the stored schema history is replaced", destination);
            stored = null;
        }
        if (stored != null && !resume.journal().isEmpty() && !stored.snapshot().journal().isEmpty()
                && HistorySnapshot.compare(resume.journal(), resume.offset(), stored.snapshot().journal(),
                stored.snapshot().offset()) < 0) {
            LOG.warn("[destination={}] resume position {} is before the schema history, which starts at {}:{};"
                    + " taking the current definitions from the source's information_schema instead", destination,
                    resume, stored.snapshot().journal(), stored.snapshot().offset());
            stored = null;
        }
        if (stored == null) {
            HistorySnapshot first = bootstrap.get();
            store.replace(first);
            LOG.info("[destination={}] schema history started at {} with {} tables from information_schema",
                    destination, resume, first.tables().size());
            return new SchemaHistory(destination, store, first.model(), "information_schema at " + resume);
        }
        return replay(destination, store, stored, resume);
    }

    private static SchemaHistory replay(String destination, SchemaHistoryStore store, SchemaHistoryStore.Stored stored,
                                        LogPosition resume) {
        HistorySnapshot snapshot = stored.snapshot();
        SchemaHistory history = new SchemaHistory(destination, store, snapshot.model(),
                "snapshot at " + snapshot.journal() + ":" + snapshot.offset());
        List<HistoryEntry> kept = new ArrayList<>();
        for (HistoryEntry e : stored.entries()) {
            boolean afterSnapshot = !e.before(snapshot.journal(), snapshot.offset());
            if (afterSnapshot && (resume.journal().isEmpty() || e.before(resume.journal(), resume.offset()))) {
                history.applyToModel(e);
                kept.add(e);
            }
        }
        boolean byFile = !resume.journal().isEmpty();
        store.replace(HistorySnapshot.of(byFile ? resume.journal() : snapshot.journal(),
                byFile ? resume.offset() : snapshot.offset(), history.model));
        if (!byFile) {
            kept.forEach(store::append);
        }
        LOG.info("[destination={}] schema history rebuilt at {} from a snapshot at {}:{} and {} DDL statements",
                destination, resume, snapshot.journal(), snapshot.offset(), kept.size());
        return history;
    }

    /**
     * Applies and stores a DDL statement read at {@code position}; a statement at or before the last one applied
     * (read again after a reconnect) is ignored.
     */
    public void apply(String sql, String database, LogPosition position) {
        if (lastApplied != null && !lastApplied.before(position.journal(), position.offset())) {
            return;
        }
        HistoryEntry entry = new HistoryEntry(position.journal(), position.offset(), database, sql);
        if (applyToModel(entry)) {
            store.append(entry);
        }
    }

    /** Whether the statement changes definitions (and so belongs in the history). */
    private boolean applyToModel(HistoryEntry entry) {
        SchemaChange change = SchemaDdlParser.parse(entry.sql(), entry.database());
        if (change instanceof SchemaChange.None) {
            return false;
        }
        List<String> unknown = model.apply(change, entry.sql());
        if (!unknown.isEmpty()) {
            LOG.warn("[destination={}] schema history cannot apply {}: {}; rows of {} need binlog_row_metadata=FULL"
                    + " until the table is created again", destination, entry, model.unknown().get(unknown.get(0)),
                    unknown);
        }
        lastApplied = entry;
        return true;
    }

    /** The table as of the position read, or null when the history has no such table. */
    public TableSchema table(String schema, String table) {
        HistoryTable t = model.table(schema, table);
        if (t == null) {
            return null;
        }
        List<ColumnSchema> columns = new ArrayList<>(t.columns().size());
        for (int i = 0; i < t.columns().size(); i++) {
            HistoryColumn c = t.columns().get(i);
            boolean key = t.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            columns.add(new ColumnSchema(c.name(), i, c.dataType(), c.columnType(), c.unsigned(), key,
                    MysqlCharsets.javaName(c.charset()), c.labels()));
        }
        return new TableSchema(schema, table, columns);
    }

    /** Why the table's definition is unknown (a DDL the history could not apply), or null. */
    public String unknownReason(String schema, String table) {
        return model.unknownReason(schema, table);
    }

    /** The last DDL applied, for error messages: the statement and its position, or where the history began. */
    public String lastDdl() {
        return lastApplied != null ? lastApplied.toString() : "none since " + origin;
    }
}
