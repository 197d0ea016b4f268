package io.collector.server.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.collector.server.error.CollectorException;
import io.collector.server.files.DurableFiles;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes one destination's {@code meta.json}. Writes go to a temporary file that is forced to disk
 * and then renamed over the old one, so a crash leaves either the old or the new content.
 *
 * <pre>
 * {"version":1, "destination":"example", "clients":[{"clientId":"1001", "filter":"",
 *   "cursor":{"position":{"journal":"mysql-bin.000003", "offset":1234, "serverId":1,
 *                         "timestamp":1700000000000, "gtidSet":"",
 *                         "source":{"address":"db1:3306", "serverId":1, "serverUuid":"",
 *                                   "binlogCreated":1699990000000, "fileShift":0},
 *                         "txGtid":"0-1-8", "txIndex":2}, "globalId":5083496497152}}]}
 * </pre>
 *
 * {@code source} is absent when the server was not recorded, {@code txGtid} and {@code txIndex} when the cursor is
 * at a transaction boundary.
 */
final class MetaFileCodec {

    static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record MetaFile(int version, String destination, List<ClientJson> clients) {
    }

    /** {@code cursor} is null before the first ack. */
    record ClientJson(String clientId, String filter, CursorJson cursor) {
    }

    record CursorJson(PositionJson position, long globalId) {
    }

    /**
     * {@code source}, {@code txGtid} and {@code txIndex} are absent from files written before sources were
     * recorded: such a cursor is taken to belong to the server the destination connects to. They are left out when
     * unknown (source) or not inside a transaction (txGtid, txIndex).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PositionJson(String journal, long offset, long serverId, long timestamp, String gtidSet, SourceJson source,
                        String txGtid, Integer txIndex) {
    }

    /** See {@link SourceStamp}. */
    record SourceJson(String address, long serverId, String serverUuid, long binlogCreated, long fileShift) {
    }

    void write(Path file, String destination, Map<String, ClientMeta> clients) {
        List<ClientJson> json = new ArrayList<>(clients.size());
        clients.forEach((id, client) -> json.add(new ClientJson(id, client.filter(), toJson(client.cursor()))));
        try {
            DurableFiles.replace(file, mapper.writeValueAsBytes(new MetaFile(VERSION, destination, json)));
        } catch (IOException e) {
            throw new CollectorException("Cannot write meta file " + file + ": " + e.getMessage(), true, e);
        }
    }

    /** Reads a file; a file that is not valid JSON of this layout gives an error naming it. */
    Map<String, ClientMeta> read(Path file, String destination) {
        try {
            MetaFile content = mapper.readValue(file.toFile(), MetaFile.class);
            return fromJson(content, destination);
        } catch (IOException | RuntimeException e) {
            throw new CollectorException("Corrupt meta file " + file + ": " + e.getMessage()
                    + " (fix or remove it; without it the destination starts from its configured position)", false, e);
        }
    }

    private static Map<String, ClientMeta> fromJson(MetaFile content, String destination) {
        if (content == null || content.version() != VERSION) {
            throw new IllegalArgumentException("unsupported version " + (content == null ? null : content.version()));
        }
        if (!destination.equals(content.destination())) {
            throw new IllegalArgumentException("it names destination " + content.destination() + ", not " + destination);
        }
        Map<String, ClientMeta> clients = new LinkedHashMap<>();
        for (ClientJson client : content.clients() == null ? List.<ClientJson>of() : content.clients()) {
            if (client == null || client.clientId() == null || client.clientId().isBlank()) {
                throw new IllegalArgumentException("a client without clientId");
            }
            String filter = client.filter() == null ? "" : client.filter();
            clients.put(client.clientId(), new ClientMeta(filter, fromJson(client.cursor())));
        }
        return clients;
    }

    static Cursor fromJson(CursorJson cursor) {
        if (cursor == null) {
            return null;
        }
        PositionJson p = cursor.position();
        if (p == null) {
            throw new IllegalArgumentException("a cursor without position");
        }
        return new Cursor(position(p), cursor.globalId());
    }

    static LogPosition position(PositionJson p) {
        SourceJson s = p.source();
        SourceStamp source = s == null ? SourceStamp.UNKNOWN
                : new SourceStamp(s.address() == null ? "" : s.address(), s.serverId(), s.serverUuid(),
                s.binlogCreated(), s.fileShift());
        return new LogPosition(p.journal(), p.offset(), p.serverId(), p.timestamp(), p.gtidSet(), source, p.txGtid(),
                p.txIndex() == null ? -1 : p.txIndex());
    }

    static PositionJson toJson(LogPosition p) {
        SourceStamp s = p.source();
        SourceJson source = s.known() ? new SourceJson(s.address(), s.serverId(), s.serverUuid(), s.binlogCreated(),
                s.fileShift()) : null;
        boolean inside = p.insideTransaction();
        return new PositionJson(p.journal(), p.offset(), p.serverId(), p.timestamp(), p.gtidSet(), source,
                inside ? p.txGtid() : null, inside ? p.txIndex() : null);
    }

    static CursorJson toJson(Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        return new CursorJson(toJson(cursor.restart()), cursor.globalId());
    }

}
