package io.collector.server.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SQL helpers of {@link TestMariaDb} (see there): each call on a new admin connection in autocommit mode,
 * failures as {@link TestMariaDbException} naming the statement.
 */
final class AdminSql {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Duration PURGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final TestMariaDb db;

    AdminSql(TestMariaDb db) {
        this.db = db;
    }

    void executeIn(String database, String... statements) {
        try (Connection connection = db.openConnection(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw sqlFailed(sql, e);
                }
            }
        } catch (SQLException e) {
            throw new TestMariaDbException("Cannot connect to " + db.jdbcUrl(database) + ": " + e.getMessage(), e);
        }
    }

    List<Map<String, Object>> queryIn(String database, String sql) {
        try (Connection connection = db.openConnection(database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(Collections.unmodifiableMap(row));
            }
            return Collections.unmodifiableList(rows);
        } catch (SQLException e) {
            throw sqlFailed(sql, e);
        }
    }

    String queryString(String sql) {
        try (Connection connection = db.openConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw sqlFailed(sql, e);
        }
    }

    String globalVariable(String name) {
        return queryString("SELECT @@GLOBAL." + variableName(name));
    }

    String setGlobal(String name, String value) {
        String previous = globalVariable(name);
        executeIn(null, "SET GLOBAL " + variableName(name) + " = " + literal(value));
        return previous;
    }

    MasterStatus masterStatus() {
        List<Map<String, Object>> rows = queryIn(null, "SHOW MASTER STATUS");
        if (rows.isEmpty()) {
            throw new TestMariaDbException("SHOW MASTER STATUS returned nothing: binary logging is off");
        }
        Map<String, Object> row = rows.get(0);
        return new MasterStatus(String.valueOf(row.get("File")), ((Number) row.get("Position")).longValue());
    }

    List<String> binaryLogs() {
        return queryIn(null, "SHOW BINARY LOGS").stream()
                .map(row -> String.valueOf(row.get("Log_name")))
                .collect(Collectors.toUnmodifiableList());
    }

    void purgeBinaryLogsTo(String file) {
        if (!binaryLogs().contains(file)) {
            throw new TestMariaDbException("No binary log " + file + " to purge to; have " + binaryLogs());
        }
        String purge = "PURGE BINARY LOGS TO " + literal(file);
        try {
            Conditions.await(purge + " to take effect", PURGE_TIMEOUT, POLL_INTERVAL, () -> {
                executeIn(null, purge);
                return binaryLogs().get(0).equals(file);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestMariaDbException("Interrupted during " + purge, e);
        }
    }

    private static TestMariaDbException sqlFailed(String sql, SQLException e) {
        return new TestMariaDbException("SQL failed: " + sql + " -> " + e.getMessage(), e);
    }

    private static String variableName(String name) {
        if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a system variable name: " + name);
        }
        return name;
    }

    private static String literal(String value) {
        if (value == null || value.equalsIgnoreCase("DEFAULT")) {
            return "DEFAULT";
        }
        if (NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
