package io.collector.server.service;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's own table filter, applied to the batches it takes: ROWDATA entries (rows and DDL) of tables it
 * rejects are left out, everything else passes, as in the sink. Canal's syntax: comma-separated regular
 * expressions, each anchored and case-insensitive, matched against the lower-cased {@code schema.table}.
 *
 * <p>Expressions are compiled once, with RE2/J: matching takes time linear in the table name, whatever the
 * expression, so a client cannot pin a request thread with a pattern such as {@code (.*a){20}}. RE2 has no
 * back-references or look-around; such an expression is refused. An expression list longer than
 * {@value #MAX_LENGTH} characters is refused. Decisions are cached per table. Thread-safe.
 */
final class ClientFilter {

    /** Longest filter accepted, in characters. */
    static final int MAX_LENGTH = 16 * 1024;
    /** Most distinct tables whose decision is cached. */
    private static final int MAX_CACHED = 100_000;

    static final ClientFilter ALL = new ClientFilter("", List.of());

    private final String expression;
    private final List<Pattern> includes;
    private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();

    private ClientFilter(String expression, List<Pattern> includes) {
        this.expression = expression;
        this.includes = includes;
    }

    /**
     * The filter for a subscription's expression; blank means all tables.
     *
     * @throws ConfigException if it is too long or an expression is not valid for RE2
     */
    static ClientFilter of(String expression) {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ConfigException("filter of " + expression.length() + " characters is longer than the "
                    + MAX_LENGTH + " allowed");
        }
        List<Pattern> includes = new ArrayList<>();
        for (String one : expression.split(",")) {
            if (!one.isBlank()) {
                includes.add(compile(one.strip()));
            }
        }
        return includes.isEmpty() ? ALL : new ClientFilter(expression, List.copyOf(includes));
    }

    String expression() {
        return expression;
    }

    /** {@code events} without what the filter rejects; the same list if it rejects nothing. */
    List<ChangeEvent> apply(List<ChangeEvent> events) {
        if (this == ALL) {
            return events;
        }
        List<ChangeEvent> kept = new ArrayList<>(events.size());
        for (ChangeEvent event : events) {
            if (accepts(event)) {
                kept.add(event);
            }
        }
        return kept.size() == events.size() ? events : List.copyOf(kept);
    }

    /** Whether {@code schema.table} passes (any case). */
    boolean accepts(String qualifiedTable) {
        Boolean cached = decisions.get(qualifiedTable);
        if (cached != null) {
            return cached;
        }
        boolean accepted = matches(qualifiedTable.toLowerCase(Locale.ROOT));
        if (decisions.size() < MAX_CACHED) {
            decisions.put(qualifiedTable, accepted);
        }
        return accepted;
    }

    private boolean accepts(ChangeEvent event) {
        Header header = event.header();
        if (event.entryType() != EntryType.ROWDATA || header.getTableName().isEmpty()) {
            return true;
        }
        return accepts(event.qualifiedTable());
    }

    private boolean matches(String name) {
        for (Pattern pattern : includes) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String expression) {
        try {
            return Pattern.compile("(?:" + expression + ")", Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("Invalid table filter expression \"" + expression + "\": " + e.getMessage()
                    + "; expected comma-separated regular expressions over schema.table (RE2 syntax: no "
                    + "back-references or look-around)", e);
        }
    }
}
