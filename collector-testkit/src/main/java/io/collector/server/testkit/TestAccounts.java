package io.collector.server.testkit;

import java.util.ArrayList;
import java.util.List;

/** The accounts a {@link TestMariaDb} creates at start-up: an admin and a replication user. */
final class TestAccounts {

    static final String REPLICATION_USER = "repl";
    static final String REPLICATION_PASSWORD = "repl-pw";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin-pw";

    /**
     * What the replication user is granted. In MariaDB 10.5+ REPLICATION CLIENT is an alias of
     * BINLOG MONITOR (needed for SHOW MASTER STATUS / SHOW BINARY LOGS / SHOW BINLOG EVENTS).
     */
    static final String REPLICATION_PRIVILEGES =
            "REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, SHOW DATABASES";

    private TestAccounts() {
    }

    /** The server's init file: the accounts, created before connections are accepted and kept out of the binlog. */
    static String initScript() {
        List<String> lines = new ArrayList<>();
        lines.add("SET SESSION sql_log_bin = 0;");
        lines.add("DELETE FROM mysql.global_priv WHERE User = '';");
        lines.add("DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';");
        lines.add("FLUSH PRIVILEGES;");
        for (String host : List.of("%", "localhost")) {
            String admin = "'" + ADMIN_USER + "'@'" + host + "'";
            String repl = "'" + REPLICATION_USER + "'@'" + host + "'";
            lines.add("CREATE OR REPLACE USER " + admin + " IDENTIFIED BY '" + ADMIN_PASSWORD + "';");
            lines.add("GRANT ALL PRIVILEGES ON *.* TO " + admin + " WITH GRANT OPTION;");
            lines.add("CREATE OR REPLACE USER " + repl + " IDENTIFIED BY '" + REPLICATION_PASSWORD + "';");
            lines.add("GRANT " + REPLICATION_PRIVILEGES + " ON *.* TO " + repl + ";");
        }
        return String.join("\n", lines) + "\n";
    }
}
