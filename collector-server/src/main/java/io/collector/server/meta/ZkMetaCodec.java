package io.collector.server.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.meta.MetaFileCodec.PositionJson;
import io.collector.server.position.Cursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The content of the meta znodes. A {@code filter} znode holds the filter as UTF-8 text (as Canal writes it;
 * empty for none). A {@code cursor} znode holds our own JSON, not Canal's:
 *
 * <pre>
 * {"version":1,"position":{"journal":"mysql-bin.000003","offset":1234,"serverId":1,
 *   "timestamp":1700000000000,"gtidSet":""},"globalId":5083496497152}
 * </pre>
 */
public final class ZkMetaCodec {

    static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper();

    record CursorNode(int version, PositionJson position, long globalId) {
    }

    byte[] cursor(Cursor cursor) {
        MetaFileCodec.CursorJson json = MetaFileCodec.toJson(cursor);
        try {
            return mapper.writeValueAsBytes(new CursorNode(VERSION, json.position(), json.globalId()));
        } catch (IOException e) {
            throw new CollectorException("Cannot encode cursor " + cursor + ": " + e.getMessage(), false, e);
        }
    }

    /** Reads a cursor znode; content that is not this JSON gives an error naming the znode. */
    public Cursor cursor(byte[] data, String path) {
        try {
            CursorNode node = mapper.readValue(data, CursorNode.class);
            if (node.version() != VERSION) {
                throw new IllegalArgumentException("unsupported version " + node.version());
            }
            return MetaFileCodec.fromJson(new MetaFileCodec.CursorJson(node.position(), node.globalId()));
        } catch (IOException | RuntimeException e) {
            throw new CollectorException("Corrupt cursor znode " + path + ": " + e.getMessage() + " (content: "
                    + new String(data, StandardCharsets.UTF_8) + "; fix or delete it: without it the client starts "
                    + "from the destination's configured position)", false, e);
        }
    }

    static byte[] filter(String filter) {
        return filter.getBytes(StandardCharsets.UTF_8);
    }

    static String filter(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }
}
