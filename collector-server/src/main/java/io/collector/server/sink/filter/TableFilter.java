package io.collector.server.sink.filter;

import io.collector.server.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Which tables pass, with Canal's semantics ({@code canal.instance.filter.regex} and
 * {@code canal.instance.filter.black.regex}): each list is comma-separated regular expressions, each anchored
 * ({@code ^...$}) and case-insensitive, matched against the lower-cased {@code schema.table}. A table passes
 * when an include expression matches it and no exclude expression does. An empty include list includes
 * everything; an empty exclude list excludes nothing. Blanks around each expression are ignored.
 *
 * <p>A filter narrowed by another ({@link #narrow}) passes only what both pass. Immutable and thread-safe;
 * matching costs a regex per expression, so callers on the hot path cache decisions per table.
 */
public final class TableFilter {

    /** Canal's default include list: every table. In a properties file it is written {@code .*\\..*}. */
    public static final String DEFAULT_INCLUDE = ".*\\..*";

    private static final TableFilter ALL = new TableFilter(List.of());

    /** Include/exclude pairs that must all pass. */
    private final List<Rule> rules;

    private record Rule(List<Pattern> includes, List<Pattern> excludes) {

        boolean accepts(String name) {
            return (includes.isEmpty() || matchesAny(includes, name)) && !matchesAny(excludes, name);
        }

        @Override
        public String toString() {
            return "include " + join(includes) + " exclude " + join(excludes);
        }
    }

    private TableFilter(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * A filter from Canal-style include and exclude lists; null or blank lists are empty.
     *
     * @throws ConfigException if an expression is not a valid regular expression
     */
    public static TableFilter of(String include, String exclude) {
        return new TableFilter(List.of(new Rule(compile(include), compile(exclude))));
    }

    /** The filter that passes every table. */
    public static TableFilter acceptAll() {
        return ALL;
    }

    /** Whether table {@code table} of {@code schema} passes. */
    public boolean accepts(String schema, String table) {
        return accepts(schema + "." + table);
    }

    /** Whether {@code schema.table} passes (any case). */
    public boolean accepts(String qualifiedName) {
        String name = qualifiedName.toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (!rule.accepts(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This filter narrowed by a client's: a table passes only if both pass, so a client can never see a
     * table the destination's own filter excludes (unlike Canal, where a client filter replaces it).
     */
    public TableFilter narrow(TableFilter clientFilter) {
        List<Rule> both = new ArrayList<>(rules);
        both.addAll(clientFilter.rules);
        return new TableFilter(List.copyOf(both));
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "all tables" : rules.stream().map(Rule::toString).collect(Collectors.joining(" and "));
    }

    private static List<Pattern> compile(String list) {
        List<Pattern> patterns = new ArrayList<>();
        if (list == null) {
            return patterns;
        }
        for (String expression : list.split(",")) {
            if (!expression.isBlank()) {
                patterns.add(compileOne(expression.strip()));
            }
        }
        return List.copyOf(patterns);
    }

    private static Pattern compileOne(String expression) {
        try {
            return Pattern.compile("^(?:" + expression + ")$", Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("Invalid table filter expression \"" + expression + "\": "
                    + e.getDescription() + "; expected comma-separated regular expressions over schema.table", e);
        }
    }

    private static boolean matchesAny(List<Pattern> patterns, String name) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String join(List<Pattern> patterns) {
        return patterns.stream().map(Pattern::pattern).collect(Collectors.joining(",", "[", "]"));
    }
}
