package io.collector.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/admin.sh} against a daemon started with {@code bin/startup.sh}: tables, {@code --json}, savepoints,
 * stop and start, the status page, and the exit codes of a wrong token, an unknown destination and a server that
 * is not there.
 */
class AdminCliIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "cli-test-token-0123456789";

    @Test
    void operatesARunningDaemon(@TempDir Path home) throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            int adminPort = Daemon.freePort();
            Daemon daemon = daemon(home, db, adminPort);
            assertThat(daemon.start().status()).isZero();
            try {
                Await.until("the admin endpoint answers", WAIT, () -> admin(daemon, "health").status() == 0);
                Await.until("example running", WAIT, () -> admin(daemon, "list").output().contains("RUNNING"));
                Daemon.Result list = admin(daemon, "list");
                assertThat(list.output()).contains("DESTINATION", "ROLE", "STATE", "example", "standalone");

                JsonNode json = new ObjectMapper().readTree(admin(daemon, "--json", "list").output());
                assertThat(json.get(0).get("name").asText()).isEqualTo("example");

                assertThat(admin(daemon, "savepoint", "take", "example", "first").output()).contains("first taken");
                assertThat(admin(daemon, "savepoint", "list", "example").output()).contains("first");
                Daemon.Result stopped = admin(daemon, "stop", "example", "--savepoint", "at-stop");
                assertThat(stopped.status()).as(stopped.output()).isZero();
                assertThat(stopped.output()).contains("STOPPED");
                assertThat(admin(daemon, "start", "example").output()).contains("RUNNING");
                assertThat(admin(daemon, "savepoint", "delete", "example", "first").status()).isZero();

                Daemon.Result unknown = admin(daemon, "show", "nope");
                assertThat(unknown.status()).isEqualTo(4);
                assertThat(unknown.output()).contains("unknown destination nope");
                Daemon.Result badToken = admin(daemon, "--token", "wrong-token-0123456789", "list");
                assertThat(badToken.status()).isEqualTo(3);
                assertThat(badToken.output()).contains("authentication failed");
                assertThat(admin(daemon, "frobnicate").status()).isEqualTo(1);

                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("Collector status", "api/destinations");
            } finally {
                daemon.stop();
            }
            Daemon.Result down = admin(daemon, "list");
            assertThat(down.status()).isEqualTo(2);
            assertThat(down.output()).contains("cannot reach");
        }
    }

    private static Daemon.Result admin(Daemon daemon, String... args) {
        List<String> all = new ArrayList<>(List.of("--conf", daemon.conf().toString()));
        all.addAll(List.of(args));
        return Daemon.run("bin/admin.sh", all.toArray(String[]::new));
    }

    private static Daemon daemon(Path home, TestMariaDb db, int adminPort) {
        Path conf = home.resolve("conf");
        Daemon.write(conf.resolve("collector.properties"), "collector.port = " + Daemon.freePort(),
                "collector.metrics.port = 0", "collector.admin.port = " + adminPort,
                "collector.admin.token = " + TOKEN, "collector.meta.mode = file");
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
        var status = db.masterStatus();
        Daemon.write(conf.resolve("example/instance.properties"),
                "collector.instance.source.address = 127.0.0.1:" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + status.file(),
                "collector.instance.start.position = " + status.position());
        return new Daemon(conf);
    }
}
