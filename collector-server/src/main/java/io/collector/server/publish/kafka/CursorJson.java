package io.collector.server.publish.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
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

    record PositionJson(String journal, long offset, long serverId, long timestamp, String gtidSet) {
    }

    record CursorValue(PositionJson position, long globalId) {
    }

    record Record(String destination, long batchId, long committedAt, CursorValue cursor) {
    }

    private CursorJson() {
    }

    static byte[] write(String destination, long batchId, long committedAt, Cursor cursor) {
        LogPosition p = cursor.restart();
        Record r = new Record(destination, batchId, committedAt, new CursorValue(new PositionJson(p.journal(),
                p.offset(), p.serverId(), p.timestamp(), p.gtidSet()), cursor.globalId()));
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
            PositionJson p = r.cursor().position();
            return new Cursor(new LogPosition(p.journal(), p.offset(), p.serverId(), p.timestamp(), p.gtidSet()),
                    r.cursor().globalId());
        } catch (IOException | RuntimeException e) {
            throw new CollectorException("corrupt position record in topic " + topic + ": " + e.getMessage(), false,
                    e);
        }
    }
}
