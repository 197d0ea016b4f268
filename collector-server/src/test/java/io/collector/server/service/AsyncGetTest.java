package io.collector.server.service;

import static io.collector.server.service.LocalCollectorServiceTest.CLIENT;
import static io.collector.server.service.LocalCollectorServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Gets that wait without a thread: completed by entries arriving, by their timeout, cancelled or failed. */
@Timeout(30)
class AsyncGetTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final LocalCollectorServiceTest fixture = new LocalCollectorServiceTest();
    private final LocalCollectorService service = (LocalCollectorService) fixture.service;

    @BeforeEach
    void start() {
        fixture.start();
        service.subscribe(CLIENT, "");
    }

    @AfterEach
    void stop() {
        fixture.stop();
    }

    @Test
    void aFullBatchThereIsReturnedAtOnce() throws Exception {
        fixture.putTransactions(1);
        CompletableFuture<Message> get = service.get(CLIENT, 3, 0, TimeUnit.SECONDS);
        assertThat(get).isDone();
        assertThat(ids(get.get())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aWaitingGetCompletesWhenTheBatchIsFull() throws Exception {
        fixture.putTransactions(1);
        CompletableFuture<Message> get = service.get(CLIENT, 5, 0, TimeUnit.SECONDS);
        Await.until("the get waits", LIMIT, () -> service.waitingGets() == 1);
        assertThat(get).isNotDone();
        fixture.putTransactions(1);
        assertThat(ids(get.get(10, TimeUnit.SECONDS))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(service.waitingGets()).isZero();
    }

    @Test
    void aPositiveTimeoutReturnsWhatThereIsWhenItExpires() throws Exception {
        fixture.putTransactions(1);
        long begin = System.nanoTime();
        Message message = service.get(CLIENT, 10, 50, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(ids(message)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aThousandWaitingGetsAreCompletedInTurnWithoutLosingEntries() throws Exception {
        List<CompletableFuture<Message>> gets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            gets.add(service.get(CLIENT, 3, 0, TimeUnit.SECONDS));
        }
        Await.until("all wait", LIMIT, () -> service.waitingGets() == 1000);
        fixture.putTransactions(10);
        Await.until("ten are answered", LIMIT, () -> service.waitingGets() == 990);
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<Message> get : gets) {
            if (get.isDone()) {
                ids.addAll(ids(get.get()));
            }
        }
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        gets.forEach(get -> get.cancel(false));
        Await.until("the cancelled ones are forgotten", LIMIT, () -> service.waitingGets() == 0);
    }

    @Test
    void aCancelledGetTakesNothing() throws Exception {
        CompletableFuture<Message> cancelled = service.get(CLIENT, 3, 0, TimeUnit.SECONDS);
        Await.until("the get waits", LIMIT, () -> service.waitingGets() == 1);
        cancelled.cancel(false);
        Await.until("the get is forgotten", LIMIT, () -> service.waitingGets() == 0);
        fixture.putTransactions(1);
        assertThat(ids(service.get(CLIENT, 3, -1, TimeUnit.SECONDS).get())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aStoreStoppingFailsTheWaitingGets() {
        CompletableFuture<Message> get = service.get(CLIENT, 3, 0, TimeUnit.SECONDS);
        Await.until("the get waits", LIMIT, () -> service.waitingGets() == 1);
        fixture.stop();
        assertThatThrownBy(() -> get.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CollectorServiceException.class).hasMessageContaining("not running");
    }
}
