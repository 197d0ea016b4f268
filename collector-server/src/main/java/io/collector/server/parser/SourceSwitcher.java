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
 * timestamp with the schema history taken afresh. With {@link ParserConfig.SwitchBack} on, while a standby is read
 * the first source is checked by a {@link SwitchBackProbe}, and once it is back the reader stops at a transaction
 * boundary and returns to it. Used by the parser thread only (the probe has its own).
 */
final class SourceSwitcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSwitcher.class);

    private final ParserConfig config;
    private final SourceDatabase db;
    private final ParserStats stats;
    private final SourceDetector detector;
    private final SwitchBackProbe probe;
    private volatile int index;

    SourceSwitcher(ParserConfig config, SourceDatabase db, ParserStats stats, CountDownLatch stopped) {
        this.config = config;
        this.db = db;
        this.stats = stats;
        this.detector = new SourceDetector(config, stopped);
        boolean switchBack = config.failover().switchBack() != ParserConfig.SwitchBack.NEVER
                && config.sources().size() > 1;
        this.probe = switchBack ? new SwitchBackProbe(config, () -> index != 0) : null;
        if (probe != null) {
            probe.start();
        }
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

    /**
     * After each event, on the parser thread: whether the reader should stop here to switch back to the first
     * source (a standby is read, the probe found the first source back, and {@code handler} is between
     * transactions). Hands the delivered GTID set to the probe at each boundary.
     */
    boolean switchBackDue(BinlogEventHandler handler) {
        if (probe == null || index == 0 || !handler.atBoundary()) {
            return false;
        }
        probe.delivered(handler.restartPosition().gtidSet());
        return probe.ready();
    }

    /**
     * Once the reader stopped at {@code resumeAt}, a transaction boundary: in GTID mode waits up to one detection
     * interval until the first source's binlog holds the delivered GTID set, then reads that source from now on
     * (the next connection resumes there by GTID, or by timestamp without GTID mode). Returns whether it did;
     * if not, the current source is read on from the same boundary.
     */
    boolean switchedBack(Cursor resumeAt) throws InterruptedException {
        String delivered = resumeAt.restart().gtidSet();
        if (!probe.awaitHolds(delivered, config.failover().detectInterval())) {
            probe.notReady();
            LOG.info("[destination={}] staying on {}, resuming after {}", config.destination(), current(),
                    resumeAt.restart().describe());
            return false;
        }
        ParserConfig.Source from = current();
        index = 0;
        db.moveTo(current().host(), current().port());
        probe.notReady();
        LOG.info("[destination={}] preferred source {} is back{}; switching back from {}, resuming after {}",
                config.destination(), current(), config.failover().switchBack() == ParserConfig.SwitchBack.GTID
                        ? " and holds the delivered GTID set " + delivered : "", from,
                resumeAt.restart().describe());
        return true;
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
    }

    /** Ends a binlog session at a transaction boundary so that the reader can switch back. */
    static final class SwitchBackDue extends RuntimeException {

        SwitchBackDue() {
            super("stopped at a transaction boundary to switch back to the preferred source", null, false, false);
        }
    }

    private void next() {
        index = (index + 1) % config.sources().size();
        db.moveTo(current().host(), current().port());
    }
}
