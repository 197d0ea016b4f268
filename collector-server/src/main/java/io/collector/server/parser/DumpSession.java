package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import io.collector.server.error.CollectorException;
import java.util.function.BooleanSupplier;

/** Listens to one connection: feeds the handler, and stops feeding at the first failure. */
final class DumpSession implements BinaryLogClient.EventListener, BinaryLogClient.LifecycleListener {

    private final BinlogEventHandler handler;
    private final BinaryLogClient client;
    private final String destination;
    private final ParserStats stats;
    private final BooleanSupplier leading;
    private final SourceSwitcher sources;
    private volatile boolean leadershipLost;
    private volatile Throwable error;
    private volatile EventFailure eventFailure;
    private volatile boolean connected;

    DumpSession(BinlogEventHandler handler, BinaryLogClient client, String destination, ParserStats stats,
                BooleanSupplier leading, SourceSwitcher sources) {
        this.leading = leading;
        this.sources = sources;
        this.handler = handler;
        this.client = client;
        this.destination = destination;
        this.stats = stats;
    }

    Throwable error() {
        return error;
    }

    boolean connected() {
        return connected;
    }

    /** Whether the session ended because this server stopped leading the destination. */
    boolean leadershipLost() {
        return leadershipLost;
    }

    /** The event that could not be read or converted, if that ended the session. */
    EventFailure eventFailure() {
        return eventFailure;
    }

    void fail(Throwable e) {
        if (error == null) {
            error = e;
        }
        BinlogEventParser.disconnect(client);
    }

    @Override
    public void onEvent(Event event) {
        if (error != null) {
            return;
        }
        if (!leading.getAsBoolean()) {
            leadershipLost = true;
            fail(new CollectorException("[destination=" + destination + "] leadership lost: binlog dump ended",
                    true));
            return;
        }
        stats.started(event.getHeader(), System.currentTimeMillis());
        try {
            handler.handle(event);
            if (sources.switchBackDue(handler)) {
                fail(new SourceSwitcher.SwitchBackDue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (CollectorException e) {
            fail(e);
        } catch (RuntimeException e) {
            if (error == null) {
                eventFailure = new EventFailure(handler.locate(event.getHeader()), event.getHeader().toString(), e);
            }
            fail(e);
        } finally {
            stats.finished();
        }
    }

    @Override
    public void onConnect(BinaryLogClient c) {
        connected = true;
    }

    @Override
    public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
        fail(ex);
    }

    @Override
    public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
        // the connector would skip the event and go on; a skipped event is a lost change, so reconnect
        if (error == null) {
            eventFailure = EventFailure.ofDecode(ex, handler);
        }
        fail(new CollectorException("cannot decode a binlog event: " + ex.getMessage(), true, ex));
    }

    @Override
    public void onDisconnect(BinaryLogClient c) {
        // the dump loop looks at the outcome once connect() returns
    }
}
