package io.collector.server.publish;

import io.collector.server.position.Cursor;
import java.util.Optional;

/**
 * Where a destination's parser resumes when something other than the client cursors of the meta manager owns
 * the position, e.g. a publisher that commits it together with the data it published.
 */
@FunctionalInterface
public interface PositionSource {

    /**
     * The cursor after the last delivered entry, or empty when nothing was delivered yet (the destination then
     * starts where its configuration says). Called once per start, on the parser's thread; may block until the
     * position is known.
     *
     * @throws InterruptedException if interrupted while waiting (the destination is stopping)
     */
    Optional<Cursor> resumeCursor() throws InterruptedException;
}
