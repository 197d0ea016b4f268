package io.collector.server.parser.ddl;

/**
 * One token of a SQL statement.
 *
 * @param kind what the token is
 * @param text a word as written, a quoted name or string without its quotes (doubled quotes undone), or the
 *             symbol character
 */
record SqlToken(Kind kind, String text) {

    /** Kinds of tokens. */
    enum Kind {
        /** Keyword, unquoted identifier or number. */
        WORD,
        /** Backtick-quoted identifier. */
        QUOTED_NAME,
        /** Single-quoted string literal. */
        STRING,
        /** Double-quoted string (an identifier under ANSI_QUOTES). */
        DOUBLE_QUOTED,
        /** Any other single character. */
        SYMBOL,
        /** End of the statement. */
        END
    }

    static final SqlToken END = new SqlToken(Kind.END, "");

    /** Whether this is the unquoted keyword {@code keyword} (case-insensitive). */
    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(char symbol) {
        return kind == Kind.SYMBOL && text.charAt(0) == symbol;
    }

    /** Whether this token can name a schema or table. */
    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_NAME || kind == Kind.DOUBLE_QUOTED;
    }

    boolean isEnd() {
        return kind == Kind.END;
    }
}
