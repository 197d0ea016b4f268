package io.collector.server.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One backfill asked for: re-read {@code table} ({@code schema.table}), only rows matching {@code where} when it is
 * not empty. {@code id} names it in logs, the admin API and the entries' {@code backfill} header prop: the signal
 * row's id.
 */
public record BackfillRequest(String id, String table, String where) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BackfillRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(where, "where");
        if (table == null || table.indexOf('.') <= 0 || table.endsWith(".")) {
            throw new IllegalArgumentException("the table to backfill must be given as schema.table, not " + table);
        }
    }

    /** The request in a signal row's {@code data}: {@code {"table":"schema.table","where":"..."}}. */
    public static BackfillRequest fromSignal(String id, String data) {
        JsonNode node;
        try {
            node = JSON.readTree(data == null ? "" : data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the data of signal " + id + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.path("table").isTextual()) {
            throw new IllegalArgumentException("the data of signal " + id + " must be {\"table\":\"schema.table\""
                    + ", \"where\":\"optional condition\"}, not " + data);
        }
        JsonNode where = node.path("where");
        if (!where.isMissingNode() && !where.isNull() && !where.isTextual()) {
            throw new IllegalArgumentException("the \"where\" of signal " + id + " must be a string");
        }
        return new BackfillRequest(id, node.get("table").asText().strip(), where.isTextual() ? where.asText().strip()
                : "");
    }

    /** The signal row's {@code data} that asks for this backfill. */
    public String signalData() {
        ObjectNode node = JSON.createObjectNode().put("table", table);
        if (!where.isEmpty()) {
            node.put("where", where);
        }
        return node.toString();
    }

    String schema() {
        return table.substring(0, table.indexOf('.'));
    }

    String tableName() {
        return table.substring(table.indexOf('.') + 1);
    }
}
