package io.collector.server.sink.filter;

import static io.collector.server.entry.TestEvents.begin;
import static io.collector.server.entry.TestEvents.column;
import static io.collector.server.entry.TestEvents.ddl;
import static io.collector.server.entry.TestEvents.end;
import static io.collector.server.entry.TestEvents.heartbeat;
import static io.collector.server.entry.TestEvents.insert;
import static io.collector.server.entry.TestEvents.row;
import static io.collector.server.entry.TestEvents.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the sink into a real store and reads back what arrived. */
class FilteringEventSinkTest {

    private final MemoryEventStore store = new MemoryEventStore("test", new StoreConfig(1000, 1 << 24, false));

    @BeforeEach
    void start() {
        store.start();
    }

    @AfterEach
    void stop() {
        store.stop();
    }

    private List<ChangeEvent> sinkAndRead(SinkFilters filters, List<ChangeEvent> events)
            throws InterruptedException {
        new FilteringEventSink(filters, store).sink(events);
        return store.get(1000, 0).events();
    }

    private static List<Long> ids(List<ChangeEvent> events) {
        return events.stream().map(ChangeEvent::globalId).toList();
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::getName).toList();
    }

    @Test
    void withoutFiltersEverythingButHeartbeatsPassesInOrder() throws InterruptedException {
        List<ChangeEvent> events = List.of(begin(1), row(2, "db", "t", EventType.INSERT), heartbeat(3), end(4),
                ddl(5, "db", "t", EventType.ALTER, "alter table t add c int"));

        List<ChangeEvent> stored = sinkAndRead(SinkFilters.none(), events);

        assertThat(ids(stored)).containsExactly(1L, 2L, 4L, 5L);
        assertThat(stored.get(1)).isSameAs(events.get(1));
    }

    @Test
    void rowsAndDdlOfRejectedTablesAreDroppedButTransactionsStay() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.of("shop\\..*", "shop\\.audit"), ColumnFilter.none(),
                EventTypeFilter.none());
        List<ChangeEvent> events = List.of(begin(1), row(2, "shop", "orders", EventType.INSERT),
                row(3, "shop", "audit", EventType.INSERT), row(4, "other", "t", EventType.DELETE), end(5),
                ddl(6, "other", "t", EventType.CREATE, "create table t (id int)"),
                ddl(7, "shop", "items", EventType.CREATE, "create table items (id int)"),
                ddl(8, "newdb", "", EventType.QUERY, "create database newdb"),
                row(9, "SHOP", "ORDERS", EventType.UPDATE));

        assertThat(ids(sinkAndRead(filters, events))).containsExactly(1L, 2L, 5L, 7L, 8L, 9L);
    }

    @Test
    void eventTypeFiltersApply() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.acceptAll(), ColumnFilter.none(),
                new EventTypeFilter(false, true, true, true, false, false));
        List<ChangeEvent> events = List.of(begin(1), row(2, "db", "t", EventType.INSERT),
                row(3, "db", "t", EventType.UPDATE), row(4, "db", "t", EventType.DELETE), end(5),
                ddl(6, "db", "t", EventType.ALTER, "alter table t add c int"));

        assertThat(ids(sinkAndRead(filters, events))).containsExactly(1L, 2L, 5L);
    }

    @Test
    void filteredColumnsAreRemovedAndTheRestOfTheEntryKept() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.acceptAll(), ColumnFilter.of("", "db.users:password"),
                EventTypeFilter.none());
        RowData update = RowData.newBuilder()
                .addBeforeColumns(column(0, "id", "1", true)).addBeforeColumns(column(1, "password", "a", false))
                .addAfterColumns(column(0, "id", "1", true)).addAfterColumns(column(1, "password", "b", false))
                .addAfterColumns(column(2, "name", "n", false)).build();
        ChangeEvent original = rows(2, "db", "users", EventType.UPDATE, List.of(update, update));

        ChangeEvent stored = sinkAndRead(filters, List.of(original)).get(0);

        RowChange change = stored.rowChange();
        assertThat(change.getRowDatasCount()).isEqualTo(2);
        assertThat(names(change.getRowDatas(1).getBeforeColumnsList())).containsExactly("id");
        assertThat(names(change.getRowDatas(1).getAfterColumnsList())).containsExactly("id", "name");
        assertThat(change.getRowDatas(0).getAfterColumns(1).getIndex()).isEqualTo(2);
        assertThat(change.getEventType()).isEqualTo(EventType.UPDATE);
        assertThat(stored.entry().getHeader()).isEqualTo(original.entry().getHeader());
        assertThat(stored.cursor()).isEqualTo(original.cursor());
        assertThat(stored.position()).isEqualTo(original.position());
    }

    @Test
    void anIncludeColumnListKeepsOnlyItsColumns() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.acceptAll(), ColumnFilter.of("db.users:NAME", ""),
                EventTypeFilter.none());
        ChangeEvent users = insert(2, "db", "users", column(0, "id", "1", true), column(1, "name", "n", false));
        ChangeEvent other = insert(3, "db", "other", column(0, "id", "1", true), column(1, "name", "n", false));

        List<ChangeEvent> stored = sinkAndRead(filters, List.of(users, other));

        assertThat(names(stored.get(0).rowChange().getRowDatas(0).getAfterColumnsList())).containsExactly("name");
        assertThat(stored.get(1)).isSameAs(other);
    }

    @Test
    void ddlIsNotPrunedByAColumnFilter() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.acceptAll(), ColumnFilter.of("db.t:a", ""),
                EventTypeFilter.none());
        ChangeEvent alter = ddl(1, "db", "t", EventType.ALTER, "alter table t add b int");

        assertThat(sinkAndRead(filters, List.of(alter))).containsExactly(alter);
    }

    @Test
    void nothingLeftPutsNothing() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.of("none\\..*", ""), ColumnFilter.none(),
                EventTypeFilter.none());

        new FilteringEventSink(filters, store).sink(List.of(row(6, "db", "t", EventType.INSERT)));

        assertThat(store.entryCount()).isZero();
    }

    @Test
    void decisionsHoldAcrossCalls() throws InterruptedException {
        SinkFilters filters = new SinkFilters(TableFilter.of("db\\.a", ""), ColumnFilter.none(),
                EventTypeFilter.none());
        FilteringEventSink sink = new FilteringEventSink(filters, store);

        sink.sink(List.of(row(1, "db", "a", EventType.INSERT), row(2, "db", "b", EventType.INSERT)));
        sink.sink(List.of(row(3, "db", "b", EventType.INSERT), row(4, "db", "a", EventType.INSERT)));

        assertThat(ids(store.get(10, 0).events())).containsExactly(1L, 4L);
    }
}
