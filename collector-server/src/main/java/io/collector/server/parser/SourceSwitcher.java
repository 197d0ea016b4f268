package io.collector.server.parser;

import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.SourceStamp;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a destination's sources is read ({@link ParserConfig#sources()}): the first connection goes to the
 * server the cursor was read from, a source found lost by the detection queries is left for the next one, and before
 * each connection the server behind the current address is identified: the same one as before (then its binlog
 * must not have been reset), or another one (a switch, or a VIP that moved), where the reader resumes by GTID or
 * timestamp with the schema history taken afresh. Used by the parser thread only.
 */
final class SourceSwitcher {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSwitcher.class);

    private final ParserConfig config;
    private final SourceDatabase db;
    private final ParserStats stats;
    private final SourceDetector detector;
    private volatile int index;

    SourceSwitcher(ParserConfig config, SourceDatabase db, ParserStats stats, CountDownLatch stopped) {
        this.config = config;
        this.db = db;
        this.stats = stats;
        this.detector = new SourceDetector(config, stopped);
    }

    /** The server read now. */
    ParserConfig.Source current() {
        return config.sources().get(index);
    }

    /** Points at the source the cursor was read from, if it is listed, else the first one. */
    void startAt(Optional<Cursor> resumeFrom) {
        String recorded = resumeFrom.map(c -> c.restart().source().address()).orElse("");
        List<ParserConfig.Source> sources = config.sources();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).toString().equals(recorded)) {
                index = i;
            }
        }
        db.moveTo(current().host(), current().port());
    }

    /**
     * Checks the first source and reads its identity; with several sources, one found lost by the detection
     * queries is passed over for the next, each tried once.
     */
    SourceStamp firstIdentity() throws InterruptedException {
        for (int tried = 1; ; tried++) {
            try {
                SourceChecks.check(db, config);
                return db.identity();
            } catch (CollectorException e) {
                if (!e.retriable() || tried >= config.sources().size() || detector.alive(current())) {
                    throw e;
                }
                ParserConfig.Source lost = current();
                next();
                LOG.info("[destination={}] source {} is lost at start ({}); trying {}", config.destination(), lost,
                        e.getMessage(), current());
            }
        }
    }

    /**
     * After a connection ended: whether the current source is lost (every detection query failed) while another
     * is listed; if so the next one is read from now on.
     */
    boolean switchedAfterLoss(Cursor resumeAt) throws InterruptedException {
        if (config.sources().size() < 2 || detector.alive(current())) {
            return false;
        }
        ParserConfig.Source lost = current();
        next();
        LOG.info("[destination={}] source {} is lost ({} detection queries failed); switching to {}, resuming after {}",
                config.destination(), lost, config.failover().detectRetries(), current(),
                resumeAt.restart().describe());
        return true;
    }

    /**
     * Before a connection: identifies the server behind the current address and, when it is not the one read
     * before, makes {@code handler} resume there and {@code onNewServer} restart the schema history.
     */
    void follow(BinlogEventHandler handler, Cursor resumeAt, StartPositionResolver resolver,
                Consumer<LogPosition> onNewServer) throws InterruptedException {
        SourceStamp identity = db.identity();
        StartPoint start = resolver.resume(resumeAt, identity);
        if (!start.newSource()) {
            stats.source(identity, false);
            return;
        }
        SourceChecks.check(db, config);
        handler.restartFrom(start);
        handler.resetToRestart();
        onNewServer.accept(start.position());
        stats.source(identity, true);
    }

    private void next() {
        index = (index + 1) % config.sources().size();
        db.moveTo(current().host(), current().port());
    }
}
