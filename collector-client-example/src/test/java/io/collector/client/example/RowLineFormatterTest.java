package io.collector.client.example;

import static io.collector.client.testing.TestEntries.column;
import static io.collector.client.testing.TestEntries.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.ChangeRow;
import io.collector.client.ChangeRows;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowLineFormatterTest {

    private final RowLineFormatter formatter = new RowLineFormatter();

    private String line(Entry entry) {
        ChangeRow row = ChangeRows.of(entry).get(0);
        return formatter.format(row);
    }

    @Test
    void insert() {
        assertThat(line(TestEntries.insert(42, "1", "new")))
                .isEqualTo("2024-01-02T03:04:05Z shop.orders INSERT id=1 status=new gid=42");
    }

    @Test
    void updateShowsKeysAndChangedColumns() {
        Entry update = TestEntries.rows("orders", EventType.UPDATE, 43, List.of(row(
                List.of(column(0, "id", "1", true, false), column(1, "status", "new", false, false),
                        column(2, "note", "x", false, false)),
                List.of(column(0, "id", "1", true, false), column(1, "status", "paid", false, true),
                        column(2, "note", "x", false, false)))));
        assertThat(line(update)).isEqualTo("2024-01-02T03:04:05Z shop.orders UPDATE id=1 status: new→paid gid=43");
    }

    @Test
    void deleteShowsTheOldRowWithNulls() {
        Entry delete = TestEntries.rows("orders", EventType.DELETE, 44, List.of(
                row(List.of(column(0, "id", "1", true, false), column(1, "status", null, false, false)), List.of())));
        assertThat(line(delete)).isEqualTo("2024-01-02T03:04:05Z shop.orders DELETE id=1 status=NULL gid=44");
    }

    @Test
    void ddlOnOneLine() {
        assertThat(line(TestEntries.ddl(45, "ALTER TABLE orders\n  ADD note TEXT")))
                .isEqualTo("2024-01-02T03:04:05Z shop.orders DDL ALTER TABLE orders ADD note TEXT gid=45");
    }

    @Test
    void awkwardValuesAreQuotedEscapedAndShortened() {
        String longValue = "y".repeat(150);
        Entry insert = TestEntries.rows("notes", EventType.INSERT, -1, List.of(row(List.of(), List.of(
                column(0, "a", "two words", false, false), column(1, "b", "line\nbreak", false, false),
                column(2, "c", "", false, false), column(3, "d", longValue, false, false)))));
        assertThat(line(insert)).isEqualTo("2024-01-02T03:04:05Z shop.notes INSERT a=\"two words\" b=line\\nbreak c=\"\" "
                + "d=\"" + "y".repeat(100) + "…(150 chars)\"");
    }
}
