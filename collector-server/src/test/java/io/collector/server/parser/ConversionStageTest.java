package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.testing.Async;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The conversion queue's bound by binlog bytes. */
@Timeout(30)
class ConversionStageTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final CountDownLatch sinkMayRun = new CountDownLatch(1);
    private final List<ChangeEvent> delivered = new CopyOnWriteArrayList<>();

    private void slowSink(List<ChangeEvent> events) {
        try {
            sinkMayRun.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        delivered.addAll(events);
    }

    @Test
    void aSubmitterWaitsWhileTheQueuedBytesWouldExceedTheBound() throws Throwable {
        try (ConversionStage stage = new ConversionStage("test", this::slowSink, 100, 1000)) {
            stage.submit(() -> TestEvents.begin(1), 600);
            stage.submit(() -> TestEvents.begin(2), 300);
            Async<Void> third = Async.<Void>start("reader", () -> {
                stage.submit(() -> TestEvents.begin(3), 200);
                return null;
            }).awaitBlocked();
            assertThat(delivered).isEmpty();
            sinkMayRun.countDown();
            third.join(LIMIT);
            stage.drain();
            assertThat(delivered).extracting(ChangeEvent::globalId).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void anEventLargerThanTheBoundPassesAlone() throws Throwable {
        try (ConversionStage stage = new ConversionStage("test", this::slowSink, 100, 1000)) {
            stage.submit(() -> TestEvents.begin(1), 5000);
            Async<Void> next = Async.<Void>start("reader", () -> {
                stage.submit(() -> TestEvents.begin(2), 1);
                return null;
            }).awaitBlocked();
            sinkMayRun.countDown();
            next.join(LIMIT);
            stage.drain();
            assertThat(delivered).extracting(ChangeEvent::globalId).containsExactly(1L, 2L);
        }
    }
}
