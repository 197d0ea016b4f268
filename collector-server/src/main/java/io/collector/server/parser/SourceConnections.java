package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.parser.source.SourceTlsContext;

/** The two connections to the source a {@link ParserConfig} names, both with its TLS settings. */
public final class SourceConnections {

    private SourceConnections() {
    }

    /** The SQL connection (opened lazily by the returned object). */
    public static SourceDatabase database(ParserConfig config) {
        return new SourceDatabase(config.host(), config.port(), config.user(), config.password(), config.tls());
    }

    /** A binlog client for the configured source, user and TLS; the caller sets the rest and connects. */
    public static BinaryLogClient binlogClient(ParserConfig config) {
        BinaryLogClient c = new BinaryLogClient(config.host(), config.port(), config.user(), config.password());
        new SourceTlsContext(config.tls(), config.host()).applyTo(c);
        return c;
    }
}
