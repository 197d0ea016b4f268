package io.collector.server.parser.convert;

/**
 * Canal's JSON string escaping: a backslash before {@code "} and {@code \\}, {@code \n \r \t} for those
 * controls, and a six-character unicode escape (backslash, {@code u00}, two lower-case hex digits) for the other
 * control characters 0x00-0x1F and for 0x7F-0xA0. Everything else, non-ASCII included, is kept as is.
 */
final class JsonEscaper {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonEscaper() {
    }

    static void append(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                default -> appendOther(out, c);
            }
        }
    }

    private static void appendOther(StringBuilder out, char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0xA0)) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        } else {
            out.append(c);
        }
    }
}
