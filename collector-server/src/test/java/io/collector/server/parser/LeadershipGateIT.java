package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.parser.schema.history.MemorySchemaHistoryStore;
import io.collector.server.sink.EventSink;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binlog dump reads only while the server leads the destination: nothing is handed on before the parser
 * leads, leadership lost mid-stream ends the dump at the next event (the parser then waits without reading),
 * and leading again resumes from the last transaction boundary with nothing lost or repeated.
 */
class LeadershipGateIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE lg_db");
        db.executeIn("lg_db", "CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theDumpReadsOnlyWhileLeadingAndResumesWithoutLossOrRepeat() throws Exception {
        var status = db.masterStatus();
        AtomicBoolean leading = new AtomicBoolean(false);
        AtomicInteger checks = new AtomicInteger();
        RowIds sink = new RowIds();
        BinlogEventParser parser = new BinlogEventParser(
                Pipeline.parserConfig(db, "gate", StartConfig.at(status.file(), status.position())), sink,
                Optional::empty, EntryForm.PARSED, new ParserStats(), new MemorySchemaHistoryStore(), StartStage.NONE,
                () -> {
                    checks.incrementAndGet();
                    return leading.get();
                });
        parser.start();
        try {
            insert(1, 100);
            Await.until("the parser checked leadership a few times", WAIT, () -> checks.get() >= 5);
            assertThat(sink.ids).as("nothing read while not leading").isEmpty();

            leading.set(true);
            Await.until("rows 1-100", WAIT, () -> sink.ids.size() == 100);
            leading.set(false);
            insert(101, 200);
            int checksBefore = checks.get();
            Await.until("the parser noticed and checked again", WAIT, () -> checks.get() >= checksBefore + 5);
            assertThat(sink.ids).as("nothing read after leadership was lost").hasSize(100);

            leading.set(true);
            Await.until("rows 1-200", WAIT, () -> sink.ids.size() >= 200);
            assertThat(sink.ids).as("every row once, in order").containsExactlyElementsOf(range(200));
            assertThat(parser.failure()).isNull();
        } finally {
            parser.stop();
        }
    }

    private static void insert(int from, int to) {
        for (int id = from; id <= to; id += 10) {
            db.executeIn("lg_db", "INSERT INTO t SELECT seq FROM seq_" + id + "_to_" + (id + 9));
        }
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }

    /** Collects the id of every inserted row handed on. */
    private static final class RowIds implements EventSink {
        final List<Integer> ids = new CopyOnWriteArrayList<>();

        @Override
        public void sink(List<ChangeEvent> events) {
            for (ChangeEvent e : events) {
                if (e.isRowData()) {
                    e.rowChange().getRowDatasList().forEach(row ->
                            ids.add(Integer.parseInt(row.getAfterColumns(0).getValue())));
                }
            }
        }
    }
}
