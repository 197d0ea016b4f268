package io.collector.client.example;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The sample consumer's options, from {@code --name=value} (or {@code --name value}) arguments, else system
 * properties {@code collector.<name>}, else defaults. Immutable.
 *
 * @param host      server host, default 127.0.0.1
 * @param port      server port, default 11111
 * @param destination destination, default "example"
 * @param user      user, default none
 * @param password  password, default none
 * @param filter    table filter, default none (the destination's)
 * @param batchSize entries per get, default 100
 * @param serverWait how long the server may wait to fill a batch, default 1 s
 */
public record ConsumerOptions(String host, int port, String destination, String user, String password,
                              String filter, int batchSize, Duration serverWait) {

    private static final List<String> NAMES =
            List.of("host", "port", "destination", "user", "password", "filter", "batch-size", "wait-ms");

    /**
     * Returns the usage text.
     *
     * @return several lines describing the options
     */
    public static String usage() {
        return String.join(System.lineSeparator(),
                "usage: sample-consumer.sh [--host=H] [--port=P] [--destination=D] [--user=U] [--password=PW]",
                "                          [--filter=REGEX] [--batch-size=N] [--wait-ms=MS]",
                "Each option may also be given as a system property collector.<name>, e.g. -Dcollector.port=11111.",
                "Defaults: host 127.0.0.1, port 11111, destination example, no user, no filter, batch size 100,",
                "wait 1000 ms.");
    }

    /**
     * Reads the options.
     *
     * @param args       the command-line arguments
     * @param properties the system properties
     * @return the options
     * @throws IllegalArgumentException naming an unknown option or an invalid value; {@code --help} throws
     *                                  with the message "help"
     */
    public static ConsumerOptions parse(String[] args, Properties properties) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String property = properties.getProperty("collector." + name);
            if (property != null) {
                values.put(name, property);
            }
        }
        values.putAll(arguments(args));
        return new ConsumerOptions(values.getOrDefault("host", "127.0.0.1"),
                number(values, "port", 11111, 1, 65535), values.getOrDefault("destination", "example"),
                values.getOrDefault("user", ""), values.getOrDefault("password", ""), values.getOrDefault("filter", ""),
                number(values, "batch-size", 100, 1, Integer.MAX_VALUE),
                Duration.ofMillis(number(values, "wait-ms", 1000, 1, Integer.MAX_VALUE)));
    }

    private static Map<String, String> arguments(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") ? arg.substring(2, eq < 0 ? arg.length() : eq) : "";
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
            if (eq < 0 && i + 1 >= args.length) {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            values.put(name, eq >= 0 ? arg.substring(eq + 1) : args[++i]);
        }
        return values;
    }

    private static int number(Map<String, String> values, String name, int defaultValue, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, min, max);
        }
        if (value < min || value > max) {
            throw invalid(name, text, min, max);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String name, String text, int min, int max) {
        return new IllegalArgumentException("invalid value \"" + text + "\" for --" + name
                + ": must be an integer in [" + min + ", " + max + "]");
    }

    @Override
    public String toString() {
        return "ConsumerOptions[host=" + host + ", port=" + port + ", destination=" + destination + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "****") + ", filter=" + filter + ", batchSize="
                + batchSize + ", serverWait=" + serverWait + "]";
    }
}
