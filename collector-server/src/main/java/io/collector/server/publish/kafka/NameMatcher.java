package io.collector.server.publish.kafka;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One name pattern of Canal's MQ rules: a plain name (no regex metacharacter other than '.') matches that name
 * ignoring case; anything else is a regular expression, anchored and case-insensitive.
 */
final class NameMatcher {

    private static final String REGEX_CHARS = "*?+|(){}[]\\$^";

    private final String plain;
    private final Pattern regex;

    private NameMatcher(String plain, Pattern regex) {
        this.plain = plain;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException if the expression does not compile */
    static NameMatcher of(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty name pattern");
        }
        if (!isRegex(t)) {
            return new NameMatcher(t, null);
        }
        try {
            return new NameMatcher(null, Pattern.compile("^(?:" + t + ")$", Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("\"" + t + "\" does not compile: " + e.getDescription(), e);
        }
    }

    /** Canal's test: a pattern is a regex when it holds one of {@code * ? + | ( ) { } [ ] \ $ ^}. */
    static boolean isRegex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (REGEX_CHARS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    boolean isPlain() {
        return plain != null;
    }

    /** Whether the pattern is meant for {@code schema.table} names: a regex holding an escaped dot. */
    boolean qualified(String text) {
        return !isPlain() && text.contains("\\.");
    }

    boolean matches(String name) {
        return plain != null ? plain.equalsIgnoreCase(name) : regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return plain != null ? plain : regex.pattern();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
