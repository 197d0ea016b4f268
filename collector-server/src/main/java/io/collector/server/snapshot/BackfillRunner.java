package io.collector.server.snapshot;

import io.collector.server.entry.EntryForm;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.lifecycle.Shutdowns;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.convert.Value;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.sink.EventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination's on-demand backfills, one at a time on a thread of their own, in the order they were asked for.
 * Each reads its table in key order, one chunk per round of DBLog's watermark algorithm: write a low watermark to
 * the signal table, read the chunk, write a high watermark, then wait until the stream has passed the high
 * watermark and the {@link BackfillWindow} has handed on what is left of the chunk (which also waits for room in
 * the store). The backfills asked for and not finished are kept durable in a {@link BackfillLedger}: a started
 * destination runs them again from their first chunk ({@link #resume}), and a signal row read again does not
 * start a backfill twice.
 */
public final class BackfillRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillRunner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ParserConfig source;
    private final BackfillConfig config;
    private final BackfillStats stats;
    private final BackfillWindow window;
    private final ThreadPoolExecutor executor;
    private final BackfillLedger ledger;
    private volatile boolean running = true;

    /**
     * @param next where the stream goes on (the destination's filtering sink)
     * @param form the form of the entries the destination stores
     * @param backlog where the unfinished backfills are kept (beside the destination's cursors)
     * @param ackedId the id up to which every consumer's stored cursor acknowledged (-1: none known), read at
     *                {@link #resume}
     */
    public BackfillRunner(ParserConfig source, BackfillConfig config, EventSink next, EntryForm form,
                          BackfillStats stats, SnapshotProgressStore<BackfillBacklog> backlog, LongSupplier ackedId) {
        this.source = source;
        this.config = config;
        this.stats = stats;
        this.ledger = new BackfillLedger(backlog, ackedId);
        this.window = new BackfillWindow(source.destination(), config, next, form, stats, this::request);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new NamedThreadFactory("collector-" + source.destination() + "-backfill"));
    }

    /** The sink the stream must go through (in front of the destination's). */
    public EventSink streamSink() {
        return window;
    }

    /**
     * Queues again, from their first chunk, the backfills the destination had not finished when it last stopped.
     * Call before the stream starts (so a signal row read again is known).
     */
    public void resume() {
        for (BackfillBacklog.Pending p : ledger.resume()) {
            LOG.info("[destination={}] backfill {} of {}{} was not finished; it runs again from its first chunk",
                    source.destination(), p.id(), p.table(), p.where().isEmpty() ? "" : " where " + p.where());
            queue(p.request(), p.resumed());
        }
    }

    /**
     * Records a backfill durably and queues it after those asked for before; a backfill whose id was asked for
     * before (its signal row read again) is ignored. Conversion thread.
     */
    void request(BackfillRequest request) {
        if (!ledger.add(request)) {
            LOG.info("[destination={}] backfill {} was asked for before (its signal row was read again); not started"
                    + " twice", source.destination(), request.id());
            return;
        }
        queue(request, 0);
    }

    private void queue(BackfillRequest request, int resumed) {
        if (!running) {
            return;
        }
        try {
            executor.execute(() -> run(request, resumed));
        } catch (RejectedExecutionException e) {
            LOG.info("[destination={}] backfill {} not started: the destination is stopping; it runs when it starts"
                    + " again", source.destination(), request.id());
            return;
        }
        stats.queued(executor.getQueue().size());
    }

    /** Abandons the running backfill and the queued ones, which stay recorded for the next start. */
    public void stop() {
        running = false;
        executor.shutdownNow();
        stats.queued(0);
        Shutdowns.stop(executor, "collector-" + source.destination() + "-backfill", STOP_WAIT);
    }

    private void run(BackfillRequest request, int resumed) {
        stats.started(request, executor.getQueue().size(), resumed);
        try {
            long rows = copy(request);
            stats.done();
            LOG.info("[destination={}] backfill {} of {} done: {} rows", source.destination(), request.id(),
                    request.table(), rows);
        } catch (InterruptedException e) {
            stopped(request);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!running) {
                stopped(request);
                return;
            }
            stats.failed(request.id(), e.getMessage());
            LOG.error("[destination={}] backfill {} of {} failed: {}", source.destination(), request.id(),
                    request.table(), e.getMessage(), e);
            forget(request);
        }
    }

    private void forget(BackfillRequest request) {
        try {
            ledger.failed(request.id());
        } catch (RuntimeException e) {
            LOG.error("[destination={}] could not remove the failed backfill {} from the unfinished ones ({}); a"
                    + " start runs it again", source.destination(), request.id(), e.getMessage());
        }
    }

    private void stopped(BackfillRequest request) {
        stats.stopped();
        LOG.info("[destination={}] backfill {} of {} stopped with the destination; it runs again from its first"
                + " chunk when the destination starts", source.destination(), request.id(), request.table());
    }

    /** Reads the table chunk by chunk; records the last chunk's last id once it was emitted. */
    private long copy(BackfillRequest request) throws InterruptedException {
        try (SourceDatabase db = new SourceDatabase(source.host(), source.port(), source.user(), source.password(),
                source.tls());
             SnapshotReader reader = new SnapshotReader(source);
             BackfillSignals signals = new BackfillSignals(source, config)) {
            SnapshotTable table = new SnapshotCatalog(db, source.convert()).describe(request.table());
            BackfillSignals.checkReadable(request, table);
            reader.open();
            LOG.info("[destination={}] backfill {} of {}{} starts, {} rows a chunk", source.destination(),
                    request.id(), request.table(), request.where().isEmpty() ? "" : " where " + request.where(),
                    config.chunkRows());
            long rows = 0;
            List<String> after = null;
            while (true) {
                BackfillChunk chunk = chunk(request, table, after, reader, signals);
                rows += chunk.rowsRead();
                if (chunk.rowsRead() < config.chunkRows()) {
                    ledger.emitted(request.id(), chunk.lastId());
                    return rows;
                }
                after = chunk.keyOf(chunk.lastRead());
            }
        }
    }

    /** One round: low watermark, query, high watermark, wait for the window to hand the chunk on. */
    private BackfillChunk chunk(BackfillRequest request, SnapshotTable table, List<String> after,
                                SnapshotReader reader, BackfillSignals signals) throws InterruptedException {
        if (!running || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("destination " + source.destination() + " stopping");
        }
        BackfillChunk c = new BackfillChunk(request.id(), table, BackfillSignals.watermarkId(),
                BackfillSignals.watermarkId());
        String data = "{\"backfill\":\"" + request.id() + "\"}";
        window.expect(c);
        try {
            signals.write(c.lowId(), BackfillSignals.WINDOW_OPEN, data);
            List<Value[]> rows = new ArrayList<>();
            reader.read(table, after, request.where(), config.chunkRows(), config.chunkRows(), rows::addAll);
            window.read(c, rows);
            signals.write(c.highId(), BackfillSignals.WINDOW_CLOSE, data);
            if (!window.await(c, () -> running)) {
                throw new IllegalStateException(c.failure());
            }
            return c;
        } finally {
            window.cancel(c, "the backfill thread gave the chunk up");
        }
    }
}
