package io.collector.server.parser.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCheckTest {

    private static ColumnSchema col(String name, int index, String dataType, boolean key) {
        return new ColumnSchema(name, index, dataType, dataType, false, key, null, List.of());
    }

    private static TableSchema table(ColumnSchema... columns) {
        return new TableSchema("db", "t", List.of(columns));
    }

    @Test
    void agreeingSchemasGiveNothing() {
        TableSchema t = table(col("id", 0, "int", true), col("a", 1, "varchar", false));
        assertThat(HistoryCheck.compare(t, table(col("ID", 0, "int", true), col("a", 1, "varchar", false)))).isEmpty();
    }

    @Test
    void eachDisagreementNamesTheColumn() {
        TableSchema history = table(col("id", 0, "int", true), col("a", 1, "int", false), col("b", 2, "int", false));
        TableSchema binlog = table(col("id", 0, "int", false), col("b", 1, "int", false), col("a", 2, "int", false));
        assertThat(HistoryCheck.compare(history, binlog)).containsExactly(
                "column 0: history 'id int primary key', binlog 'id int'",
                "column 1: history 'a int', binlog 'b int'",
                "column 2: history 'b int', binlog 'a int'");
    }

    @Test
    void aDifferentColumnCountIsOneDisagreement() {
        assertThat(HistoryCheck.compare(table(col("id", 0, "int", true)),
                table(col("id", 0, "int", true), col("x", 1, "int", false))))
                .containsExactly("history has 1 columns [id], binlog has 2 [id, x]");
    }
}
