package io.collector.server.parser.ddl;

/**
 * Splits a statement into {@link SqlToken}s, skipping white space and comments ({@code /* *}{@code /},
 * {@code -- } and {@code #} to the end of the line) but reading the content of MySQL and MariaDB executable
 * comments ({@code /*!50100 ... *}{@code /}, {@code /*M!100100 ... *}{@code /}) as code.
 */
final class SqlTokenizer {

    private final String sql;
    private int pos;
    private boolean inExecutableComment;

    SqlTokenizer(String sql) {
        this.sql = sql;
    }

    SqlToken next() {
        skipSpaceAndComments();
        if (pos >= sql.length()) {
            return SqlToken.END;
        }
        char c = sql.charAt(pos);
        if (c == '`') {
            return quoted(SqlToken.Kind.QUOTED_NAME, '`');
        }
        if (c == '\'' || c == '"') {
            return quoted(c == '"' ? SqlToken.Kind.DOUBLE_QUOTED : SqlToken.Kind.STRING, c);
        }
        if (isWordChar(c)) {
            return word();
        }
        pos++;
        return new SqlToken(SqlToken.Kind.SYMBOL, String.valueOf(c));
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (startsWith("/*!") || startsWith("/*M!")) {
                enterExecutableComment();
            } else if (startsWith("/*")) {
                int end = sql.indexOf("*/", pos + 2);
                pos = end < 0 ? sql.length() : end + 2;
            } else if (inExecutableComment && startsWith("*/")) {
                pos += 2;
                inExecutableComment = false;
            } else if (c == '#' || isDashComment()) {
                skipLine();
            } else {
                return;
            }
        }
    }

    private void enterExecutableComment() {
        pos += sql.charAt(pos + 2) == 'M' ? 4 : 3;
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        inExecutableComment = true;
    }

    private boolean isDashComment() {
        if (!startsWith("--")) {
            return false;
        }
        return pos + 2 >= sql.length() || sql.charAt(pos + 2) <= ' ';
    }

    private void skipLine() {
        int end = sql.indexOf('\n', pos);
        pos = end < 0 ? sql.length() : end + 1;
    }

    private boolean startsWith(String prefix) {
        return sql.startsWith(prefix, pos);
    }

    private SqlToken word() {
        int start = pos;
        while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            pos++;
        }
        return new SqlToken(SqlToken.Kind.WORD, sql.substring(start, pos));
    }

    /** A quoted name or string; the quote doubled stands for itself, and in strings a backslash escapes. */
    private SqlToken quoted(SqlToken.Kind kind, char quote) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    text.append(quote);
                    pos++;
                    continue;
                }
                break;
            }
            if (c == '\\' && quote != '`' && pos < sql.length()) {
                c = sql.charAt(pos++);
            }
            text.append(c);
        }
        return new SqlToken(kind, text.toString());
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
