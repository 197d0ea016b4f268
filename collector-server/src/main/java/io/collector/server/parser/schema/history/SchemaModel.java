package io.collector.server.parser.schema.history;

import io.collector.server.parser.ddl.ColumnDef;
import io.collector.server.parser.ddl.QualifiedTable;
import io.collector.server.parser.ddl.SchemaChange;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table and database definitions of one source at one binlog position, changed by applying DDL. A DDL the
 * model cannot apply (an unknown form, or one that does not fit the model: a column that is not there) marks its
 * table unknown with the reason, until a later CREATE or DROP defines it again. Not thread-safe.
 */
public final class SchemaModel {

    private final ServerFlavor flavor;
    private final String serverCharset;
    private final Map<String, String> databases;
    private final Map<String, HistoryTable> tables = new HashMap<>();
    private final Map<String, String> unknown;

    public SchemaModel(ServerFlavor flavor, String serverCharset, Map<String, String> databases,
                       List<HistoryTable> tables, Map<String, String> unknown) {
        this.flavor = flavor;
        this.serverCharset = serverCharset;
        this.databases = new HashMap<>(databases);
        this.unknown = new HashMap<>(unknown);
        tables.forEach(t -> this.tables.put(key(t.schema(), t.name()), t));
    }

    public ServerFlavor flavor() {
        return flavor;
    }

    public String serverCharset() {
        return serverCharset;
    }

    /** Database name → default character set. */
    public Map<String, String> databases() {
        return Map.copyOf(databases);
    }

    public List<HistoryTable> tables() {
        return List.copyOf(tables.values());
    }

    /** {@code schema.table} → why its definition is unknown. */
    public Map<String, String> unknown() {
        return Map.copyOf(unknown);
    }

    /** The table, or null when it does not exist in the model. */
    public HistoryTable table(String schema, String table) {
        return tables.get(key(schema, table));
    }

    /** Why the table's definition is unknown, or null when it is known (or absent). */
    public String unknownReason(String schema, String table) {
        return unknown.get(key(schema, table));
    }

    /**
     * Applies one statement's change.
     *
     * @param statement the DDL text, for the reason recorded when a table becomes unknown
     * @return the tables the statement left unknown, as {@code schema.table}, empty when it applied fully
     */
    public List<String> apply(SchemaChange change, String statement) {
        try {
            return dispatch(change, statement);
        } catch (ModelMismatch e) {
            return markUnknown(e.table, e.getMessage(), statement);
        }
    }

    private List<String> dispatch(SchemaChange change, String statement) {
        if (change instanceof SchemaChange.Unknown u) {
            return markUnknown(u.table(), u.reason(), statement);
        } else if (change instanceof SchemaChange.CreateTable c) {
            return create(c);
        } else if (change instanceof SchemaChange.CreateLike c) {
            return createLike(c);
        } else if (change instanceof SchemaChange.AlterTable a) {
            return alter(a);
        } else if (change instanceof SchemaChange.RenameTables r) {
            return renameTables(r);
        } else if (change instanceof SchemaChange.DropTables d) {
            return dropTables(d.tables());
        } else if (change instanceof SchemaChange.Database d) {
            return database(d);
        } else if (change instanceof SchemaChange.DropDatabase d) {
            return dropDatabase(d.name());
        }
        return List.of();
    }

    private List<String> markUnknown(QualifiedTable table, String reason, String statement) {
        if (table == null) {
            // no target: every table could be affected, so none can be trusted
            tables.keySet().forEach(k -> unknown.put(k, reason + " in: " + statement));
            return List.copyOf(unknown.keySet());
        }
        String key = key(table.schema(), table.table());
        unknown.put(key, reason + " in: " + statement);
        return List.of(key);
    }

    private List<String> create(SchemaChange.CreateTable c) {
        QualifiedTable t = c.table();
        if (c.ifNotExists() && table(t.schema(), t.table()) != null) {
            return List.of();
        }
        String charset = tableCharset(c.charset(), c.collation(), t.schema());
        List<HistoryColumn> columns = new java.util.ArrayList<>();
        for (ColumnDef def : c.columns()) {
            columns.add(column(def, charset, t));
        }
        put(new HistoryTable(t.schema(), t.table(), charset, columns, c.primaryKey()));
        return List.of();
    }

    private List<String> createLike(SchemaChange.CreateLike c) {
        QualifiedTable t = c.table();
        if (c.ifNotExists() && table(t.schema(), t.table()) != null) {
            return List.of();
        }
        HistoryTable source = existing(c.source());
        put(source.renamed(t.schema(), t.table()));
        return List.of();
    }

    private List<String> alter(SchemaChange.AlterTable a) {
        HistoryTable altered = new AlterApplier(this, existing(a.table())).apply(a.ops());
        tables.remove(key(a.table().schema(), a.table().table()));
        unknown.remove(key(a.table().schema(), a.table().table()));
        put(altered);
        return List.of();
    }

    private List<String> renameTables(SchemaChange.RenameTables r) {
        for (int i = 0; i < r.from().size(); i++) {
            QualifiedTable from = r.from().get(i);
            QualifiedTable to = r.to().get(i);
            HistoryTable table;
            try {
                table = existing(from);
            } catch (ModelMismatch e) {
                // the unknown definition moves to the new name
                tables.remove(key(from.schema(), from.table()));
                unknown.remove(key(from.schema(), from.table()));
                throw new ModelMismatch(to, e.getMessage() + " (renamed from " + from.schema() + "." + from.table() + ")");
            }
            tables.remove(key(from.schema(), from.table()));
            put(table.renamed(to.schema(), to.table()));
        }
        return List.of();
    }

    private List<String> dropTables(List<QualifiedTable> dropped) {
        for (QualifiedTable t : dropped) {
            tables.remove(key(t.schema(), t.table()));
            unknown.remove(key(t.schema(), t.table()));
        }
        return List.of();
    }

    private List<String> database(SchemaChange.Database d) {
        String charset = d.charset() != null ? d.charset() : charsetOfCollation(d.collation());
        if (charset != null) {
            databases.put(d.name(), charset);
        } else if (d.created()) {
            databases.put(d.name(), serverCharset);
        }
        return List.of();
    }

    private List<String> dropDatabase(String name) {
        String prefix = flavor.lowerCaseNames() ? name.toLowerCase(Locale.ROOT) + "." : name + ".";
        tables.keySet().removeIf(k -> k.startsWith(prefix));
        unknown.keySet().removeIf(k -> k.startsWith(prefix));
        databases.remove(name);
        return List.of();
    }

    /** A column of {@code table}, its charset resolved against the table's default. */
    HistoryColumn column(ColumnDef def, String tableCharset, QualifiedTable table) {
        String explicit = def.charset() != null ? def.charset() : charsetOfCollation(def.collation());
        String charset = explicit != null ? explicit : tableCharset;
        TypeSpelling.Spelled spelled = TypeSpelling.spell(def, flavor, charset);
        if (spelled == null) {
            throw new ModelMismatch(table, "unknown column type '" + def.type() + "' of column " + def.name());
        }
        String textCharset = !spelled.text() ? null : flavor.mariadb() && def.type().equals("json") ? "utf8mb4" : charset;
        return new HistoryColumn(def.name(), spelled.dataType(), spelled.columnType(), spelled.unsigned(),
                textCharset, def.labels());
    }

    String tableCharset(String charset, String collation, String schema) {
        if (charset != null) {
            return charset;
        }
        String fromCollation = charsetOfCollation(collation);
        if (fromCollation != null) {
            return fromCollation;
        }
        String database = databases.get(schema);
        return database != null ? database : serverCharset;
    }

    /** The table a statement changes; a mismatch when it is absent or already unknown (it stays unknown). */
    HistoryTable existing(QualifiedTable t) {
        String reason = unknownReason(t.schema(), t.table());
        if (reason != null) {
            throw new ModelMismatch(t, "the table was already unknown: " + reason);
        }
        HistoryTable table = table(t.schema(), t.table());
        if (table == null) {
            throw new ModelMismatch(t, "the table is not in the schema history");
        }
        return table;
    }

    private void put(HistoryTable table) {
        String key = key(table.schema(), table.name());
        tables.put(key, table);
        unknown.remove(key);
    }

    /** A collation's character set: the part before the first underscore ({@code binary} stays binary). */
    static String charsetOfCollation(String collation) {
        if (collation == null) {
            return null;
        }
        int underscore = collation.indexOf('_');
        return (underscore < 0 ? collation : collation.substring(0, underscore)).toLowerCase(Locale.ROOT);
    }

    /** {@code schema.table} as written. */
    static String qualified(String schema, String table) {
        return schema + "." + table;
    }

    /** The lookup key of a table: its qualified name, lower-cased when the server compares names so. */
    private String key(String schema, String table) {
        String name = qualified(schema, table);
        return flavor.lowerCaseNames() ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** The model does not fit a statement that the source executed: the table's definition is now unknown. */
    static final class ModelMismatch extends RuntimeException {

        private final QualifiedTable table;

        ModelMismatch(QualifiedTable table, String message) {
            super(message, null, false, false);
            this.table = table;
        }
    }
}
