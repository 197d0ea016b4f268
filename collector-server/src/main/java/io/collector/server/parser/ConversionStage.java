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
 * two is bounded by entries and by binlog bytes, so a full store still blocks the binlog reader and a run of
 * large rows holds a bounded amount of memory.
 *
 * <p>A failure on the conversion thread is rethrown to the reading thread on its next call; the stage is then
 * dead (a conversion failure is a data problem, not a network one). {@link #drain()} waits until everything
 * submitted reached the sink, so the reader's restart position and last delivered id are exact before it
 * reconnects.
 */
final class ConversionStage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionStage.class);

    private final EventSink sink;
    private final BlockingQueue<Item> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Condition roomForBytes = lock.newCondition();
    private final long maxBytes;
    private long queuedBytes;
    private final Thread worker;
    private long submitted;
    private long done;
    private volatile Throwable failure;
    private volatile boolean aborted;
    private final String destination;

    /** The destination this stage converts for, for messages. */
    String destination() {
        return destination;
    }

    /** An entry to build and the binlog bytes it holds until it reached the sink. */
    private record Item(Supplier<ChangeEvent> entry, long bytes) {
    }

    /**
     * @param capacity most entries queued
     * @param maxBytes most binlog bytes queued; one event larger than this is still queued, alone
     */
    ConversionStage(String destination, EventSink sink, int capacity, long maxBytes) {
        this.destination = destination;
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::run, "collector-" + destination + "-convert");
        worker.setUncaughtExceptionHandler((t, e) -> LOG.error("[destination={}] conversion thread died", destination, e));
        worker.start();
    }

    /** Queues an entry that holds no binlog data of its own; blocks while the queue is full. */
    void submit(Supplier<ChangeEvent> entry) throws InterruptedException {
        submit(entry, 0);
    }

    /**
     * Queues an entry built from a binlog event of {@code bytes} bytes; blocks while the queue is full by
     * count or by bytes.
     */
    void submit(Supplier<ChangeEvent> entry, long bytes) throws InterruptedException {
        rethrowFailure();
        reserve(bytes);
        Item item = new Item(entry, bytes);
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            rethrowFailure();
            checkAborted();
        }
    }

    private void reserve(long bytes) throws InterruptedException {
        lock.lock();
        try {
            while (queuedBytes > 0 && queuedBytes + bytes > maxBytes) {
                roomForBytes.await(100, TimeUnit.MILLISECONDS);
                rethrowFailure();
                checkAborted();
            }
            queuedBytes += bytes;
            submitted++;
        } finally {
            lock.unlock();
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
                Item item = queue.take();
                sink.sink(List.of(item.entry().get()));
                finished(item.bytes());
            }
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        finished(0);
    }

    private void finished(long bytes) {
        lock.lock();
        try {
            done++;
            queuedBytes -= bytes;
            roomForBytes.signalAll();
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
