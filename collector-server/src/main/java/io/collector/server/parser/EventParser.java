package io.collector.server.parser;

import io.collector.server.lifecycle.Lifecycle;

/**
 * Reads one source's binlog as a replica and feeds the resulting events, in binlog order, to an
 * {@link io.collector.server.sink.EventSink}. Runs its own thread; reconnects with backoff after network
 * failures and reports fatal problems (purged binlog, wrong binlog format) through {@link #failure()}.
 */
public interface EventParser extends Lifecycle {

    /** The fatal error that stopped the parser, or null while it runs or after a clean stop. */
    Throwable failure();
}
