package io.collector.server.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DestinationSupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Unit> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        scheduler.shutdownNow();
    }

    /** A supervisable that fails when told to, or on start when {@code failOnStart}. */
    private final class Unit extends AbstractLifecycle implements Supervisable {
        private final boolean failOnStart;
        private volatile Throwable failure;

        Unit(boolean failOnStart) {
            this.failOnStart = failOnStart;
        }

        @Override
        protected void doStart() {
            started.add(this);
            if (failOnStart) {
                throw new IllegalStateException("cannot reach 127.0.0.1:1");
            }
        }

        @Override
        protected void doStop() {
        }

        @Override
        public Throwable failure() {
            return failure;
        }
    }

    private DestinationSupervisor<Unit> supervisor(RestartPolicy policy, boolean failOnStart) {
        return new DestinationSupervisor<>("d1", () -> new Unit(failOnStart), policy, scheduler, Clock.systemUTC(),
                Duration.ofMillis(10), Duration.ofMillis(200));
    }

    @Test
    void aFailedDestinationIsReplacedByAFreshOne() {
        DestinationSupervisor<Unit> s = supervisor(RestartPolicy.fixedDelay(Duration.ofMillis(20), 3,
                Duration.ofMillis(200)), false);
        s.start();
        Unit first = s.current().orElseThrow();
        first.failure = new IllegalStateException("binlog purged");
        Await.until("a second unit runs", WAIT, () -> started.size() == 2 && s.current().isPresent());
        assertThat(first.isRunning()).isFalse();
        assertThat(s.state().phase()).isEqualTo(Phase.RUNNING);
        assertThat(s.state().attempts()).isEqualTo(1);
        assertThat(s.state().lastError()).isEqualTo("binlog purged");
        Await.until("attempts reset after running healthy", WAIT, () -> s.state().attempts() == 0);
        s.stop();
        assertThat(s.state().phase()).isEqualTo(Phase.STOPPED);
    }

    @Test
    void fixedPolicyGivesUpAfterMaxAttemptsAndReportsTheLastError() {
        DestinationSupervisor<Unit> s = supervisor(RestartPolicy.fixedDelay(Duration.ofMillis(5), 3,
                Duration.ofMillis(200)), true);
        s.start();
        Await.until("given up", WAIT, () -> s.state().phase() == Phase.FAILED);
        // the first start and three restarts all failed
        assertThat(started).hasSize(4);
        assertThat(s.state().attempts()).isEqualTo(4);
        assertThat(s.state().lastError()).isEqualTo("cannot reach 127.0.0.1:1");
        assertThat(s.current()).isEmpty();
    }

    @Test
    void unlimitedPolicyKeepsTrying() {
        AtomicInteger seen = new AtomicInteger();
        DestinationSupervisor<Unit> s = supervisor(RestartPolicy.exponentialDelay(Duration.ofMillis(1),
                Duration.ofMillis(4), RestartPolicy.UNLIMITED, Duration.ofMillis(200)), true);
        s.start();
        Await.until("more than 20 attempts", WAIT, () -> {
            seen.set(started.size());
            return seen.get() > 20;
        });
        assertThat(s.state().phase()).isIn(Phase.RESTARTING, Phase.RUNNING);
        s.stop();
    }

    @Test
    void failureRateGivesUpWhenTooManyFailuresFallInTheInterval() {
        DestinationSupervisor<Unit> s = supervisor(new RestartPolicy(RestartPolicy.Kind.FAILURE_RATE,
                Duration.ofMillis(5), Duration.ofMillis(5), 1, 1, 3, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                true);
        s.start();
        Await.until("given up", WAIT, () -> s.state().phase() == Phase.FAILED);
        // three failures in the interval are allowed, the fourth is one too many
        assertThat(started).hasSize(4);
    }

    @Test
    void noneGivesUpAtTheFirstFailure() {
        DestinationSupervisor<Unit> s = supervisor(new RestartPolicy(RestartPolicy.Kind.NONE, Duration.ofMillis(5),
                Duration.ofMillis(5), 1, 1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1)), true);
        s.start();
        Await.until("given up", WAIT, () -> s.state().phase() == Phase.FAILED);
        assertThat(started).hasSize(1);
        assertThat(s.state().lastError()).isEqualTo("cannot reach 127.0.0.1:1");
    }
}
