package io.collector.server.entry;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeEventTest {

    private static final ChangeEvent SERIALIZED = TestEvents.rows(100, "shop", "orders", EventType.UPDATE, List.of(
            RowData.newBuilder().addBeforeColumns(TestEvents.column(0, "id", "1", true))
                    .addAfterColumns(TestEvents.column(0, "id", "2", true)).build(),
            RowData.newBuilder().addAfterColumns(TestEvents.column(0, "id", "3", true)).build()));

    @Test
    void aParsedEventWritesTheSameEntryAsTheSerializedOne() {
        ChangeEvent parsed = TestEvents.parsed(SERIALIZED);

        assertThat(parsed.isParsed()).isTrue();
        assertThat(SERIALIZED.isParsed()).isFalse();
        assertThat(parsed.entry()).isEqualTo(SERIALIZED.entry());
        assertThat(parsed.entry()).as("written once").isSameAs(parsed.entry());
        assertThat(parsed).isEqualTo(SERIALIZED).hasSameHashCodeAs(SERIALIZED);
        assertThat(parsed.rowChange()).isEqualTo(SERIALIZED.rowChange());
        assertThat(parsed.header()).isEqualTo(SERIALIZED.header());
        assertThat(parsed.entryType()).isEqualTo(SERIALIZED.entryType());
        assertThat(parsed.isRowData()).isTrue();
        assertThat(parsed.qualifiedTable()).isEqualTo("shop.orders");
        assertThat(parsed.cursor()).isEqualTo(SERIALIZED.cursor());
    }

    @Test
    void aParsedEventCountsMoreThanItsBytesAndTheSameForItsWholeLife() {
        ChangeEvent parsed = TestEvents.parsed(SERIALIZED);
        int size = parsed.size();

        parsed.entry();

        assertThat(SERIALIZED.size()).isEqualTo(SERIALIZED.entry().getSerializedSize());
        assertThat(size).as("an estimate of the parsed rows' heap").isGreaterThan(3 * SERIALIZED.size())
                .isEqualTo(parsed.size());
    }

    @Test
    void aReplacedRowChangeKeepsTheEventsForm() {
        RowChange fewer = SERIALIZED.rowChange().toBuilder().removeRowDatas(1).build();

        ChangeEvent serialized = SERIALIZED.withRowChange(fewer);
        ChangeEvent parsed = TestEvents.parsed(SERIALIZED).withRowChange(fewer);

        assertThat(serialized.isParsed()).isFalse();
        assertThat(parsed.isParsed()).isTrue();
        assertThat(parsed.rowChange()).isSameAs(fewer);
        assertThat(serialized.rowChange()).isEqualTo(fewer);
        assertThat(parsed).isEqualTo(serialized);
        assertThat(serialized.header()).isEqualTo(SERIALIZED.header());
        assertThat(serialized.globalId()).isEqualTo(100);
    }

    @Test
    void anEncodedEventIsTheSameEntryOverItsBytes() {
        byte[] bytes = SERIALIZED.entry().toByteArray();
        int valueLength = SERIALIZED.entry().getStoreValue().size();
        io.collector.protocol.EntryProtocol.Entry shell = SERIALIZED.entry().toBuilder().clearStoreValue().build();

        ChangeEvent encoded = ChangeEvent.encoded(shell, bytes, bytes.length - valueLength, valueLength,
                SERIALIZED.globalId(), SERIALIZED.position(), SERIALIZED.restart(), false);

        assertThat(encoded.encodedBytes()).isSameAs(bytes);
        assertThat(encoded.size()).isEqualTo(bytes.length).isEqualTo(SERIALIZED.size());
        assertThat(encoded.entry()).isEqualTo(SERIALIZED.entry());
        assertThat(encoded.rowChange()).isEqualTo(SERIALIZED.rowChange());
        assertThat(encoded.rowCount()).isEqualTo(SERIALIZED.rowCount()).isEqualTo(2);
        assertThat(encoded).isEqualTo(SERIALIZED);
        assertThat(encoded.withRowChange(SERIALIZED.rowChange()).entry()).isEqualTo(SERIALIZED.entry());
        assertThat(SERIALIZED.encodedBytes()).isEqualTo(bytes);
    }
}
