package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import io.collector.server.error.CollectorException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads the creation time of a binlog file: a short dump from offset 4 that stops at the file's
 * FORMAT_DESCRIPTION event. Used to find where a start timestamp falls.
 */
final class BinlogProbe {

    private final ParserConfig config;
    private final Supplier<ParserConfig.Source> source;

    BinlogProbe(ParserConfig config) {
        this(config, () -> new ParserConfig.Source(config.host(), config.port()));
    }

    /** A probe of the server {@code source} names at each call (the destination's current source). */
    BinlogProbe(ParserConfig config, Supplier<ParserConfig.Source> source) {
        this.config = config;
        this.source = source;
    }

    /** The timestamp (ms) of the first event of {@code journal}. */
    long firstEventTimestamp(String journal) {
        ParserConfig.Source at = source.get();
        BinaryLogClient client = SourceConnections.binlogClient(config, at);
        client.setServerId(config.serverId());
        client.setKeepAlive(false);
        client.setBinlogFilename(journal);
        client.setBinlogPosition(4);
        AtomicLong timestamp = new AtomicLong(-1);
        CountDownLatch seen = new CountDownLatch(1);
        client.registerEventListener(event -> {
            if (event.getHeader().getEventType() == EventType.FORMAT_DESCRIPTION) {
                timestamp.set(event.getHeader().getTimestamp());
                seen.countDown();
            }
        });
        try {
            client.connect(config.connectTimeout().toMillis());
            if (!seen.await(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("no FORMAT_DESCRIPTION event within " + config.connectTimeout());
            }
            return timestamp.get();
        } catch (IOException | TimeoutException e) {
            throw new CollectorException("cannot read the first event of " + journal + " on " + at + ": "
                    + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectorException("interrupted while probing " + journal, false, e);
        } finally {
            disconnect(client);
        }
    }

    private static void disconnect(BinaryLogClient client) {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // the probe is done with this connection either way
        }
    }
}
