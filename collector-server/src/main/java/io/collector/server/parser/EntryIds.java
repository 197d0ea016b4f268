package io.collector.server.parser;

import io.collector.server.error.PoisonEventException;
import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;

/**
 * Numbers entries with {@link GlobalId}s and keeps the {@link SourceStamp} of the server read. An event's first
 * id comes from its file index plus the server's shift and its offset; inside a MySQL transaction payload the ids
 * count on from the payload's first id, up to {@code payload length × 2048}, which no payload's entries and rows
 * reach. On a new server the shift is fixed at its first ROTATE, so that its ids exceed every id delivered before.
 */
final class EntryIds {

    private SourceStamp source = SourceStamp.UNKNOWN;
    private boolean shiftPending;
    private boolean inPayload;
    private long payloadNextId;
    private long payloadIdLimit;

    /** Reads {@code server} from now on; a new server gets its shift at its first file. */
    void restartFrom(SourceStamp server, boolean newServer) {
        source = server;
        shiftPending = newServer;
    }

    SourceStamp source() {
        return source;
    }

    /** A ROTATE names {@code journal}; {@code nextFileIndex} is the least file index above every delivered id. */
    void fileOpened(String journal, long nextFileIndex) {
        if (shiftPending) {
            shiftPending = false;
            source = source.withFileShift(Math.max(0, nextFileIndex - LogPosition.fileIndex(journal)));
        }
    }

    /** The current file's FORMAT_DESCRIPTION event was written at {@code timestampMs}. */
    void fileCreated(long timestampMs) {
        if (timestampMs > 0) {
            source = source.withBinlogCreated(timestampMs);
        }
    }

    /** The id of the first entry of the event at {@code journal:offset}. */
    long first(String journal, long offset) {
        return GlobalId.of(LogPosition.fileIndex(journal) + source.fileShift(), offset, 0);
    }

    void payloadStarts(String journal, long offset, long length) {
        inPayload = true;
        payloadNextId = first(journal, offset);
        payloadIdLimit = payloadNextId + (length << GlobalId.SEQ_BITS);
    }

    void payloadEnds() {
        inPayload = false;
    }

    /**
     * The id of an entry of the event at {@code journal:offset} that carries {@code rows} rows (0 for others).
     *
     * @param payloadHeader the payload's header, for the message when its ids run out
     */
    long next(String journal, long offset, int rows, Object payloadHeader) {
        if (!inPayload) {
            return first(journal, offset);
        }
        long id = payloadNextId;
        payloadNextId += Math.max(1, rows);
        if (payloadNextId > payloadIdLimit) {
            throw new PoisonEventException("transaction payload at " + journal + ":" + offset + " holds more entries"
                    + " and rows than its bytes leave ids for; header " + payloadHeader);
        }
        return id;
    }
}
