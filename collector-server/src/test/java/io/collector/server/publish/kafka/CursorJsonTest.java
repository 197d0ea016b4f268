package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CursorJsonTest {

    @Test
    void roundTrips() {
        Cursor cursor = new Cursor(new LogPosition("mysql-bin.000003", 1234, 1, 1_700_000_000_000L, "0-1-7"), 99L);

        byte[] json = CursorJson.write("example", 42, 5, cursor);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"destination\":\"example\",\"batchId\":42,"
                + "\"committedAt\":5,\"cursor\":{\"position\":{\"journal\":\"mysql-bin.000003\",\"offset\":1234,"
                + "\"serverId\":1,\"timestamp\":1700000000000,\"gtidSet\":\"0-1-7\"},\"globalId\":99}}");
        assertThat(CursorJson.read(json, "t")).isEqualTo(cursor);
    }

    @Test
    void roundTripsTheSourceAndThePartialTransaction() {
        LogPosition at = new LogPosition("mysql-bin.000003", 1234, 1, 1_700_000_000_000L, "0-1-7",
                new SourceStamp("db1:3306", 1, "", 1_699_000_000_000L, 2), "0-1-8", 3);
        Cursor cursor = new Cursor(at, 99L);

        byte[] json = CursorJson.write("example", 42, 5, cursor);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"source\":{\"address\":\"db1:3306\","
                + "\"serverId\":1,\"serverUuid\":\"\",\"binlogCreated\":1699000000000,\"fileShift\":2}",
                "\"txGtid\":\"0-1-8\",\"txIndex\":3");
        assertThat(CursorJson.read(json, "t")).isEqualTo(cursor);
    }

    @Test
    void aCorruptRecordNamesTheTopicAndIsNotRetried() {
        assertThatThrownBy(() -> CursorJson.read("{".getBytes(StandardCharsets.UTF_8), "__positions"))
                .isInstanceOf(CollectorException.class).hasMessageContaining("__positions")
                .matches(e -> !((CollectorException) e).retriable());
    }
}
