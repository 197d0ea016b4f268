package io.collector.server.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code mariadbd} command-line options of a {@link TestMariaDb}, one value per option name.
 * Names are compared with {@code _} and {@code -} treated alike, so {@code --binlog_format=MIXED}
 * replaces the default {@code --binlog-format=ROW}; {@code --skip-foo} replaces {@code --foo} and
 * the other way round.
 */
final class ServerOptions {

    /** Options every test server starts with unless a builder replaces or removes them. */
    static final List<String> DEFAULTS = List.of(
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            "--server-id=1",
            "--log-bin=mysql-bin",
            "--binlog-format=ROW",
            "--binlog-row-image=FULL",
            "--binlog-row-metadata=FULL",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci",
            "--default-time-zone=+00:00",
            "--explicit-defaults-for-timestamp=ON",
            // MariaDB's default without NO_ZERO_DATE / NO_ZERO_IN_DATE: with a session sql_mode='' zero dates are accepted.
            "--sql-mode=STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION",
            "--innodb-flush-log-at-trx-commit=2",
            "--innodb-buffer-pool-size=64M");

    private final Map<String, String> byName = new LinkedHashMap<>();

    static ServerOptions defaults() {
        ServerOptions options = new ServerOptions();
        DEFAULTS.forEach(options::put);
        return options;
    }

    /** Adds {@code arg} ({@code --name} or {@code --name=value}), replacing an option of the same name. */
    void put(String arg) {
        String name = nameOf(arg);
        remove(name);
        byName.put(name, arg);
    }

    /** Removes the option {@code name} (with or without leading dashes) and its {@code skip-} twin. */
    void remove(String name) {
        String key = normalize(name);
        byName.remove(key);
        if (key.startsWith("skip-")) {
            byName.remove(key.substring("skip-".length()));
        } else {
            byName.remove("skip-" + key);
        }
    }

    List<String> toArgs() {
        return new ArrayList<>(byName.values());
    }

    private static String nameOf(String arg) {
        if (!arg.startsWith("--") || arg.length() < 3) {
            throw new IllegalArgumentException("Server option must look like --name or --name=value: " + arg);
        }
        int eq = arg.indexOf('=');
        return normalize(eq < 0 ? arg : arg.substring(0, eq));
    }

    private static String normalize(String name) {
        String bare = name.startsWith("--") ? name.substring(2) : name;
        return bare.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
