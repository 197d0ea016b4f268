package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.GtidSet;
import com.github.shyiko.mysql.binlog.MariadbGtidSet;
import io.collector.server.parser.source.SourceDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a destination reads a standby and {@link ParserConfig.SwitchBack} is on, checks the preferred (first-listed)
 * source every detection interval on its own thread ({@code collector-<destination>-switchback}): it must answer
 * the detection query and, in GTID mode, its binlog must hold every transaction delivered up to the previous check
 * (MariaDB {@code @@gtid_binlog_state}, MySQL {@code @@gtid_executed}), so it keeps up with the destination. Then
 * {@link #ready()} is true, and the parser thread stops at the next transaction boundary and, in GTID mode, waits
 * with {@link #awaitHolds} until the preferred source holds exactly what was delivered.
 */
final class SwitchBackProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchBackProbe.class);
    private static final long POLL_MS = 50;

    private final ParserConfig config;
    private final ParserConfig.Source preferred;
    private final BooleanSupplier active;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    /** The GTID set delivered up to the last transaction boundary, published by the parser thread. */
    private volatile String delivered = "";
    private volatile boolean ready;
    /** Probe thread only: the delivered set at the previous check, null when there was none while active. */
    private volatile String previous;
    private String lastReport = "";

    /** @param active whether a standby is read now (only then the preferred source is checked) */
    SwitchBackProbe(ParserConfig config, BooleanSupplier active) {
        this.config = config;
        this.preferred = config.sources().get(0);
        this.active = active;
        this.thread = new Thread(this::run, "collector-" + config.destination() + "-switchback");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the preferred source answered and kept up at the last check. */
    boolean ready() {
        return ready;
    }

    /** The parser gave up this attempt; the next checks decide again. */
    void notReady() {
        ready = false;
        previous = null;
    }

    /** Called by the parser thread at each transaction boundary while a standby is read. */
    void delivered(String gtidSet) {
        delivered = gtidSet;
    }

    private void run() {
        try {
            while (!closed.await(config.failover().detectInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                if (active.getAsBoolean()) {
                    check();
                } else {
                    previous = null;
                    ready = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ready when the preferred source holds what was delivered one check ago. */
    private void check() {
        String now = delivered;
        String before = previous;
        previous = now;
        if (before == null) {
            return;
        }
        String failure = holds(before);
        ready = failure == null;
        String report = ready ? "ready" : failure.startsWith("it does not answer") ? "down" : "behind";
        if (!report.equals(lastReport)) {
            lastReport = report;
            LOG.info("[destination={}] preferred source {} {}", config.destination(), preferred, ready
                    ? (byGtid() ? "answers and holds every transaction delivered" : "answers")
                            + "; switching back at the next transaction boundary"
                    : "cannot be switched back to yet: " + failure);
        }
    }

    /**
     * Waits up to {@code within} until the preferred source holds {@code gtidSet}; at once without GTID mode, where
     * it only has to answer.
     */
    boolean awaitHolds(String gtidSet, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (String failure = holds(gtidSet); failure != null; failure = holds(gtidSet)) {
            if (System.nanoTime() > deadline) {
                LOG.info("[destination={}] preferred source {} did not catch up within {} ms: {}",
                        config.destination(), preferred, within.toMillis(), failure);
                return false;
            }
            if (closed.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Null when the preferred source answers and (in GTID mode) its binlog holds {@code gtidSet}; else why not. */
    private String holds(String gtidSet) {
        String timeout = Long.toString(Math.max(100, config.failover().detectInterval().toMillis()));
        try (Connection c = SourceDatabase.open(preferred.host(), preferred.port(), config.user(), config.password(),
                config.tls(), Map.of("connectTimeout", timeout, "socketTimeout", timeout));
             Statement st = c.createStatement()) {
            st.execute(config.failover().detectSql());
            if (!byGtid() || gtidSet.isEmpty()) {
                return null;
            }
            boolean mariadb = MariadbGtidSet.isMariaGtidSet(gtidSet);
            String held = single(st, mariadb ? "SELECT @@GLOBAL.gtid_binlog_state" : "SELECT @@GLOBAL.gtid_executed");
            return contains(held, gtidSet, mariadb) ? null : "its binlog holds the GTID set " + held
                    + ", not every transaction delivered (" + gtidSet + ")";
        } catch (SQLException e) {
            LOG.debug("[destination={}] switch-back check of {} failed", config.destination(), preferred, e);
            return "it does not answer (" + e.getMessage() + ")";
        }
    }

    private boolean byGtid() {
        return config.failover().switchBack() == ParserConfig.SwitchBack.GTID;
    }

    /** Whether the executed set {@code held} contains {@code wanted}, in MariaDB's or MySQL's notation. */
    static boolean contains(String held, String wanted, boolean mariadb) {
        String h = held == null ? "" : held.replaceAll("\\s", "");
        if (mariadb) {
            return new MariadbGtidSet(wanted).isContainedWithin(new MariadbGtidSet(h));
        }
        return new GtidSet(wanted).isContainedWithin(new GtidSet(h));
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
