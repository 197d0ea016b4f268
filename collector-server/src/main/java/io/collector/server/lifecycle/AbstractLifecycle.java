package io.collector.server.lifecycle;

import java.util.concurrent.atomic.AtomicReference;

/** A {@link Lifecycle} with the NEW → STARTED → STOPPED state machine; subclasses fill in the work. */
public abstract class AbstractLifecycle implements Lifecycle {

    private enum State { NEW, STARTED, STOPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    @Override
    public final void start() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException(getClass().getSimpleName() + " cannot start from state " + state.get());
        }
        try {
            doStart();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @Override
    public final void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STARTED) {
            doStop();
        }
    }

    @Override
    public final boolean isRunning() {
        return state.get() == State.STARTED;
    }

    protected abstract void doStart();

    protected abstract void doStop();
}
