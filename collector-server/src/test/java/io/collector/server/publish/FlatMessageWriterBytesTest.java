package io.collector.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FlatMessageWriter} writes the same bytes as the Jackson-based writer it replaced
 * ({@link JacksonFlatMessageWriter}), for values that need every kind of escaping, in both entry forms (values
 * as strings and as UTF-8 bytes), for whole entries, row subsets and DDL.
 */
class FlatMessageWriterBytesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_123_456L), ZoneOffset.UTC);
    /** Quotes, backslashes, every control character, DEL, 2- and 3-byte UTF-8, a surrogate pair, lone surrogates. */
    private static final List<String> HARD = List.of("", "plain", "q\"uote", "back\\slash", "/slash",
            "\u007f", controlCharacters(), "é", "€uro", "日本語", "emoji \uD83D\uDE00 pair", "lone \uD800 high",
            "lone \uDC00 low",
            "x".repeat(5000) + "é" + "\n".repeat(3000), "mixed \t\"é\u0001\uD83D\uDE00\\");

    private final FlatMessageWriter writer = new FlatMessageWriter(CLOCK);
    private final JacksonFlatMessageWriter reference = new JacksonFlatMessageWriter(CLOCK);

    private static String controlCharacters() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 32; c++) {
            s.append(c);
        }
        return s.toString();
    }

    static Stream<String> hardValues() {
        return HARD.stream();
    }

    private static Column col(int index, String name, String value, boolean key, boolean updated) {
        Column.Builder c = Column.newBuilder().setIndex(index).setSqlType(index == 0 ? -5 : 12).setName(name)
                .setIsKey(key).setUpdated(updated).setMysqlType(index == 0 ? "bigint(20)" : "varchar(20)");
        return value == null ? c.setIsNull(true).build() : c.setIsNull(false).setValue(value).build();
    }

    private static RowData update(String id, String before, String after) {
        return RowData.newBuilder()
                .addBeforeColumns(col(0, "id", id, true, false)).addBeforeColumns(col(1, "v\"é", before, false, false))
                .addBeforeColumns(col(2, "n", null, false, false))
                .addAfterColumns(col(0, "id", id, true, false))
                .addAfterColumns(col(1, "v\"é", after, false, !String.valueOf(before).equals(after)))
                .addAfterColumns(col(2, "n", null, false, false)).build();
    }

    private void assertSameBytes(ChangeEvent event, int[] rows) {
        for (ChangeEvent form : List.of(event, TestEvents.parsed(event))) {
            EntryRows entry = EntryRows.of(form);
            byte[] expected = reference.write(entry, 42, rows);
            assertThat(new String(writer.write(entry, 42, rows), StandardCharsets.UTF_8))
                    .as("parsed form: %s", entry.valuesAreStrings())
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(writer.write(entry, 42, rows)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("hardValues")
    void anInsertOfAHardValueIsWrittenAsJacksonWroteIt(String value) {
        assertSameBytes(TestEvents.insert(77, "shop", "orders", col(0, "id", "-9223372036854775808", true, true),
                col(1, "v\"é", value, false, true), col(2, "n", null, false, true)), null);
    }

    @ParameterizedTest
    @MethodSource("hardValues")
    void anUpdateSubsetAndItsOldValuesAreWrittenAsJacksonWroteThem(String value) {
        ChangeEvent event = TestEvents.rows(Long.MAX_VALUE - 10, "sh\"op", "t\\é", EventType.UPDATE,
                List.of(update("1", value, "x"), update("2", "same", "same"), update("3", null, value)));

        assertSameBytes(event, null);
        assertSameBytes(event, new int[] {0, 2});
        assertSameBytes(event, new int[] {1});
    }

    @ParameterizedTest
    @MethodSource("hardValues")
    void aDeleteAndADdlAreWrittenAsJacksonWroteThem(String value) {
        assertSameBytes(TestEvents.rows(5, "shop", "t", EventType.DELETE,
                List.of(RowData.newBuilder().addBeforeColumns(col(0, "id", "7", true, false))
                        .addBeforeColumns(col(1, "v", value, false, false)).build())), null);
        assertSameBytes(TestEvents.ddl(9, "shop", value, EventType.ALTER, "ALTER TABLE t COMMENT '" + value + "'"),
                null);
    }

    @org.junit.jupiter.api.Test
    void manyRowsOfRandomTextAreWrittenAsJacksonWroteThem() {
        Random random = new Random(17);
        List<RowData> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(RowData.newBuilder().addAfterColumns(col(0, "id", Long.toString(random.nextLong()), true, true))
                    .addAfterColumns(col(1, "v\"é", randomText(random), false, true))
                    .addAfterColumns(col(2, "n", random.nextBoolean() ? null : randomText(random), false, true))
                    .build());
        }
        assertSameBytes(TestEvents.rows(1, "shop", "orders", EventType.INSERT, rows), null);
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) {
            s.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(128);
                case 1 -> (char) (0x80 + random.nextInt(0x780));
                case 2 -> (char) (0x800 + random.nextInt(0xd000));
                default -> new String(Character.toChars(0x10000 + random.nextInt(0x1000)));
            });
        }
        return s.toString();
    }
}
