package io.collector.server.publish.kafka;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.testkit.TestMariaDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The SQL the Kafka ITs run, and how they recognize its end in a stream of entries. */
final class Workloads {

    static final String DONE = "done";

    private Workloads() {
    }

    /**
     * Two databases, four tables (one without a primary key), multi-row inserts, updates (one changing a key,
     * one setting NULLs), deletes, DDL, a transaction of 120 statements, then the marker row.
     */
    static void mixed(TestMariaDb db) {
        db.execute("CREATE DATABASE shop", "CREATE DATABASE crm");
        db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, customer INT NOT NULL, status VARCHAR(16),"
                        + " amount DECIMAL(10,2))",
                "CREATE TABLE items (order_id INT, line INT, sku VARCHAR(20), qty INT, PRIMARY KEY (order_id, line))");
        db.executeIn("crm", "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80))",
                "CREATE TABLE notes (note VARCHAR(100), at DATETIME)");
        db.executeIn("shop", "INSERT INTO orders VALUES " + values(1, 40,
                        i -> i + ", " + (i % 7) + ", 'new', " + i + ".50"),
                "INSERT INTO items VALUES " + IntStream.rangeClosed(1, 20).boxed().flatMap(o -> IntStream
                        .rangeClosed(1, 3).mapToObj(l -> "(" + o + ", " + l + ", 'sku-" + o + "-" + l + "', " + l + ")"))
                        .collect(Collectors.joining(", ")));
        db.executeIn("crm", "INSERT INTO customers VALUES " + values(1, 30,
                i -> i + ", 'name " + i + "', 'c" + i + "@example.com'"));
        db.executeIn("shop", "UPDATE orders SET status = 'paid', amount = amount + 1 WHERE id % 3 = 0",
                "UPDATE orders SET id = 1007 WHERE id = 7",
                "DELETE FROM items WHERE order_id = 2",
                "DELETE FROM orders WHERE id IN (4, 5)",
                "ALTER TABLE orders ADD COLUMN note VARCHAR(20) NULL",
                "INSERT INTO orders VALUES (100, 1, 'new', 1.00, 'after ddl')");
        db.executeIn("crm", "UPDATE customers SET email = NULL WHERE id <= 5",
                "UPDATE customers SET name = CONCAT(name, '!'), email = 'x@y' WHERE id = 10");
        db.executeIn("crm", bigTransaction(100, 219));
        db.executeIn("crm", "INSERT INTO notes VALUES ('" + DONE + "', NOW())");
    }

    private static String values(int from, int to, java.util.function.IntFunction<String> row) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "(" + row.apply(i) + ")").collect(Collectors.joining(", "));
    }

    private static String[] bigTransaction(int from, int to) {
        List<String> statements = new ArrayList<>();
        statements.add("BEGIN");
        for (int id = from; id <= to; id++) {
            statements.add("INSERT INTO customers VALUES (" + id + ", 'bulk " + id + "', NULL)");
        }
        statements.add("COMMIT");
        return statements.toArray(String[]::new);
    }

    static boolean sawDoneMarker(List<ChangeEvent> events) {
        return events.stream().anyMatch(Workloads::isDoneMarker)
                && !events.isEmpty() && events.get(events.size() - 1).boundary();
    }

    static ChangeEvent doneMarker(List<ChangeEvent> events) {
        return events.stream().filter(Workloads::isDoneMarker).findFirst().orElseThrow();
    }

    private static boolean isDoneMarker(ChangeEvent e) {
        return e.isRowData() && Pipeline.rowImages(List.of(e)).stream()
                .anyMatch((Map<String, String> row) -> DONE.equals(row.get("note")));
    }
}
