package io.collector.server.parser.schema.history;

import io.collector.server.parser.ddl.QualifiedTable;
import io.collector.server.parser.ddl.SchemaChange;
import io.collector.server.parser.ddl.SchemaChange.AlterOp;
import io.collector.server.parser.ddl.SchemaChange.Placement;
import io.collector.server.parser.schema.history.SchemaModel.ModelMismatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the ops of one ALTER TABLE to a table of the {@link SchemaModel}, in order, as the server does; a
 * table rename is applied last. An op that does not fit the table (a missing column, a duplicate one) is a
 * {@link ModelMismatch}.
 */
final class AlterApplier {

    private final SchemaModel model;
    private final QualifiedTable name;
    private final List<HistoryColumn> columns;
    private final List<String> primaryKey;
    private String charset;
    private QualifiedTable renamedTo;

    AlterApplier(SchemaModel model, HistoryTable table) {
        this.model = model;
        this.name = new QualifiedTable(table.schema(), table.name());
        this.columns = new ArrayList<>(table.columns());
        this.primaryKey = new ArrayList<>(table.primaryKey());
        this.charset = table.charset();
    }

    HistoryTable apply(List<AlterOp> ops) {
        ops.forEach(this::apply);
        QualifiedTable finalName = renamedTo != null ? renamedTo : name;
        return new HistoryTable(finalName.schema(), finalName.table(), charset, columns, primaryKey);
    }

    private void apply(AlterOp op) {
        if (op instanceof SchemaChange.AddColumn a) {
            add(a);
        } else if (op instanceof SchemaChange.DropColumn d) {
            drop(d);
        } else if (op instanceof SchemaChange.ReplaceColumn r) {
            replace(r);
        } else if (op instanceof SchemaChange.RenameColumn r) {
            rename(r);
        } else if (op instanceof SchemaChange.AddPrimaryKey k) {
            primaryKey.clear();
            primaryKey.addAll(k.columns());
        } else if (op instanceof SchemaChange.DropPrimaryKey) {
            primaryKey.clear();
        } else if (op instanceof SchemaChange.TableCharset c) {
            charset = model.tableCharset(c.charset(), c.collation(), name.schema());
        } else if (op instanceof SchemaChange.RenameTo r) {
            renamedTo = r.table();
        }
    }

    private void add(SchemaChange.AddColumn a) {
        if (indexOf(a.column().name()) >= 0) {
            if (a.conditional()) {
                return;
            }
            throw new ModelMismatch(name, "column " + a.column().name() + " is already in the schema history");
        }
        insert(model.column(a.column(), charset, name), a.placement(), columns.size());
        if (a.column().primaryKey()) {
            primaryKey.add(a.column().name());
        }
    }

    private void drop(SchemaChange.DropColumn d) {
        int index = indexOf(d.name());
        if (index < 0) {
            if (d.conditional()) {
                return;
            }
            throw missing(d.name());
        }
        columns.remove(index);
        primaryKey.removeIf(k -> k.equalsIgnoreCase(d.name()));
    }

    private void replace(SchemaChange.ReplaceColumn r) {
        int index = indexOf(r.oldName());
        if (index < 0) {
            if (r.conditional()) {
                return;
            }
            throw missing(r.oldName());
        }
        HistoryColumn column = model.column(r.column(), charset, name);
        columns.remove(index);
        insert(column, r.placement(), index);
        renameInKey(r.oldName(), column.name());
        if (r.column().primaryKey() && primaryKey.stream().noneMatch(k -> k.equalsIgnoreCase(column.name()))) {
            primaryKey.add(column.name());
        }
    }

    private void rename(SchemaChange.RenameColumn r) {
        int index = indexOf(r.from());
        if (index < 0) {
            if (r.conditional()) {
                return;
            }
            throw missing(r.from());
        }
        columns.set(index, columns.get(index).named(r.to()));
        renameInKey(r.from(), r.to());
    }

    private void insert(HistoryColumn column, Placement placement, int keepAt) {
        if (placement.first()) {
            columns.add(0, column);
        } else if (placement.after() != null) {
            int after = indexOf(placement.after());
            if (after < 0) {
                throw missing(placement.after());
            }
            columns.add(after + 1, column);
        } else {
            columns.add(keepAt, column);
        }
    }

    private void renameInKey(String from, String to) {
        primaryKey.replaceAll(k -> k.equalsIgnoreCase(from) ? to : k);
    }

    private int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private ModelMismatch missing(String column) {
        return new ModelMismatch(name, "column " + column + " is not in the schema history");
    }
}
