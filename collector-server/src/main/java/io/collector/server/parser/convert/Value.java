package io.collector.server.parser.convert;

/**
 * One column value in Canal's form.
 *
 * @param text    the value's text, or null for SQL NULL
 * @param sqlType the {@link java.sql.Types} code Canal reports for it
 */
public record Value(String text, int sqlType) {

    /** Whether this is SQL NULL. */
    public boolean isNull() {
        return text == null;
    }
}
