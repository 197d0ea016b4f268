package io.collector.server.publish;

import io.collector.server.entry.EntryForm;
import io.collector.server.lifecycle.Lifecycle;

/**
 * Takes batches from a destination's store on its own thread, delivers them to an external system and
 * acknowledges each store batch only once the system confirmed all of it, so the destination's position never
 * passes undelivered data. Delivery failures are retried with backoff and shown in {@link #status()}; only a
 * failure that retrying cannot cure stops it, and {@link #failure()} then says why.
 *
 * <p>As a {@link PositionSource} it tells the destination where to resume.
 */
public interface Publisher extends Lifecycle, PositionSource {

    /** The error that stopped publishing for good, or null while it publishes or retries. */
    Throwable failure();

    /** What the publisher is doing now, for the supervisor, logs and the admin interface. Thread-safe. */
    PublisherStatus status();

    /** The form in which it reads entries fastest; the parser hands them on in this form. */
    EntryForm entryForm();
}
