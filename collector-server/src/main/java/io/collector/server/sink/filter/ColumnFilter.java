package io.collector.server.sink.filter;

import io.collector.server.error.ConfigException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which columns of which tables are kept, with Canal's syntax and semantics
 * ({@code canal.instance.filter.field} and {@code canal.instance.filter.black.field}): each list is
 * {@code schema.table:col1/col2,schema.table2:col1}; table and column names are exact and case-insensitive.
 *
 * <ul>
 *   <li>A table in the include list keeps only its listed columns. As in Canal, key columns are not kept
 *       unless listed, and the exclude list is not consulted for that table.</li>
 *   <li>Otherwise, a table in the exclude list loses its listed columns.</li>
 *   <li>Other tables keep all their columns.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class ColumnFilter {

    private static final ColumnFilter NONE = new ColumnFilter(Map.of(), Map.of());

    private final Map<String, Set<String>> includes;
    private final Map<String, Set<String>> excludes;

    private ColumnFilter(Map<String, Set<String>> includes, Map<String, Set<String>> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * A filter from Canal-style include and exclude lists; null or blank lists are empty.
     *
     * @throws ConfigException if an entry is not {@code schema.table:col[/col...]}
     */
    public static ColumnFilter of(String include, String exclude) {
        return new ColumnFilter(parse(include), parse(exclude));
    }

    /** The filter that keeps every column. */
    public static ColumnFilter none() {
        return NONE;
    }

    public boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /** Which columns of {@code schema.table} are kept, by name; empty when the table keeps all of them. */
    public Optional<Predicate<String>> forTable(String schema, String table) {
        String name = schema + "." + table;
        Set<String> kept = includes.get(name);
        if (kept != null) {
            return Optional.of(kept::contains);
        }
        Set<String> dropped = excludes.get(name);
        return dropped == null ? Optional.empty() : Optional.of(column -> !dropped.contains(column));
    }

    @Override
    public String toString() {
        return "include " + includes + " exclude " + excludes;
    }

    private static Map<String, Set<String>> parse(String list) {
        Map<String, Set<String>> tables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (list != null) {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    parseEntry(entry.strip(), tables);
                }
            }
        }
        return tables.isEmpty() ? Map.of() : Collections.unmodifiableMap(tables);
    }

    private static void parseEntry(String entry, Map<String, Set<String>> tables) {
        int colon = entry.indexOf(':');
        String table = colon < 0 ? "" : entry.substring(0, colon).strip();
        if (colon < 0 || table.indexOf('.') <= 0 || table.endsWith(".") || entry.indexOf(':', colon + 1) >= 0) {
            throw new ConfigException("Invalid column filter entry \"" + entry
                    + "\": expected schema.table:column[/column...]");
        }
        Set<String> columns = tables.computeIfAbsent(table, t -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
        for (String column : entry.substring(colon + 1).split("/")) {
            if (!column.isBlank()) {
                columns.add(column.strip());
            }
        }
    }
}
