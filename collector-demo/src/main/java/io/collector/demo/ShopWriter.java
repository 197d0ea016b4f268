package io.collector.demo;

import io.collector.server.testkit.TestMariaDb;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small shop schema and a trickle of inserts, updates and deletes, one transaction per second. */
final class ShopWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ShopWriter.class);
    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered"};

    private final TestMariaDb db;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quickstart-writer");
        t.setDaemon(true);
        return t;
    });
    private int nextOrder = 1;

    ShopWriter(TestMariaDb db) {
        this.db = db;
    }

    void createSchema() {
        db.execute("CREATE DATABASE shop");
        db.executeIn("shop",
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, city VARCHAR(64))",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL,"
                        + " amount DECIMAL(10,2) NOT NULL, created_at DATETIME(3) NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada', 'London'), (2, 'Grace', 'New York'), (3, 'Linus', 'Helsinki')");
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        scheduler.shutdownNow();
    }

    private void tick() {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int order = nextOrder++;
            db.executeIn("shop", "BEGIN",
                    "INSERT INTO orders VALUES (" + order + ", " + (1 + random.nextInt(3)) + ", 'new', "
                            + (random.nextInt(10_000) / 100.0) + ", NOW(3))",
                    "UPDATE orders SET status = '" + STATUSES[1 + random.nextInt(3)] + "' WHERE id = "
                            + (1 + random.nextInt(order)),
                    "COMMIT");
            if (order % 10 == 0) {
                db.executeIn("shop", "DELETE FROM orders WHERE id = " + (order - 9));
            }
        } catch (RuntimeException e) {
            LOG.warn("quick start writer: {}", e.getMessage());
        }
    }
}
