package io.collector.client.example;

import io.collector.client.ChangeRow;
import java.util.Map;
import java.util.Set;

/**
 * Formats a {@link ChangeRow} as one readable line:
 * <pre>
 * 2024-01-02T03:04:05Z shop.orders INSERT id=1 status=new gid=42
 * 2024-01-02T03:04:06Z shop.orders UPDATE id=1 status: new→paid gid=43
 * 2024-01-02T03:04:07Z shop.orders DELETE id=1 status=paid gid=44
 * 2024-01-02T03:04:08Z shop.orders DDL ALTER TABLE orders ADD note TEXT gid=45
 * </pre>
 * An UPDATE shows the key columns and the changed columns; SQL NULL shows as {@code NULL}; values with
 * blanks or quotes are quoted, control characters escaped, long values shortened. Stateless and thread-safe.
 */
public final class RowLineFormatter {

    /** Values longer than this are cut, with the full length noted. */
    public static final int MAX_VALUE_LENGTH = 100;

    /**
     * Returns the line for one row, without a line terminator.
     *
     * @param row the row
     * @return the line
     */
    public String format(ChangeRow row) {
        StringBuilder line = new StringBuilder(128);
        line.append(row.executeTime()).append(' ').append(tableName(row)).append(' ');
        if (row.isDdl()) {
            line.append("DDL ").append(oneLine(row.sql()));
        } else if (!row.isRowChange()) {
            line.append(row.eventType()).append(' ').append(oneLine(row.sql()));
        } else {
            line.append(row.eventType());
            appendColumns(line, row);
        }
        row.globalId().ifPresent(id -> line.append(" gid=").append(id));
        return line.toString();
    }

    private static String tableName(ChangeRow row) {
        return row.table().isEmpty() ? row.database() : row.database() + "." + row.table();
    }

    private static void appendColumns(StringBuilder line, ChangeRow row) {
        Set<String> updated = row.updatedColumns();
        if (updated.isEmpty()) {
            row.image().forEach((name, value) -> line.append(' ').append(name).append('=').append(value(value)));
            return;
        }
        for (Map.Entry<String, String> column : row.after().entrySet()) {
            String name = column.getKey();
            if (updated.contains(name)) {
                line.append(' ').append(name).append(": ").append(value(row.before().get(name))).append('→')
                        .append(value(column.getValue()));
            } else if (row.primaryKeys().contains(name)) {
                line.append(' ').append(name).append('=').append(value(column.getValue()));
            }
        }
    }

    private static String value(String value) {
        if (value == null) {
            return "NULL";
        }
        String shown = value.length() > MAX_VALUE_LENGTH
                ? value.substring(0, MAX_VALUE_LENGTH) + "…(" + value.length() + " chars)" : value;
        shown = escape(shown);
        boolean quote = shown.isEmpty() || shown.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=');
        return quote ? '"' + shown.replace("\"", "\\\"") + '"' : shown;
    }

    private static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return out.toString();
    }
}
