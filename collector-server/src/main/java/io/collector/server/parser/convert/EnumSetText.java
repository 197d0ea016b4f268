package io.collector.server.parser.convert;

import java.util.List;

/** ENUM and SET text: Canal's index and bitmask, or labels when the options ask for them. */
final class EnumSetText {

    private EnumSetText() {
    }

    /** The 1-based index (0 for the '' error value), or its label; an index without a label stays a number. */
    static String enumText(int index, List<String> labels, boolean asLabel) {
        if (!asLabel || index > labels.size()) {
            return Integer.toString(index);
        }
        return index == 0 ? "" : labels.get(index - 1);
    }

    /** The bitmask as an unsigned number, or the labels of its set bits joined by commas in declaration order. */
    static String setText(long bits, List<String> labels, boolean asLabels) {
        if (!asLabels) {
            return Long.toUnsignedString(bits);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.size() && i < Long.SIZE; i++) {
            if ((bits & (1L << i)) != 0) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(labels.get(i));
            }
        }
        return out.toString();
    }
}
