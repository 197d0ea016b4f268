package io.collector.server.sink.filter;

import static io.collector.server.entry.TestEvents.begin;
import static io.collector.server.entry.TestEvents.ddl;
import static io.collector.server.entry.TestEvents.end;
import static io.collector.server.entry.TestEvents.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventTypeFilterTest {

    private static final Map<String, ChangeEvent> EVENTS = Map.of(
            "insert", row(1, "db", "t", EventType.INSERT),
            "update", row(2, "db", "t", EventType.UPDATE),
            "delete", row(3, "db", "t", EventType.DELETE),
            "ddl", ddl(4, "db", "t", EventType.ALTER, "alter table t add c int"),
            "truncate", ddl(5, "db", "t", EventType.TRUNCATE, "truncate t"),
            "dcl", ddl(6, "db", "", EventType.QUERY, "grant select on db.* to u"),
            "queryDml", row(7, "db", "t", EventType.QUERY),
            "begin", begin(8),
            "end", end(9));

    private static final EventTypeFilter INSERT = new EventTypeFilter(true, false, false, false, false, false);
    private static final EventTypeFilter UPDATE = new EventTypeFilter(false, true, false, false, false, false);
    private static final EventTypeFilter DELETE = new EventTypeFilter(false, false, true, false, false, false);
    private static final EventTypeFilter DDL = new EventTypeFilter(false, false, false, true, false, false);
    private static final EventTypeFilter DCL = new EventTypeFilter(false, false, false, false, true, false);
    private static final EventTypeFilter QUERY_DML = new EventTypeFilter(false, false, false, false, false, true);
    private static final EventTypeFilter ALL = new EventTypeFilter(true, true, true, true, true, true);

    static Stream<Arguments> dropped() {
        return Stream.of(
                Arguments.of("drop insert", INSERT, "insert"),
                Arguments.of("drop update", UPDATE, "update"),
                Arguments.of("drop delete", DELETE, "delete"),
                Arguments.of("drop ddl", DDL, "ddl,truncate"),
                Arguments.of("drop dcl", DCL, "dcl"),
                Arguments.of("drop query dml", QUERY_DML, "queryDml"),
                Arguments.of("drop everything", ALL, "insert,update,delete,ddl,truncate,dcl,queryDml"),
                Arguments.of("drop nothing", EventTypeFilter.none(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dropped")
    void dropsExactlyTheFlaggedKinds(String name, EventTypeFilter filter, String droppedKinds) {
        List<String> expected = droppedKinds.isEmpty() ? List.of()
                : List.of(droppedKinds.split(","));
        EVENTS.forEach((kind, event) ->
                assertThat(filter.accepts(event)).as(kind).isEqualTo(!expected.contains(kind)));
    }

    @Test
    void onlyTheFilterWithoutFlagsIsEmpty() {
        assertThat(EventTypeFilter.none().isEmpty()).isTrue();
        assertThat(INSERT.isEmpty()).isFalse();
    }
}
