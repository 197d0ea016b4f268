package io.collector.client;

import java.util.concurrent.CompletableFuture;

/**
 * The blocking client's batch asked for ahead ({@link CollectorClientBuilder#prefetch(boolean)}). After a
 * {@code getWithoutAck} returned a full batch (as many entries as asked for: more are probably waiting), the next
 * GET is written at once, without a server wait, so that the server prepares and sends it while the application
 * processes the batch it has. The next {@code getWithoutAck} takes it. A rollback drops it: the server delivers
 * it again, as every unacknowledged batch.
 *
 * <p>Thread-safe. The GET ahead and a rollback are submitted under one lock, so a rollback is always written after
 * any GET ahead it drops, and a GET ahead written after a rollback is never dropped.
 */
final class Prefetcher {

    private final CollectorAsyncClient async;
    private CompletableFuture<Message> ahead;

    Prefetcher(CollectorAsyncClient async) {
        this.async = async;
    }

    /** Takes the batch asked for ahead, if any: each one goes to one caller. */
    synchronized CompletableFuture<Message> take() {
        CompletableFuture<Message> taken = ahead;
        ahead = null;
        return taken;
    }

    /** Asks for the next batch ahead if {@code delivered} filled {@code batchSize} and none is asked for yet. */
    synchronized void after(Message delivered, int batchSize) {
        if (ahead == null && delivered.entries().size() >= batchSize) {
            ahead = async.getWithoutAck(batchSize);
        }
    }

    /**
     * Submits a rollback. One of a batch while a batch is asked for ahead rolls back every unacknowledged batch
     * instead (on the server a rollback has all of them delivered again anyway), so that the batch ahead is
     * delivered again too, even if the one named was delivered before a reconnect (and its rollback skipped).
     */
    synchronized CompletableFuture<Void> rollback(long batchId) {
        if (batchId == Message.EMPTY_BATCH_ID) {
            return async.rollback(batchId);
        }
        boolean dropped = ahead != null;
        ahead = null;
        return async.rollback(dropped ? 0 : batchId);
    }

    /** Drops the batch asked for ahead and disconnects: the next subscription's rollback has it delivered again. */
    synchronized CompletableFuture<Void> disconnect() {
        ahead = null;
        return async.disconnect();
    }
}
