package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.service.Message;
import io.collector.server.testkit.TcpFaultProxy;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connections to the source cut mid-stream: the parser reconnects and every row arrives once, in order. */
class ReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int TRANSACTIONS = 40;
    private static final int ROWS_PER_TRANSACTION = 250;
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE rc_db");
        db.executeIn("rc_db", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void cutConnectionsLoseAndRepeatNothing() throws Exception {
        var status = db.masterStatus();
        try (TcpFaultProxy proxy = new TcpFaultProxy(db.host(), db.port())) {
            ParserConfig direct = Pipeline.parserConfig(db, "reconnect", StartConfig.at(status.file(), status.position()));
            ParserConfig viaProxy = direct.toBuilder().source("127.0.0.1", proxy.port()).gtidMode(false)
                    .retry(Duration.ofMillis(50), Duration.ofMillis(200)).build();
            InstanceConfig config = new InstanceConfig("reconnect", viaProxy,
                    io.collector.server.sink.filter.SinkFilters.none(), io.collector.server.store.StoreConfig.defaults());
            Thread writer = new Thread(ReconnectIT::write, "reconnect-writer");
            try (Pipeline p = Pipeline.start(config)) {
                writer.start();
                List<String> ids = consumeCutting(p, proxy);
                assertThat(ids).hasSize(TRANSACTIONS * ROWS_PER_TRANSACTION);
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(ids.get(i)).isEqualTo(Integer.toString(i + 1));
                }
                // one SQL connection, the first dump, and at least one dump after a cut (cuts during a backoff find none)
                assertThat(proxy.accepted()).as("connections through the proxy").isGreaterThanOrEqualTo(3);
            } finally {
                writer.join(WAIT.toMillis());
            }
        }
    }

    private static void write() {
        for (int t = 0; t < TRANSACTIONS; t++) {
            int from = t * ROWS_PER_TRANSACTION + 1;
            db.executeIn("rc_db", "INSERT INTO t SELECT seq, 'v' FROM seq_" + from + "_to_" + (from + ROWS_PER_TRANSACTION - 1));
        }
    }

    /** Consumes every row, cutting all connections after every 1,500 rows received. */
    private static List<String> consumeCutting(Pipeline p, TcpFaultProxy proxy) {
        List<String> ids = new ArrayList<>();
        int nextCut = 1_500;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ids.size() < TRANSACTIONS * ROWS_PER_TRANSACTION) {
            assertThat(System.nanoTime()).as("all rows within " + WAIT).isLessThan(deadline);
            assertThat(p.destination().parser().failure()).isNull();
            Message m = p.service().getWithoutAck(p.client(), 100, 100, TimeUnit.MILLISECONDS);
            for (var row : Pipeline.rowImages(m.events())) {
                ids.add(row.get("id"));
            }
            if (m.batchId() > 0) {
                p.service().ack(p.client(), m.batchId());
            }
            if (ids.size() >= nextCut) {
                proxy.cutAll();
                nextCut += 1_500;
            }
        }
        return ids;
    }
}
