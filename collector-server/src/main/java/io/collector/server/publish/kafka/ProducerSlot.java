package io.collector.server.publish.kafka;

import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;

/**
 * A sender's current producer. {@link #discard()} drops one a failure left in doubt: closed at once, without
 * waiting for its pending sends (the sender sends them again). {@link #close()} ends a healthy one, giving its
 * pending sends a few seconds.
 */
final class ProducerSlot implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private Producer<byte[], byte[]> producer;

    /** The current producer; null when there is none. */
    Producer<byte[], byte[]> get() {
        return producer;
    }

    /** Makes {@code p} the current producer (there must be none) and returns it. */
    Producer<byte[], byte[]> set(Producer<byte[], byte[]> p) {
        if (producer != null) {
            throw new IllegalStateException("a producer is still in use");
        }
        producer = p;
        return p;
    }

    void discard() {
        if (producer != null) {
            Producer<byte[], byte[]> p = producer;
            producer = null;
            try {
                p.close(Duration.ZERO);
            } catch (RuntimeException e) {
                // already broken: nothing more to release
            }
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            Producer<byte[], byte[]> p = producer;
            producer = null;
            p.close(CLOSE_WAIT);
        }
    }
}
