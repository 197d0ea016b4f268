package io.collector.server.parser;

import io.collector.server.parser.source.SourceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a source whose binlog connection ended is lost (Canal's "detecting"): runs the detection query
 * on a fresh connection up to {@link ParserConfig.Failover#detectRetries()} times,
 * {@link ParserConfig.Failover#detectInterval()} apart, each bounded by that interval. One success and the source
 * is kept. Runs on the parser thread.
 */
final class SourceDetector {

    private static final Logger LOG = LoggerFactory.getLogger(SourceDetector.class);

    private final ParserConfig config;
    private final CountDownLatch stopped;

    SourceDetector(ParserConfig config, CountDownLatch stopped) {
        this.config = config;
        this.stopped = stopped;
    }

    /** Whether {@code source} answered the detection query; false after every retry failed. */
    boolean alive(ParserConfig.Source source) throws InterruptedException {
        ParserConfig.Failover f = config.failover();
        for (int attempt = 1; attempt <= f.detectRetries(); attempt++) {
            long began = System.nanoTime();
            String failure = query(source);
            if (failure == null) {
                return true;
            }
            LOG.warn("[destination={}] detection query '{}' on {} failed ({} of {}): {}", config.destination(),
                    f.detectSql(), source, attempt, f.detectRetries(), failure);
            long rest = f.detectInterval().toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            if (attempt < f.detectRetries() && rest > 0 && stopped.await(rest, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Runs the query once; null when it succeeded, else why not. */
    private String query(ParserConfig.Source source) {
        String timeout = Long.toString(Math.max(100, config.failover().detectInterval().toMillis()));
        try (Connection c = SourceDatabase.open(source.host(), source.port(), config.user(), config.password(),
                config.tls(), Map.of("connectTimeout", timeout, "socketTimeout", timeout));
             Statement st = c.createStatement()) {
            st.execute(config.failover().detectSql());
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
