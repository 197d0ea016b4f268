package io.collector.server.admin.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CLI's command line: options ({@code --name value} or flags) anywhere, the rest positional words. */
record CliArgs(List<String> words, Map<String, String> options) {

    private static final Set<String> FLAGS = Set.of("json", "help");
    private static final Set<String> VALUED = Set.of("conf", "url", "token", "user", "password", "savepoint",
            "position", "gtid", "timestamp", "where");

    static CliArgs parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                options.put("help", "");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (FLAGS.contains(name)) {
                    options.put(name, "");
                } else if (VALUED.contains(name) && i + 1 < args.length) {
                    options.put(name, args[++i]);
                } else {
                    throw new CliException(CliException.USAGE, VALUED.contains(name) ? arg + " needs a value"
                            : "unknown option " + arg);
                }
            } else {
                words.add(arg);
            }
        }
        return new CliArgs(List.copyOf(words), Map.copyOf(options));
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    String option(String name) {
        return options.get(name);
    }

    /** Positional word {@code index}, or a usage error naming what is missing. */
    String word(int index, String what) {
        if (index >= words.size()) {
            throw new CliException(CliException.USAGE, "missing " + what);
        }
        return words.get(index);
    }
}
