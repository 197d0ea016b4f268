package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.collector.server.entry.EntryForm;
import io.collector.server.error.CollectorException;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.Backoff;
import io.collector.server.parser.convert.RawEventDeserializers;
import io.collector.server.parser.schema.InformationSchema;
import io.collector.server.parser.schema.history.HistoryBootstrap;
import io.collector.server.parser.schema.history.MemorySchemaHistoryStore;
import io.collector.server.parser.schema.history.SchemaHistory;
import io.collector.server.parser.schema.history.SchemaHistoryStore;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import io.collector.server.sink.EventSink;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binlog reader of one destination: checks the source, resolves the start position, then dumps the binlog
 * on its own thread ({@code collector-<destination>-parser}), reconnecting with exponential backoff from the
 * last transaction boundary after any network failure. An event that fails to decode is read again the same
 * way, at most {@link ParserConfig#decodeRetries()} times (once for a checksum mismatch), then it is a poison
 * event. A purged binlog, a non-ROW binlog, a schema mismatch, an unsupported event type or a poison event stop
 * it; {@link #failure()} then says why.
 *
 * <p>Under high availability it reads only while its server leads the destination ({@code leading}): checked
 * before every dump and on every event, so a suspended ZooKeeper connection ends the dump at the next event and
 * the parser waits, without reading, until it leads again or is stopped.
 */
public final class BinlogEventParser extends AbstractLifecycle implements EventParser {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogEventParser.class);
    /** Source error: the requested binlog file or GTID position is not available. */
    private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
    /** Events waiting for the conversion thread; enough to keep it busy, small enough to bound memory. */
    private static final int CONVERSION_QUEUE = 256;
    /**
     * How long a stop waits for the parser thread once it was told to stop and its connection closed; short, so a
     * stop after a suspended ZooKeeper connection ends before the session can expire.
     */
    private static final long STOP_WAIT_MS = 1_000;
    /** How often a parser that does not lead checks whether it leads again. */
    private static final long LEADERSHIP_POLL_MS = 100;

    private final ParserConfig config;
    private final EventSink sink;
    private final Supplier<Optional<Cursor>> cursor;
    private final EntryForm form;
    private final ParserStats stats;
    private final SchemaHistoryStore schemaHistory;
    private final StartStage startStage;
    private final BooleanSupplier leading;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile BinaryLogClient client;
    private volatile Throwable failure;
    private volatile ConversionStage stage;
    private Thread thread;
    private volatile SourceSwitcher sources;

    /** A parser handing on {@link EntryForm#SERIALIZED serialized} entries. */
    public BinlogEventParser(ParserConfig config, EventSink sink, Supplier<Optional<Cursor>> cursor) {
        this(config, sink, cursor, EntryForm.SERIALIZED);
    }

    /**
     * @param cursor where the destination's consumers stand; read once, at start
     * @param form   the form of the rows entries handed to {@code sink}
     */
    public BinlogEventParser(ParserConfig config, EventSink sink, Supplier<Optional<Cursor>> cursor, EntryForm form) {
        this(config, sink, cursor, form, new ParserStats(), new MemorySchemaHistoryStore());
    }

    /**
     * @param stats         counts what this parser reads (shared with the destination's metrics)
     * @param schemaHistory where the destination's schema history is kept
     */
    public BinlogEventParser(ParserConfig config, EventSink sink, Supplier<Optional<Cursor>> cursor, EntryForm form,
                             ParserStats stats, SchemaHistoryStore schemaHistory) {
        this(config, sink, cursor, form, stats, schemaHistory, StartStage.NONE, () -> true);
    }

    /**
     * @param startStage what runs before the dump (an initial snapshot), on the parser thread
     * @param leading    whether this server leads the destination now (always true without high availability)
     */
    public BinlogEventParser(ParserConfig config, EventSink sink, Supplier<Optional<Cursor>> cursor, EntryForm form,
                             ParserStats stats, SchemaHistoryStore schemaHistory, StartStage startStage,
                             BooleanSupplier leading) {
        this.leading = leading;
        this.config = config;
        this.startStage = startStage;
        this.sink = sink;
        this.cursor = cursor;
        this.form = form;
        this.stats = stats;
        this.schemaHistory = schemaHistory;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    protected void doStart() {
        thread = new Thread(this::run, "collector-" + config.destination() + "-parser");
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("[destination={}] parser thread died", config.destination(), e));
        thread.start();
    }

    /**
     * Stops within {@value #STOP_WAIT_MS} ms plus the socket close, whatever the store does: the conversion
     * stage is aborted and the parser thread interrupted <em>before</em> the binlog connection is closed, since
     * the client's {@code disconnect()} waits for a lock the parser thread holds while it hands an event on (and
     * it waits there for as long as a full store has no reader).
     */
    @Override
    protected void doStop() {
        stopped.countDown();
        ConversionStage s = stage;
        if (s != null) {
            s.abort();
        }
        thread.interrupt();
        disconnect(client);
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("[destination={}] parser thread still running {} ms after the stop", config.destination(),
                    STOP_WAIT_MS);
        }
    }

    /** The server read now. */
    private ParserConfig.Source source() {
        return sources.current();
    }

    private void run() {
        try (SourceDatabase db = SourceConnections.database(config);
             SourceSwitcher switcher = new SourceSwitcher(config, db, stats, stopped)) {
            Optional<Cursor> stored = cursor.get();
            sources = switcher;
            sources.startAt(stored);
            SourceStamp identity = sources.firstIdentity();
            StartStage.Begin begin = startStage.beforeDump(db, stored, this::isRunning);
            StartPositionResolver resolver = new StartPositionResolver(config, db, new BinlogProbe(config,
                    this::source));
            StartPoint start = resolver.resolve(begin.cursor(), identity);
            stats.source(identity, start.newSource());
            SchemaResolver schemas = schemaResolver(db, start.position(), begin.resuming() && !start.newSource());
            try (ConversionStage stage = openStage()) {
                BinlogEventHandler handler = new BinlogEventHandler(stage, schemas,
                        new RowsConverter(config.convert()), form, start);
                dumpLoop(handler, resolver, at -> schemas.restartHistory(openHistory(db, at, false)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (isRunning()) {
                failure = e;
                LOG.error("[destination={}] parser stopped: {}", config.destination(), e.getMessage(), e);
            }
        }
    }

    private ConversionStage openStage() {
        ConversionStage s = new ConversionStage(config.destination(), sink, CONVERSION_QUEUE,
                config.conversionQueueBytes());
        stage = s;
        if (!isRunning()) {
            s.abort();
        }
        return s;
    }

    /**
     * Rebuilds the schema history at the start position when resuming from a cursor; otherwise (no cursor: the
     * binlog before the start was not read) takes it from the source.
     */
    private SchemaResolver schemaResolver(SourceDatabase db, LogPosition at, boolean resuming) {
        return new SchemaResolver(config.destination(), new InformationSchema(db), openHistory(db, at, resuming));
    }

    private SchemaHistory openHistory(SourceDatabase db, LogPosition at, boolean resuming) {
        return SchemaHistory.open(config.destination(), schemaHistory, at, resuming,
                () -> HistoryBootstrap.read(db, at.journal(), at.offset()));
    }

    /**
     * @param onJump told where reading continues after a purged-binlog policy skipped part of the binlog, or on a
     *               new server
     */
    private void dumpLoop(BinlogEventHandler handler, StartPositionResolver resolver, Consumer<LogPosition> onJump)
            throws InterruptedException {
        Backoff backoff = new Backoff(config.retryInitial(), config.retryMax());
        DecodeRetries decodeRetries = new DecodeRetries(config.destination(), config.decodeRetries());
        while (isRunning()) {
            if (!awaitLeadership()) {
                return;
            }
            DumpSession session = dump(handler, () -> sources.follow(handler, handler.resumeCursor(), resolver,
                    onJump));
            if (!isRunning()) {
                return;
            }
            if (session.leadershipLost()) {
                continue;
            }
            Throwable error = session.error();
            if (error instanceof InterruptedException ie) {
                throw ie;
            }
            if (error instanceof SourceSwitcher.SwitchBackDue) {
                sources.switchedBack(handler.resumeCursor());
                backoff.reset();
                continue;
            }
            if (session.eventFailure() != null) {
                decodeRetries.failed(session.eventFailure());
            }
            if (isPurged(error)) {
                LogPosition next = resolver.onPurged(handler.restartPosition().toString(), resolver.oldestBinlog())
                        .withSource(handler.source());
                handler.restartAt(next);
                onJump.accept(next);
                continue;
            }
            if (error instanceof CollectorException ce && !ce.retriable()) {
                throw ce;
            }
            if (session.connected()) {
                backoff.reset();
            }
            if (sources.switchedAfterLoss(handler.resumeCursor())) {
                backoff.reset();
                continue;
            }
            long delay = backoff.next();
            LOG.warn("[destination={}] binlog connection to {} ended ({}); reconnecting from {} in {} ms",
                    config.destination(), source(), describe(error), handler.restartPosition(), delay);
            if (stopped.await(delay, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /**
     * Returns at once while this server leads; otherwise waits, without reading, until it leads again (true) or
     * the parser is stopped (false).
     */
    private boolean awaitLeadership() throws InterruptedException {
        if (leading.getAsBoolean()) {
            return true;
        }
        LOG.info("[destination={}] not leading: binlog dump paused", config.destination());
        while (!leading.getAsBoolean()) {
            if (stopped.await(LEADERSHIP_POLL_MS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        LOG.info("[destination={}] leading again: binlog dump resumes", config.destination());
        return true;
    }

    /** GTID-mode destinations resume by GTID set; so does a GTID start before the source named its file. */
    private boolean resumeByGtid(LogPosition restart) {
        return restart.journal().isEmpty() || config.gtidMode() && !restart.gtidSet().isEmpty();
    }

    /** @param follow run before connecting, once the handler is back at its restart position */
    private DumpSession dump(BinlogEventHandler handler, Follow follow) throws InterruptedException {
        handler.resetToRestart();
        BinaryLogClient c;
        LogPosition from;
        boolean byGtid;
        try {
            follow.run();
            from = handler.restartPosition();
            byGtid = resumeByGtid(from);
            c = newClient(from, byGtid);
        } catch (CollectorException e) {
            if (!e.retriable()) {
                throw e;
            }
            DumpSession failed = new DumpSession(handler, null, config.destination(), stats, leading, sources);
            failed.fail(e);
            return failed;
        }
        DumpSession session = new DumpSession(handler, c, config.destination(), stats, leading, sources);
        c.registerEventListener(session);
        c.registerLifecycleListener(session);
        client = c;
        if (!isRunning()) {
            return session;
        }
        LOG.info("[destination={}] dumping {} from {}", config.destination(), source(),
                byGtid ? "GTID set " + from.gtidSet() : from);
        try {
            c.connect();
        } catch (IOException | RuntimeException e) {
            session.fail(e);
        }
        return session;
    }

    private BinaryLogClient newClient(LogPosition from, boolean byGtid) {
        BinaryLogClient c = SourceConnections.binlogClient(config, source());
        c.setServerId(config.serverId());
        c.setKeepAlive(false);
        c.setBlocking(true);
        c.setEventDeserializer(RawEventDeserializers.create());
        long heartbeat = config.heartbeat().toMillis();
        c.setHeartbeatInterval(heartbeat);
        c.setConnectTimeout(config.connectTimeout().toMillis());
        c.setSocketFactory(() -> {
            Socket socket = new Socket();
            socket.setSoTimeout((int) Math.max(heartbeat * 3, 10_000));
            return socket;
        });
        if (byGtid) {
            c.setGtidSet(from.gtidSet());
        } else {
            c.setBinlogFilename(from.journal());
            c.setBinlogPosition(from.offset());
        }
        return c;
    }

    private static boolean isPurged(Throwable error) {
        return error instanceof ServerException se && se.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG;
    }

    private static String describe(Throwable error) {
        return error == null ? "closed by the source" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    static void disconnect(BinaryLogClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnect();
        } catch (IOException e) {
            LOG.debug("disconnect failed", e);
        }
    }

    /** What to do before a connection. */
    @FunctionalInterface
    private interface Follow {
        void run() throws InterruptedException;
    }
}
