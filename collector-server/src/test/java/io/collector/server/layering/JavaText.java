package io.collector.server.layering;

/**
 * Blanks out the comments, string and character literals and text blocks of Java source, keeping line
 * structure, so what remains is code only (a Javadoc link to another package is not a dependency).
 */
final class JavaText {

    private JavaText() {
    }

    static String withoutCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end = endOfSkipped(source, i);
            if (end == i) {
                out.append(source.charAt(i++));
            } else {
                blank(out, source, i, end);
                i = end;
            }
        }
        return out.toString();
    }

    /** Where the comment or literal starting at {@code i} ends; {@code i} itself when none starts there. */
    private static int endOfSkipped(String s, int i) {
        if (s.startsWith("/*", i)) {
            return after(s, "*/", i + 2);
        }
        if (s.startsWith("//", i)) {
            int eol = s.indexOf('\n', i);
            return eol < 0 ? s.length() : eol;
        }
        if (s.startsWith("\"\"\"", i)) {
            return after(s, "\"\"\"", i + 3);
        }
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != c) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, s.length());
        }
        return i;
    }

    private static int after(String s, String terminator, int from) {
        int at = s.indexOf(terminator, from);
        return at < 0 ? s.length() : at + terminator.length();
    }

    private static void blank(StringBuilder out, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
