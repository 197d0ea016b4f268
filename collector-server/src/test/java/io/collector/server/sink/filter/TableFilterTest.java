package io.collector.server.sink.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableFilterTest {

    @ParameterizedTest(name = "include [{0}] exclude [{1}]: {2} -> {3}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        ".*\\..*            ;                     ; db.t          ; true",
        "                   ;                     ; db.t          ; true",
        "null               ; null                ; db.t          ; true",
        "test\\..*          ;                     ; test.orders   ; true",
        "test\\..*          ;                     ; other.orders  ; false",
        "test\\..*          ;                     ; testx.orders  ; false",
        "test\\.t1          ;                     ; test.t10      ; false",
        "test\\.t1          ;                     ; xtest.t1      ; false",
        "test\\.t1          ;                     ; TEST.T1       ; true",
        "TEST\\.T1          ;                     ; test.t1       ; true",
        "a\\..*,b\\.x       ;                     ; b.x           ; true",
        "a\\..*,b\\.x       ;                     ; b.y           ; false",
        " a\\..* , b\\.x    ;                     ; b.x           ; true",
        "a\\.x|b\\.y        ;                     ; b.y           ; true",
        "a\\.x|b\\.y        ;                     ; a.xb.y        ; false",
        "db\\.(t1|t2)       ;                     ; db.t2         ; true",
        ".*\\..*            ; db\\.secret         ; db.secret     ; false",
        ".*\\..*            ; db\\.secret         ; db.public     ; true",
        ".*\\..*            ; mysql\\..*,db\\.x   ; mysql.user    ; false",
        "                   ; DB\\.SECRET         ; db.secret     ; false",
        "db\\..*            ; db\\.tmp_.*         ; db.tmp_1      ; false",
        "db\\..*            ; db\\.tmp_.*         ; db.orders     ; true",
    })
    void followsCanalSemantics(String include, String exclude, String table, boolean expected) {
        assertThat(TableFilter.of(include, exclude).accepts(table)).isEqualTo(expected);
    }

    @Test
    void schemaAndTableAreJoinedWithADot() {
        TableFilter filter = TableFilter.of("shop\\.orders", "");

        assertThat(filter.accepts("shop", "orders")).isTrue();
        assertThat(filter.accepts("shop", "items")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"db.a1, true", "db.b, false", "other.a1, false", "db.a_secret, false"})
    void aNarrowedFilterPassesOnlyWhatBothPass(String table, boolean expected) {
        TableFilter destination = TableFilter.of("db\\..*", "db\\..*secret");
        TableFilter client = TableFilter.of("db\\.a.*,other\\..*", "");

        assertThat(destination.narrow(client).accepts(table)).isEqualTo(expected);
    }

    @Test
    void narrowingByAnEmptyClientFilterChangesNothing() {
        TableFilter destination = TableFilter.of("db\\..*", "");

        TableFilter narrowed = destination.narrow(TableFilter.of("", ""));

        assertThat(narrowed.accepts("db.x")).isTrue();
        assertThat(narrowed.accepts("other.x")).isFalse();
    }

    @Test
    void acceptAllAcceptsEverything() {
        assertThat(TableFilter.acceptAll().accepts("any.thing")).isTrue();
        assertThat(TableFilter.acceptAll().narrow(TableFilter.of("a\\..*", "")).accepts("b.c")).isFalse();
    }

    @Test
    void anInvalidExpressionIsAConfigErrorNamingIt() {
        assertThatThrownBy(() -> TableFilter.of("db\\..*,bad(", ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("\"bad(\"");
    }
}
