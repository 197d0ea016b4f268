package io.collector.server.savepoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import io.collector.server.savepoint.Savepoint.SavedClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a savepoint, the same in a file and in a znode:
 *
 * <pre>
 * {"version":1, "name":"before-migration", "destination":"example", "createdAtMs":1700000000000,
 *  "automatic":false, "clients":[{"clientId":"1001", "filter":"",
 *    "cursor":{"journal":"mysql-bin.000003", "offset":1234, "serverId":1, "timestamp":1700000000000,
 *              "gtidSet":"", "globalId":5083496497152}}]}
 * </pre>
 */
final class SavepointCodec {

    static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Stored(int version, String name, String destination, long createdAtMs, boolean automatic,
                  List<ClientJson> clients) {
    }

    record ClientJson(String clientId, String filter, CursorJson cursor) {
    }

    /** {@code source}, {@code txGtid} and {@code txIndex} are absent from savepoints taken before they existed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CursorJson(String journal, long offset, long serverId, long timestamp, String gtidSet, long globalId,
                      SourceStamp source, String txGtid, Integer txIndex) {
    }

    byte[] encode(Savepoint savepoint) {
        List<ClientJson> clients = savepoint.clients().entrySet().stream()
                .map(e -> new ClientJson(e.getKey(), e.getValue().filter(), toJson(e.getValue().cursor()))).toList();
        try {
            return mapper.writeValueAsBytes(new Stored(VERSION, savepoint.name(), savepoint.destination(),
                    savepoint.createdAtMs(), savepoint.automatic(), clients));
        } catch (IOException e) {
            throw new CollectorException("Cannot encode savepoint " + savepoint.name() + ": " + e.getMessage(),
                    false, e);
        }
    }

    /** Reads a stored savepoint; {@code where} names the file or znode in the error. */
    Savepoint decode(byte[] data, String where) {
        try {
            Stored stored = mapper.readValue(data, Stored.class);
            if (stored.version() != VERSION || stored.name() == null || stored.destination() == null) {
                throw new IllegalArgumentException("not a savepoint of version " + VERSION);
            }
            Map<String, SavedClient> clients = new LinkedHashMap<>();
            for (ClientJson c : stored.clients() == null ? List.<ClientJson>of() : stored.clients()) {
                clients.put(c.clientId(), new SavedClient(c.filter() == null ? "" : c.filter(), fromJson(c.cursor())));
            }
            return new Savepoint(stored.name(), stored.destination(), stored.createdAtMs(), stored.automatic(),
                    clients);
        } catch (IOException | RuntimeException e) {
            throw new CollectorException("Corrupt savepoint " + where + ": " + e.getMessage() + " (content: "
                    + new String(data, StandardCharsets.UTF_8) + ")", false, e);
        }
    }

    private static CursorJson toJson(Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        LogPosition p = cursor.restart();
        return new CursorJson(p.journal(), p.offset(), p.serverId(), p.timestamp(), p.gtidSet(), cursor.globalId(),
                p.source().known() ? p.source() : null, p.insideTransaction() ? p.txGtid() : null,
                p.insideTransaction() ? p.txIndex() : null);
    }

    private static Cursor fromJson(CursorJson c) {
        return c == null ? null
                : new Cursor(new LogPosition(c.journal(), c.offset(), c.serverId(), c.timestamp(), c.gtidSet(),
                        c.source(), c.txGtid(), c.txIndex() == null ? -1 : c.txIndex()), c.globalId());
    }
}
