package io.collector.server.sink.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnFilterTest {

    private static final List<String> COLUMNS = List.of("id", "name", "email", "secret");

    private static List<String> kept(ColumnFilter filter, String schema, String table) {
        Optional<Predicate<String>> selection = filter.forTable(schema, table);
        return selection.map(s -> COLUMNS.stream().filter(s).toList()).orElse(COLUMNS);
    }

    @ParameterizedTest(name = "include [{0}] exclude [{1}] on {2}.{3} keeps {4}")
    @CsvSource(delimiter = '|', value = {
        "db.t1:name/email      |                     | db | t1 | name,email",
        "db.t1:NAME/Email      |                     | DB | T1 | name,email",
        "db.t1:name,db.t2:id   |                     | db | t2 | id",
        "db.t1:name            |                     | db | t3 | id,name,email,secret",
        "                      | db.t1:secret/email  | db | t1 | id,name",
        "                      | db.t1:secret        | db | t2 | id,name,email,secret",
        "db.t1:name/secret     | db.t1:secret        | db | t1 | name,secret",
        "db.t1:name            | db.t2:secret        | db | t2 | id,name,email",
        "db.t1:id, db.t1:name  |                     | db | t1 | id,name",
        " db.t1 : id / name    |                     | db | t1 | id,name",
    })
    void followsCanalSemantics(String include, String exclude, String schema, String table, String expected) {
        ColumnFilter filter = ColumnFilter.of(include, exclude);

        assertThat(kept(filter, schema, table)).containsExactly(expected.split(","));
    }

    @Test
    void keyColumnsAreNotKeptUnlessListed() {
        assertThat(kept(ColumnFilter.of("db.t1:name", null), "db", "t1")).containsExactly("name");
    }

    @Test
    void emptyListsFilterNothing() {
        assertThat(ColumnFilter.of("", " ").isEmpty()).isTrue();
        assertThat(ColumnFilter.of(null, null).forTable("db", "t")).isEmpty();
        assertThat(ColumnFilter.none().isEmpty()).isTrue();
        assertThat(ColumnFilter.of("db.t:a", "").isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.t1", "t1:a", ".t1:a", "db.:a", "db.t1:a:b", ":a"})
    void malformedEntriesAreConfigErrors(String entry) {
        assertThatThrownBy(() -> ColumnFilter.of(entry, "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(entry.strip()).hasMessageContaining("schema.table:column");
    }
}
