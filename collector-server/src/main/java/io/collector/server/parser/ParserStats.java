package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;

/**
 * What one destination's binlog reader has read, for metrics: events and bytes, and how far behind the source it
 * is. Written by the reading thread only, read by any thread; kept across restarts of the destination so the
 * counts only grow.
 *
 * <p>The delay is the age of the newest event read when it was read; while the reader is busy with an event
 * (converting it, or waiting for room in a full store) it keeps growing with the clock. A heartbeat, which the
 * source sends only when it has nothing newer, sets it to 0, so an idle source is not reported as late. Binlog
 * timestamps have whole seconds, so the delay has a resolution of about one second.
 */
public final class ParserStats {

    private volatile long events;
    private volatile long bytes;
    private volatile long newestEventMillis;
    private volatile long lagMillis = -1;
    private volatile boolean busy;
    private volatile String source = "";
    private volatile long sourceServerId;
    private volatile long sourceChanges;

    /** Counts an event as the reader starts handling it, at local time {@code nowMillis}. */
    void started(EventHeaderV4 header, long nowMillis) {
        events++;
        bytes += header.getEventLength();
        if (header.getEventType() == EventType.HEARTBEAT) {
            lagMillis = 0;
            newestEventMillis = 0;
        } else if (header.getTimestamp() > 0) {
            newestEventMillis = header.getTimestamp();
            lagMillis = Math.max(0, nowMillis - header.getTimestamp());
        }
        busy = true;
    }

    /** The reader is done with the current event and waits for the next one. */
    void finished() {
        busy = false;
    }

    /** The server now read; {@code changed} counts a change of server. */
    void source(io.collector.server.position.SourceStamp server, boolean changed) {
        source = server.describe();
        sourceServerId = server.serverId();
        if (changed) {
            sourceChanges++;
        }
    }

    /** The server the reader reads (or last read), "" before its first connection. */
    public String source() {
        return source;
    }

    /** The {@code server_id} of the server read, 0 before its first connection. */
    public long sourceServerId() {
        return sourceServerId;
    }

    /** How often the reader moved to another server (a source switch, or another server behind the address). */
    public long sourceChanges() {
        return sourceChanges;
    }

    /** Binlog events read, heartbeats included. */
    public long events() {
        return events;
    }

    /** Bytes of the binlog events read. */
    public long bytes() {
        return bytes;
    }

    /** Milliseconds behind the source at {@code nowMillis}, or -1 before the first event. */
    public long delayMillis(long nowMillis) {
        long lag = lagMillis;
        long newest = newestEventMillis;
        if (busy && newest > 0) {
            return Math.max(lag, nowMillis - newest);
        }
        return lag;
    }
}
