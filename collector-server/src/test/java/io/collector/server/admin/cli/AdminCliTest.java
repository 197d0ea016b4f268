package io.collector.server.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's command-line errors, which end before any request. */
class AdminCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AdminCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndUsageErrors() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: bin/admin.sh", "exit codes");
        assertThat(run()).isEqualTo(1);
        assertThat(run("--url", "http://127.0.0.1:1", "--bogus", "list")).isEqualTo(1);
        assertThat(err()).contains("unknown option --bogus");
        assertThat(run("--url", "http://127.0.0.1:1", "show")).isEqualTo(1);
        assertThat(err()).contains("missing the destination");
    }

    @Test
    void moveCursorNeedsExactlyOneTarget() {
        assertThat(run("--url", "http://127.0.0.1:1", "move-cursor", "example", "1001")).isEqualTo(1);
        assertThat(err()).contains("exactly one of --position, --gtid and --timestamp");
        assertThat(run("--url", "http://127.0.0.1:1", "move-cursor", "example", "1001", "--timestamp", "noon"))
                .isEqualTo(1);
        assertThat(err()).contains("--timestamp must be epoch milliseconds or an ISO-8601 instant");
    }

    @Test
    void backfillNeedsATable() {
        assertThat(run("--url", "http://127.0.0.1:1", "backfill", "example")).isEqualTo(1);
        assertThat(err()).contains("missing the table to backfill");
        assertThat(run("--url", "http://127.0.0.1:1", "backfill", "example", "shop.orders", "--where")).isEqualTo(1);
        assertThat(err()).contains("--where needs a value");
    }

    @Test
    void userWithoutPassword() {
        assertThat(run("--url", "http://127.0.0.1:1", "--user", "ops", "list")).isEqualTo(1);
        assertThat(err()).contains("--user needs --password");
    }
}
