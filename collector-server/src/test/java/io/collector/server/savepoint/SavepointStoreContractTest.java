package io.collector.server.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.savepoint.Savepoint.SavedClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link SavepointStore} does; run against the file and the ZooKeeper store. */
abstract class SavepointStoreContractTest {

    /** A fresh, empty store. */
    abstract SavepointStore store();

    static Savepoint savepoint(String name, long createdAt, boolean automatic) {
        Map<String, SavedClient> clients = new LinkedHashMap<>();
        clients.put("1001", new SavedClient("shop\\..*", new Cursor(
                new LogPosition("mysql-bin.000003", 1234, 7, 1_700_000_000_000L, "0-1-42"), 98765)));
        clients.put("1002", new SavedClient("", null));
        return new Savepoint(name, "example", createdAt, automatic, clients);
    }

    @Test
    void keepsWhatWasSavedAndListsOldestFirst() {
        SavepointStore store = store();
        Savepoint later = savepoint("b-later", 2000, true);
        Savepoint earlier = savepoint("a-earlier", 1000, false);
        store.save(later);
        store.save(earlier);

        assertThat(store.list("example")).containsExactly(earlier, later);
        assertThat(store.find("example", "b-later")).contains(later);
        assertThat(store.find("example", "none")).isEmpty();
        assertThat(store.list("other")).isEmpty();
    }

    @Test
    void refusesAnExistingName() {
        SavepointStore store = store();
        store.save(savepoint("sp", 1000, false));

        assertThatThrownBy(() -> store.save(savepoint("sp", 2000, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sp of destination example exists");
        assertThat(store.find("example", "sp").orElseThrow().createdAtMs()).isEqualTo(1000);
    }

    @Test
    void deletes() {
        SavepointStore store = store();
        store.save(savepoint("sp", 1000, false));

        assertThat(store.delete("example", "sp")).isTrue();
        assertThat(store.delete("example", "sp")).isFalse();
        assertThat(store.list("example")).isEmpty();
    }

    @Test
    void remembersTheAppliedMark() {
        SavepointStore store = store();
        assertThat(store.appliedMark("example")).isEmpty();

        store.markApplied("example", "sp@1000");
        store.markApplied("example", "sp@2000");

        assertThat(store.appliedMark("example")).contains("sp@2000");
    }
}
