package io.collector.server.parser;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.sink.EventSink;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second stage of the parser: builds rows entries (value conversion and protobuf serialization, the
 * costly part) on its own thread {@code collector-<destination>-convert} while the binlog client's thread reads
 * and decodes the next events, and hands every entry to the sink in submission order. The queue between the
 * two is bounded, so a full store still blocks the binlog reader.
 *
 * <p>A failure on the conversion thread is rethrown to the reading thread on its next call; the stage is then
 * dead (a conversion failure is a data problem, not a network one). {@link #drain()} waits until everything
 * submitted reached the sink, so the reader's restart position and last delivered id are exact before it
 * reconnects.
 */
final class ConversionStage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionStage.class);

    private final EventSink sink;
    private final BlockingQueue<Supplier<ChangeEvent>> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Thread worker;
    private long submitted;
    private long done;
    private volatile Throwable failure;
    private volatile boolean aborted;

    ConversionStage(String destination, EventSink sink, int capacity) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::run, "collector-" + destination + "-convert");
        worker.setUncaughtExceptionHandler((t, e) -> LOG.error("[destination={}] conversion thread died", destination, e));
        worker.start();
    }

    /** Queues an entry to build; blocks while the queue is full. */
    void submit(Supplier<ChangeEvent> entry) throws InterruptedException {
        rethrowFailure();
        lock.lock();
        try {
            submitted++;
        } finally {
            lock.unlock();
        }
        while (!queue.offer(entry, 100, TimeUnit.MILLISECONDS)) {
            rethrowFailure();
            checkAborted();
        }
    }

    /**
     * Makes a waiting {@link #submit} or {@link #drain} give up at once (with an {@link InterruptedException})
     * and wakes the conversion thread out of a sink that waits for space: the destination is stopping, so a full
     * store must not hold the reader (and the binlog client's lock it holds in its callback) any longer.
     */
    void abort() {
        aborted = true;
        worker.interrupt();
    }

    private void checkAborted() throws InterruptedException {
        if (aborted) {
            throw new InterruptedException("conversion stage stopped");
        }
    }

    /** Waits until every submitted entry reached the sink. */
    void drain() throws InterruptedException {
        lock.lock();
        try {
            while (done < submitted && failure == null) {
                idle.await(100, TimeUnit.MILLISECONDS);
                checkAborted();
            }
        } finally {
            lock.unlock();
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f != null) {
            throw new IllegalStateException("conversion stopped: " + f.getMessage(), f);
        }
    }

    private void run() {
        try {
            while (true) {
                sink.sink(List.of(queue.take().get()));
                finished();
            }
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        finished();
    }

    private void finished() {
        lock.lock();
        try {
            done++;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
