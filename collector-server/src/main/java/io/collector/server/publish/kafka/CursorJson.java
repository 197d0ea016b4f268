package io.collector.server.publish.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.io.IOException;

/**
 * The value of a record in the positions topic: where a destination resumes after the batch committed with it.
 *
 * <pre>
 * {"destination":"example","batchId":42,"committedAt":1700000000000,
 *  "cursor":{"position":{"journal":"mysql-bin.000003","offset":1234,"serverId":1,"timestamp":1700000000000,
 *                        "gtidSet":""},"globalId":5083496497152}}
 * </pre>
 */
final class CursorJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** {@code source}, {@code txGtid} and {@code txIndex} are absent from records written before they existed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PositionJson(String journal, long offset, long serverId, long timestamp, String gtidSet, SourceJson source,
                        String txGtid, Integer txIndex) {

        static PositionJson of(LogPosition p) {
            SourceStamp s = p.source();
            return new PositionJson(p.journal(), p.offset(), p.serverId(), p.timestamp(), p.gtidSet(),
                    s.known() ? new SourceJson(s.address(), s.serverId(), s.serverUuid(), s.binlogCreated(),
                            s.fileShift()) : null, p.insideTransaction() ? p.txGtid() : null,
                    p.insideTransaction() ? p.txIndex() : null);
        }

        LogPosition position() {
            SourceStamp stamp = source == null ? SourceStamp.UNKNOWN : new SourceStamp(
                    source.address() == null ? "" : source.address(), source.serverId(), source.serverUuid(),
                    source.binlogCreated(), source.fileShift());
            return new LogPosition(journal, offset, serverId, timestamp, gtidSet, stamp, txGtid,
                    txIndex == null ? -1 : txIndex);
        }
    }

    /** The server a position was read from ({@link SourceStamp}). */
    record SourceJson(String address, long serverId, String serverUuid, long binlogCreated, long fileShift) {
    }

    record CursorValue(PositionJson position, long globalId) {
    }

    record Record(String destination, long batchId, long committedAt, CursorValue cursor) {
    }

    private CursorJson() {
    }

    static byte[] write(String destination, long batchId, long committedAt, Cursor cursor) {
        Record r = new Record(destination, batchId, committedAt, new CursorValue(PositionJson.of(cursor.restart()),
                cursor.globalId()));
        try {
            return MAPPER.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a position record", e);
        }
    }

    /** @throws CollectorException (not retriable) naming the topic when the value is not a position record */
    static Cursor read(byte[] value, String topic) {
        try {
            Record r = MAPPER.readValue(value, Record.class);
            return new Cursor(r.cursor().position().position(), r.cursor().globalId());
        } catch (IOException | RuntimeException e) {
            throw new CollectorException("corrupt position record in topic " + topic + ": " + e.getMessage(), false,
                    e);
        }
    }
}
