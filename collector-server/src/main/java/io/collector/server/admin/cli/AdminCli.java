package io.collector.server.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code bin/admin.sh}: the admin API from a shell. Prints tables, or the API's JSON with {@code --json}; errors go
 * to stderr and end with the exit codes of {@link CliException} (0 on success).
 */
public final class AdminCli {

    static final String USAGE = """
            usage: bin/admin.sh [--conf DIR | --url http://HOST:PORT] [--token TOKEN | --user USER --password PW]
                                [--json] COMMAND
            commands:
              list                                   destinations with role, state, delay, position, clients
              show DEST                              one destination and its clients' cursors
              stop DEST [--savepoint NAME]           stop (taking a savepoint once stopped)
              start DEST [--savepoint NAME]          start (from a savepoint)
              restart DEST
              move-cursor DEST CLIENT --position FILE:OFFSET | --gtid GTID_SET | --timestamp TIME
                                                     (TIME: epoch ms or ISO-8601, e.g. 2026-12-03T10:00:00Z)
              savepoint list DEST
              savepoint take DEST NAME
              savepoint restore DEST NAME            stop, put the savepoint's cursors back, start
              savepoint delete DEST NAME
              backfill DEST TABLE [--where CONDITION] re-read SCHEMA.TABLE while streaming (needs a signal table)
              health | ready
            The address and credentials default to collector.admin.* in DIR/collector.properties (default conf/);
            COLLECTOR_ADMIN_TOKEN and COLLECTOR_ADMIN_PASSWORD may hold the secrets.
            exit codes: 0 ok, 1 usage, 2 server unreachable, 3 authentication failed, 4 unknown destination,
            client or savepoint, 5 refused in the current state (e.g. another server leads it), 6 other error""";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdminCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            CliArgs cli = CliArgs.parse(args);
            if (cli.has("help") || cli.words().isEmpty()) {
                out.println(USAGE);
                return cli.has("help") ? 0 : CliException.USAGE;
            }
            CliTarget target = CliTarget.resolve(cli, env);
            out.print(execute(cli, new AdminHttp(target.url(), target.authorization())));
            return 0;
        } catch (CliException e) {
            err.println("admin: " + e.getMessage());
            if (e.exitCode() == CliException.USAGE) {
                err.println(USAGE);
            }
            return e.exitCode();
        }
    }

    private static String execute(CliArgs cli, AdminHttp http) {
        String command = cli.word(0, "a command");
        return switch (command) {
            case "list" -> show(cli, http.send("GET", "/api/destinations", null), Tables::destinations);
            case "show" -> show(cli, http.send("GET", dest(cli), null), Tables::destination);
            case "stop", "start" -> show(cli, http.send("POST", dest(cli) + "/" + command
                    + savepointQuery(cli), null), Tables::destination);
            case "restart" -> show(cli, http.send("POST", dest(cli) + "/restart", null), Tables::destination);
            case "move-cursor" -> show(cli, http.send("POST", dest(cli) + "/clients/"
                    + encode(cli.word(2, "the client id")) + "/cursor", cursorBody(cli)), Tables::destination);
            case "savepoint" -> savepoint(cli, http);
            case "backfill" -> show(cli, http.send("POST", dest(cli) + "/backfill", backfillBody(cli)),
                    j -> "backfill " + j.path("id").asText() + " of " + j.path("table").asText() + " requested\n");
            case "health" -> show(cli, http.send("GET", "/health", null), j -> j.path("status").asText() + "\n");
            case "ready" -> show(cli, http.send("GET", "/ready", null), j -> "ready\n");
            default -> throw new CliException(CliException.USAGE, "unknown command " + command);
        };
    }

    private static String savepoint(CliArgs cli, AdminHttp http) {
        String action = cli.word(1, "a savepoint action: list, take, restore or delete");
        String base = "/api/destinations/" + encode(cli.word(2, "the destination")) + "/savepoints";
        return switch (action) {
            case "list" -> show(cli, http.send("GET", base, null), Tables::savepoints);
            case "take" -> show(cli, http.send("POST", base, json(Map.of("name", cli.word(3, "the savepoint name")))),
                    j -> "savepoint " + j.path("name").asText() + " taken\n");
            case "restore" -> show(cli, http.send("POST", base + "/" + encode(cli.word(3, "the savepoint name"))
                    + "/restore", null), Tables::destination);
            case "delete" -> show(cli, http.send("DELETE", base + "/" + encode(cli.word(3, "the savepoint name")),
                    null), j -> "savepoint " + j.path("deleted").asText() + " deleted\n");
            default -> throw new CliException(CliException.USAGE, "unknown savepoint action " + action);
        };
    }

    private static String show(CliArgs cli, JsonNode answer, java.util.function.Function<JsonNode, String> table) {
        if (cli.has("json")) {
            try {
                return MAPPER.writeValueAsString(answer) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CliException(CliException.FAILED, "cannot print the answer: " + e.getMessage());
            }
        }
        return table.apply(answer);
    }

    private static String dest(CliArgs cli) {
        return "/api/destinations/" + encode(cli.word(1, "the destination"));
    }

    private static String savepointQuery(CliArgs cli) {
        return cli.has("savepoint") ? "?savepoint=" + encode(cli.option("savepoint")) : "";
    }

    private static String backfillBody(CliArgs cli) {
        String table = cli.word(2, "the table to backfill (schema.table)");
        return cli.has("where") ? json(Map.of("table", table, "where", cli.option("where")))
                : json(Map.of("table", table));
    }

    private static String cursorBody(CliArgs cli) {
        long given = java.util.stream.Stream.of("position", "gtid", "timestamp").filter(cli::has).count();
        if (given != 1) {
            throw new CliException(CliException.USAGE,
                    "move-cursor needs exactly one of --position, --gtid and --timestamp");
        }
        if (cli.has("timestamp")) {
            return "{\"timestamp\":" + epochMillis(cli.option("timestamp")) + "}";
        }
        return cli.has("position") ? json(Map.of("position", cli.option("position")))
                : json(Map.of("gtid", cli.option("gtid")));
    }

    private static long epochMillis(String text) {
        if (text.matches("\\d{1,15}")) {
            return Long.parseLong(text);
        }
        try {
            return java.time.Instant.parse(text).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CliException(CliException.USAGE, "--timestamp must be epoch milliseconds or an ISO-8601 instant"
                    + " such as 2026-12-03T10:00:00Z, not " + text);
        }
    }

    private static String json(Map<String, String> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String word) {
        return URLEncoder.encode(word, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
