package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import org.junit.jupiter.api.Test;

class ParserStatsTest {

    private final ParserStats stats = new ParserStats();

    @Test
    void noDelayBeforeTheFirstEvent() {
        assertThat(stats.delayMillis(1_000)).isEqualTo(-1);
    }

    @Test
    void delayIsTheAgeOfTheNewestEventWhenItWasRead() {
        stats.started(header(EventType.WRITE_ROWS, 10_000, 120), 12_500);
        stats.finished();

        assertThat(stats.delayMillis(60_000)).isEqualTo(2_500);
        assertThat(stats.events()).isEqualTo(1);
        assertThat(stats.bytes()).isEqualTo(120);
    }

    @Test
    void delayGrowsWhileTheReaderIsStuckOnAnEvent() {
        stats.started(header(EventType.WRITE_ROWS, 10_000, 50), 10_000);

        assertThat(stats.delayMillis(25_000)).isEqualTo(15_000);
    }

    @Test
    void aHeartbeatMeansLevelWithTheSource() {
        stats.started(header(EventType.WRITE_ROWS, 10_000, 50), 40_000);
        stats.finished();
        stats.started(header(EventType.HEARTBEAT, 0, 40), 45_000);
        stats.finished();

        assertThat(stats.delayMillis(50_000)).isZero();
        assertThat(stats.events()).isEqualTo(2);
        assertThat(stats.bytes()).isEqualTo(90);
    }

    private static EventHeaderV4 header(EventType type, long timestamp, long length) {
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(type);
        h.setTimestamp(timestamp);
        h.setEventLength(length);
        return h;
    }
}
