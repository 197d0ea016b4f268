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

    /** A binlog client for the configured source (not a standby); see {@link #binlogClient(ParserConfig, ParserConfig.Source)}. */
    public static BinaryLogClient binlogClient(ParserConfig config) {
        return binlogClient(config, new ParserConfig.Source(config.host(), config.port()));
    }

    /**
     * A binlog client for {@code at} (the configured source or one of its standbys) with the configured user and
     * TLS; the caller sets the rest and connects.
     */
    public static BinaryLogClient binlogClient(ParserConfig config, ParserConfig.Source at) {
        BinaryLogClient c = new BinaryLogClient(at.host(), at.port(), config.user(), config.password());
        new SourceTlsContext(config.tls(), at.host()).applyTo(c);
        return c;
    }
}
