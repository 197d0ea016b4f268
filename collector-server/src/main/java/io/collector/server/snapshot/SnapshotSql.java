package io.collector.server.snapshot;

import java.util.List;

/** SQL text of the snapshot queries. */
final class SnapshotSql {

    private SnapshotSql() {
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * The query of one chunk: every column, rows after the bound (when {@code bounded}) in key order, at most
     * {@code limit} rows (0 = all). The bound {@code (k1, k2) > (?, ?)} is spelled out as
     * {@code k1 > ? OR k1 = ? AND k2 > ?} so the server reads it as an index range; its parameters are the bound's
     * values in that order of appearance ({@link #boundParameters}).
     */
    static String chunk(SnapshotTable table, boolean bounded, int limit) {
        return chunk(table, bounded, limit, "");
    }

    /** {@link #chunk(SnapshotTable, boolean, int)} of the rows that also match {@code where} ("" for all). */
    static String chunk(SnapshotTable table, boolean bounded, int limit, String where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<SnapshotColumn> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).select());
        }
        sql.append(" FROM ").append(quote(table.schema())).append('.').append(quote(table.table()));
        if (bounded) {
            sql.append(" WHERE ").append(bound(table));
        }
        if (!where.isEmpty()) {
            sql.append(bounded ? " AND (" : " WHERE (").append(where).append(')');
        }
        if (!table.key().isEmpty()) {
            sql.append(" ORDER BY ");
            for (int i = 0; i < table.key().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(columns.get(table.key().get(i)).schema().name()));
            }
        }
        return limit > 0 ? sql.append(" LIMIT ").append(limit).toString() : sql.toString();
    }

    private static String bound(SnapshotTable table) {
        StringBuilder or = new StringBuilder("(");
        for (int i = 0; i < table.key().size(); i++) {
            or.append(i == 0 ? "" : " OR ").append('(');
            for (int j = 0; j < i; j++) {
                or.append(keyName(table, j)).append(" = ? AND ");
            }
            or.append(keyName(table, i)).append(" > ?)");
        }
        return or.append(')').toString();
    }

    /** For each parameter of the bound, the index of the key column whose value it takes. */
    static int[] boundParameters(int keyColumns) {
        int[] params = new int[keyColumns * (keyColumns + 1) / 2];
        int p = 0;
        for (int i = 0; i < keyColumns; i++) {
            for (int j = 0; j <= i; j++) {
                params[p++] = j;
            }
        }
        return params;
    }

    private static String keyName(SnapshotTable table, int keyIndex) {
        return quote(table.columns().get(table.key().get(keyIndex)).schema().name());
    }
}
