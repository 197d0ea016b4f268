package io.collector.server.service;

import static io.collector.server.service.LocalCollectorServiceTest.CLIENT;
import static io.collector.server.service.LocalCollectorServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.testing.Async;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canal's get timeouts: -1 at once, other values ≤ 0 until the batch is full, positive up to the timeout. */
@Timeout(30)
class LocalCollectorServiceTimeoutTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final LocalCollectorServiceTest fixture = new LocalCollectorServiceTest();

    @BeforeEach
    void start() {
        fixture.start();
        fixture.service.subscribe(CLIENT, "");
    }

    @AfterEach
    void stop() {
        fixture.stop();
    }

    @ParameterizedTest
    @CsvSource({"-1, MILLISECONDS, 0", "0, SECONDS, 9223372036854775807", "-5, SECONDS, 9223372036854775807",
        "2, SECONDS, 2000000000", "150, MILLISECONDS, 150000000", "9223372036854775807, DAYS, 9223372036854775807"})
    void timeoutsMapToStoreWaits(long timeout, TimeUnit unit, long nanos) {
        assertThat(LocalCollectorService.waitNanos(timeout, unit)).isEqualTo(nanos);
    }

    @Test
    void minusOneReturnsAtOnceWithWhatThereIs() throws InterruptedException {
        fixture.putTransactions(1);

        assertThat(ids(fixture.service.getWithoutAck(CLIENT, 10, -1, TimeUnit.SECONDS))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void zeroWaitsUntilTheBatchIsFull() throws Throwable {
        fixture.putTransactions(1);
        Async<Message> get = Async.start("consumer",
                () -> fixture.service.getWithoutAck(CLIENT, 5, 0, TimeUnit.SECONDS)).awaitBlocked();

        fixture.putTransactions(1);

        assertThat(ids(get.join(LIMIT))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aPositiveTimeoutReturnsWhatThereIsWhenItExpires() throws InterruptedException {
        fixture.putTransactions(1);

        long begin = System.nanoTime();
        Message message = fixture.service.getWithoutAck(CLIENT, 10, 50, TimeUnit.MILLISECONDS);

        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(ids(message)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anInterruptedGetReturnsAnEmptyMessageAndKeepsTheFlag() throws Throwable {
        Async<Boolean> get = Async.start("consumer", () -> {
            Message message = fixture.service.getWithoutAck(CLIENT, 5, 0, TimeUnit.SECONDS);
            return message.batchId() == -1 && Thread.currentThread().isInterrupted();
        }).awaitBlocked();

        get.thread().interrupt();

        assertThat(get.join(LIMIT)).isTrue();
        assertThat(fixture.store.outstandingBatches()).isEmpty();
    }
}
