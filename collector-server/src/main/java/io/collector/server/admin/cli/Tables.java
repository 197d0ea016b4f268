package io.collector.server.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** Human-readable forms of the admin API's answers: aligned tables. */
final class Tables {

    private Tables() {
    }

    static String destinations(JsonNode list) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DESTINATION", "ROLE", "STATE", "DELAY", "ROWS", "RESUME POSITION", "CLIENTS"});
        for (JsonNode d : list) {
            rows.add(new String[] {d.path("name").asText(), d.path("role").asText(), state(d),
                    d.path("delayMs").isNumber() ? d.get("delayMs").asLong() + " ms" : "-",
                    d.path("rowsStored").asText("-"), position(d.path("resumePosition")), clients(d)});
        }
        return render(rows);
    }

    static String destination(JsonNode d) {
        StringBuilder out = new StringBuilder(destinations(JsonNodeFactory.instance.arrayNode().add(d)));
        if (d.path("state").hasNonNull("lastError")) {
            out.append("last error: ").append(d.path("state").get("lastError").asText()).append('\n');
        }
        if (d.hasNonNull("runningOn")) {
            out.append("running on: ").append(d.get("runningOn").asText()).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CLIENT", "FILTER", "CURSOR", "GLOBAL ID"});
        for (JsonNode c : d.path("clients")) {
            rows.add(new String[] {c.path("clientId").asText(), c.path("filter").asText(),
                    position(c.path("cursor")), c.path("cursor").path("globalId").asText("-")});
        }
        return out.append('\n').append(render(rows)).toString();
    }

    static String savepoints(JsonNode list) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SAVEPOINT", "CREATED", "AUTOMATIC", "CLIENTS", "RESUME POSITION"});
        for (JsonNode s : list) {
            rows.add(new String[] {s.path("name").asText(), s.path("createdAt").asText(),
                    s.path("automatic").asBoolean() ? "yes" : "no", String.valueOf(s.path("clients").size()),
                    position(s.path("resumePosition"))});
        }
        return render(rows);
    }

    private static String state(JsonNode d) {
        JsonNode state = d.path("state");
        int attempts = state.path("attempts").asInt();
        return state.path("phase").asText("-") + (attempts > 0 ? " (" + attempts + " attempts)" : "");
    }

    private static String clients(JsonNode d) {
        List<String> ids = new ArrayList<>();
        d.path("clients").forEach(c -> ids.add(c.path("clientId").asText()));
        return ids.isEmpty() ? "-" : String.join(",", ids);
    }

    static String position(JsonNode cursor) {
        if (cursor == null || cursor.isNull() || cursor.isMissingNode()) {
            return "-";
        }
        String gtid = cursor.path("gtidSet").asText("");
        String file = cursor.path("journal").asText("");
        return (file.isEmpty() ? "" : file + ":" + cursor.path("offset").asText()) + (gtid.isEmpty() ? ""
                : (file.isEmpty() ? "" : " ") + "gtid " + gtid);
    }

    private static String render(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
