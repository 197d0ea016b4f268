package io.collector.server.instance;

import io.collector.server.error.ConfigException;
import io.collector.server.error.FencedException;
import io.collector.server.error.PoisonEventException;
import io.collector.server.instance.DestinationState.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one destination running: checks it every {@code checkPeriod}, and when it has failed stops it and
 * starts a fresh one after the delay the {@link RestartPolicy} gives, until the policy gives up (then the state
 * is {@link Phase#FAILED} with the last error). A destination that ran healthy for {@code healthyAfter} has its
 * attempt count reset. All work runs on the shared scheduler, never on a caller's thread except
 * {@link #start()} and {@link #stop()}; a failing destination never affects another one.
 */
public final class DestinationSupervisor<D extends Supervisable> {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationSupervisor.class);

    private final String name;
    private final Supplier<D> factory;
    private final RestartPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration checkPeriod;
    private final Duration healthyAfter;
    private D current;
    private DestinationState state;
    private ScheduledFuture<?> task;
    private long startedAtMs;
    private final ArrayDeque<Long> failureTimes = new ArrayDeque<>();
    private volatile Runnable onGiveUp = () -> { };

    public DestinationSupervisor(String name, Supplier<D> factory, RestartPolicy policy,
                                 ScheduledExecutorService scheduler, Clock clock, Duration checkPeriod,
                                 Duration healthyAfter) {
        this.name = name;
        this.factory = factory;
        this.policy = policy;
        this.scheduler = scheduler;
        this.clock = clock;
        this.checkPeriod = checkPeriod;
        this.healthyAfter = healthyAfter;
        this.state = new DestinationState(name, Phase.STOPPED, 0, null, clock.instant());
    }

    public String name() {
        return name;
    }

    /**
     * Runs {@code action} each time the restart policy gives up (the state just became {@link Phase#FAILED}), on
     * the supervisor's thread while it holds its lock: the action must hand real work to another thread.
     */
    public void onGiveUp(Runnable action) {
        this.onGiveUp = action;
    }

    public synchronized DestinationState state() {
        return state;
    }

    /** The running destination, if any. */
    public synchronized Optional<D> current() {
        return state.phase() == Phase.RUNNING ? Optional.ofNullable(current) : Optional.empty();
    }

    /** Starts the destination now and keeps watching it. */
    public synchronized void start() {
        if (state.phase() == Phase.RUNNING || state.phase() == Phase.RESTARTING) {
            return;
        }
        moveTo(Phase.RUNNING, 0, null);
        launch();
    }

    /** Stops the destination and the watching; the state becomes {@code phase} (STOPPED or STANDBY). */
    public synchronized void stop(Phase phase) {
        cancelTask();
        stopCurrent();
        moveTo(phase, 0, null);
    }

    public void stop() {
        stop(Phase.STOPPED);
    }

    private void launch() {
        try {
            current = factory.get();
            current.start();
            startedAtMs = clock.millis();
            task = scheduler.scheduleWithFixedDelay(this::check, checkPeriod.toMillis(), checkPeriod.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private synchronized void check() {
        if (state.phase() != Phase.RUNNING || current == null) {
            return;
        }
        Throwable failure = current.failure();
        if (failure != null) {
            failed(failure);
        } else if (state.attempts() > 0 && clock.millis() - startedAtMs >= healthyAfter.toMillis()) {
            LOG.info("[destination={}] healthy again after {} failed attempts", name, state.attempts());
            moveTo(Phase.RUNNING, 0, null);
        }
    }

    private void failed(Throwable failure) {
        cancelTask();
        stopCurrent();
        int attempt = state.attempts() + 1;
        String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        // a configuration error or an undeliverable event needs a person, and a fenced destination runs
        // elsewhere: no other attempt
        boolean giveUp = failure instanceof ConfigException || failure instanceof FencedException
                || failure instanceof PoisonEventException;
        Optional<Duration> delay = giveUp ? Optional.empty() : policy.delayBefore(attempt, recentFailures());
        if (delay.isEmpty()) {
            LOG.error("[destination={}] FAILED after {} attempts, giving up (restart strategy {}): {}", name,
                    attempt, policy.describe(), error);
            moveTo(Phase.FAILED, attempt, error);
            onGiveUp.run();
            return;
        }
        LOG.warn("[destination={}] failed (attempt {}): {}; restarting in {} ms", name, attempt, error,
                delay.get().toMillis());
        moveTo(Phase.RESTARTING, attempt, error);
        task = scheduler.schedule(this::restart, delay.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Failures within the strategy's failure-rate interval, this one included. */
    private int recentFailures() {
        long now = clock.millis();
        failureTimes.addLast(now);
        while (failureTimes.peekFirst() < now - policy.failureInterval().toMillis()) {
            failureTimes.removeFirst();
        }
        return failureTimes.size();
    }

    private synchronized void restart() {
        if (state.phase() != Phase.RESTARTING) {
            return;
        }
        moveTo(Phase.RUNNING, state.attempts(), state.lastError());
        launch();
    }

    private void moveTo(Phase phase, int attempts, String error) {
        state = new DestinationState(name, phase, attempts, error, clock.instant());
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void stopCurrent() {
        if (current != null) {
            try {
                current.stop();
            } catch (RuntimeException e) {
                LOG.warn("[destination={}] error while stopping: {}", name, e.getMessage(), e);
            }
            current = null;
        }
    }
}
