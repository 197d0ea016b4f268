package io.collector.server.parser.schema.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.position.LogPosition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bootstrap, storage, replay up to the resume position and compaction, run against every store. */
abstract class SchemaHistoryStoreContractTest {

    protected static final String F1 = "mysql-bin.000001";
    protected static final String F2 = "mysql-bin.000002";

    private final AtomicInteger bootstraps = new AtomicInteger();

    /** A store over the same stored history on every call, as a restarted destination opens it. */
    protected abstract SchemaHistoryStore store();

    protected Supplier<HistorySnapshot> bootstrap(String journal, long offset) {
        return () -> {
            bootstraps.incrementAndGet();
            return new HistorySnapshot(journal, offset, ServerFlavor.of("10.11.5-MariaDB"), "utf8mb4", Map.of(),
                    List.of(new HistoryTable("db", "t", "utf8mb4",
                            List.of(new HistoryColumn("id", "int", "int(11)", false, null, List.of())), List.of("id"))),
                    Map.of());
        };
    }

    protected SchemaHistory open(LogPosition resume) {
        return SchemaHistory.open("test", store(), resume, true,
                bootstrap(resume.journal(), resume.offset()));
    }

    protected static List<String> names(SchemaHistory history) {
        return history.table("db", "t").columns().stream().map(c -> c.name()).toList();
    }

    @Test
    void restartRebuildsTheSchemaAtTheResumePositionNotTheLatest() {
        SchemaHistory first = open(LogPosition.of(F1, 4));
        first.apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100));
        first.apply("ALTER TABLE t RENAME COLUMN a TO b", "db", LogPosition.of(F2, 50));
        first.apply("ALTER TABLE t ADD COLUMN c INT", "db", LogPosition.of(F2, 90));
        assertThat(names(first)).containsExactly("id", "b", "c");
        assertThat(first.lastDdl()).isEqualTo("'ALTER TABLE t ADD COLUMN c INT' at mysql-bin.000002:90");

        SchemaHistory resumed = open(LogPosition.of(F2, 50));
        assertThat(names(resumed)).containsExactly("id", "a");
        assertThat(bootstraps).hasValue(1);
        resumed.apply("ALTER TABLE t RENAME COLUMN a TO b", "db", LogPosition.of(F2, 50));
        assertThat(names(resumed)).containsExactly("id", "b");
        assertThat(open(LogPosition.of(F2, 60)).table("db", "t").columns()).hasSize(2);
    }

    @Test
    void statementsReadAgainAfterAReconnectAreIgnored() {
        SchemaHistory history = open(LogPosition.of(F1, 4));
        history.apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100));
        history.apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100));
        assertThat(names(history)).containsExactly("id", "a");
        assertThat(history.unknownReason("db", "t")).isNull();
    }

    @Test
    void aResumePositionBeforeTheHistoryTakesTheSchemaFromTheSourceAgain() {
        open(LogPosition.of(F2, 4));
        open(LogPosition.of(F1, 4));
        assertThat(bootstraps).hasValue(2);
    }

    @Test
    void withoutACursorTheStoredHistoryIsReplacedFromTheSource() {
        open(LogPosition.of(F1, 4)).apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100));
        SchemaHistory fresh = SchemaHistory.open("test", store(), LogPosition.of(F2, 4), false, bootstrap(F2, 4));
        assertThat(names(fresh)).containsExactly("id");
        assertThat(bootstraps).hasValue(2);
        assertThat(names(open(LogPosition.of(F2, 10)))).containsExactly("id");
    }

    @Test
    void aRowsErrorCanNameTheLastDdlOrWhereTheHistoryBegan() {
        assertThat(open(LogPosition.of(F1, 4)).lastDdl())
                .isEqualTo("none since information_schema at mysql-bin.000001:4");
    }
}
