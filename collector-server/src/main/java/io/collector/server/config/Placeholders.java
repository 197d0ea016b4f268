package io.collector.server.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Replaces {@code ${name}} and {@code ${name:default}} in a value with another setting's value, as Canal's
 * files use them ({@code canal.file.data.dir = ${canal.conf.dir}}). Names are looked up like keys, through
 * every layer; an unset name without a default is an error.
 */
final class Placeholders {

    private static final int MAX_DEPTH = 8;

    private Placeholders() {
    }

    /** {@code setting} with its placeholders replaced; {@code lookup} gives a name's raw value. */
    static Setting resolve(Setting setting, Function<String, Optional<String>> lookup) {
        if (!setting.value().contains("${")) {
            return setting;
        }
        return setting.withValue(expand(setting, setting.value(), lookup, 0));
    }

    private static String expand(Setting setting, String text, Function<String, Optional<String>> lookup,
                                 int depth) {
        if (depth > MAX_DEPTH) {
            throw setting.invalid("placeholders nest more than " + MAX_DEPTH + " deep (a cycle?)");
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int start = text.indexOf("${"); start >= 0; start = text.indexOf("${", from)) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw setting.invalid("placeholder " + text.substring(start) + " is not closed by '}'");
            }
            out.append(text, from, start).append(replacement(setting, text.substring(start + 2, end), lookup,
                    depth));
            from = end + 1;
        }
        return out.append(text.substring(from)).toString();
    }

    private static String replacement(Setting setting, String placeholder,
                                      Function<String, Optional<String>> lookup, int depth) {
        int colon = placeholder.indexOf(':');
        String name = colon < 0 ? placeholder : placeholder.substring(0, colon);
        Optional<String> value = lookup.apply(name.strip());
        if (value.isEmpty() && colon < 0) {
            throw setting.invalid("placeholder ${" + name + "} is not set");
        }
        String raw = value.orElse(placeholder.substring(colon + 1));
        return expand(setting, raw, lookup, depth + 1);
    }
}
