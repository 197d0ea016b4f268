package io.collector.server.parser.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one column definition ({@code name type [attributes]}) for {@link SchemaDdlParser}. Stops before the
 * {@code ,} or {@code )} that ends it, and before {@code FIRST} / {@code AFTER}; returns null when the tokens
 * do not start with a name and a type word.
 */
final class ColumnDefParser {

    /** Types written with two words; the first word alone is also a type except for NATIONAL. */
    private static final Set<String> TWO_WORD = Set.of("double precision", "character varying", "char varying",
            "long varchar", "long varbinary", "long char", "national char", "national varchar", "national character",
            "nchar varchar", "nchar varying", "char byte");

    private final TokenCursor cursor;
    private String charset;
    private String collation;
    private boolean primaryKey;

    private ColumnDefParser(TokenCursor cursor) {
        this.cursor = cursor;
    }

    static ColumnDef parse(TokenCursor cursor) {
        return new ColumnDefParser(cursor).column();
    }

    private ColumnDef column() {
        if (!cursor.peek().isName() || cursor.peek(1).kind() != SqlToken.Kind.WORD) {
            return null;
        }
        String name = cursor.next().text();
        String type = typeWords();
        List<String> args = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (cursor.acceptSymbol('(')) {
            readArgs(type.equals("enum") || type.equals("set") ? labels : args);
        }
        boolean unsigned = false;
        boolean zerofill = false;
        for (SqlToken t = cursor.peek(); t.is("UNSIGNED") || t.is("SIGNED") || t.is("ZEROFILL"); t = cursor.peek()) {
            cursor.next();
            unsigned |= !t.is("SIGNED");
            zerofill |= t.is("ZEROFILL");
        }
        attributes();
        return new ColumnDef(name, type, args, labels, unsigned, zerofill, charset, collation, primaryKey);
    }

    private String typeWords() {
        String first = cursor.next().text().toLowerCase(Locale.ROOT);
        SqlToken second = cursor.peek();
        if (second.kind() == SqlToken.Kind.WORD) {
            String pair = first + " " + second.text().toLowerCase(Locale.ROOT);
            if (TWO_WORD.contains(pair)) {
                cursor.next();
                return pair;
            }
        }
        return first;
    }

    /** The values up to the closing parenthesis: numbers or quoted labels. */
    private void readArgs(List<String> into) {
        for (SqlToken t = cursor.next(); !t.isEnd() && !t.isSymbol(')'); t = cursor.next()) {
            if (t.kind() == SqlToken.Kind.STRING || t.kind() == SqlToken.Kind.WORD) {
                into.add(t.text());
            }
        }
    }

    /** Scans attributes to the end of the definition, keeping the charset, collation and primary key. */
    private void attributes() {
        int depth = 0;
        boolean afterUnique = false;
        for (SqlToken t = cursor.peek(); !t.isEnd(); t = cursor.peek()) {
            if (depth == 0 && (t.isSymbol(',') || t.isSymbol(')') || t.is("FIRST") || t.is("AFTER"))) {
                return;
            }
            cursor.next();
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0) {
                attribute(t, afterUnique);
            }
            afterUnique = t.is("UNIQUE");
        }
    }

    private void attribute(SqlToken t, boolean afterUnique) {
        if (t.is("CHARSET") || t.is("CHARACTER") && cursor.accept("SET")) {
            cursor.acceptSymbol('=');
            charset = lower(cursor.next());
        } else if (t.is("COLLATE")) {
            cursor.acceptSymbol('=');
            collation = lower(cursor.next());
        } else if (t.is("PRIMARY") && cursor.accept("KEY") || t.is("KEY") && !afterUnique) {
            primaryKey = true;
        }
    }

    static String lower(SqlToken t) {
        return t.text().toLowerCase(Locale.ROOT);
    }
}
