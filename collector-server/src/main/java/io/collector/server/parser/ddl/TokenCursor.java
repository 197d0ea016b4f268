package io.collector.server.parser.ddl;

import java.util.ArrayList;
import java.util.List;

/** Reads {@link SqlToken}s with look-ahead, and knows how SQL names tables. */
final class TokenCursor {

    private final SqlTokenizer tokenizer;
    private final List<SqlToken> ahead = new ArrayList<>();

    TokenCursor(String sql) {
        this.tokenizer = new SqlTokenizer(sql);
    }

    SqlToken peek() {
        return peek(0);
    }

    /** The token {@code distance} places ahead of the next one. */
    SqlToken peek(int distance) {
        while (ahead.size() <= distance) {
            ahead.add(tokenizer.next());
        }
        return ahead.get(distance);
    }

    SqlToken next() {
        SqlToken token = peek();
        ahead.remove(0);
        return token;
    }

    /** Consumes the next tokens if they are the keywords {@code keywords}, in order. */
    boolean accept(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!peek(i).is(keywords[i])) {
                return false;
            }
        }
        ahead.subList(0, keywords.length).clear();
        return true;
    }

    /** Consumes the next token if it is one of {@code keywords}. */
    boolean acceptAny(String... keywords) {
        for (String keyword : keywords) {
            if (accept(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Consumes the next token if it is the symbol {@code symbol}. */
    boolean acceptSymbol(char symbol) {
        if (!peek().isSymbol(symbol)) {
            return false;
        }
        next();
        return true;
    }

    void skipIfExists() {
        accept("IF", "EXISTS");
    }

    void skipIfNotExists() {
        accept("IF", "NOT", "EXISTS");
    }

    /**
     * Reads {@code name} or {@code schema.name}; an unqualified name is in {@code currentDatabase}.
     *
     * @return the table, or null when the next token is not a name
     */
    QualifiedTable table(String currentDatabase) {
        if (!peek().isName()) {
            return null;
        }
        String first = next().text();
        if (peek().isSymbol('.') && peek(1).isName()) {
            next();
            return new QualifiedTable(first, next().text());
        }
        return new QualifiedTable(currentDatabase, first);
    }

    /**
     * Skips tokens up to and including the next {@code ,} outside parentheses.
     *
     * @return false when the statement ended instead
     */
    boolean skipPastTopLevelComma() {
        int depth = 0;
        for (SqlToken token = next(); !token.isEnd(); token = next()) {
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            } else if (depth <= 0 && token.isSymbol(',')) {
                return true;
            }
        }
        return false;
    }

    /** Skips tokens until the keyword {@code keyword} outside parentheses has been consumed. */
    boolean skipPastKeyword(String keyword) {
        int depth = 0;
        for (SqlToken token = next(); !token.isEnd(); token = next()) {
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            } else if (depth <= 0 && token.is(keyword)) {
                return true;
            }
        }
        return false;
    }
}
