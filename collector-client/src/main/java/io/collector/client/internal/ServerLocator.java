package io.collector.client.internal;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Says which server to connect to, asked again before every connect and reconnect. A single-server client
 * returns a fixed address; a cluster client may look up the server running the destination (for example
 * Canal's {@code /otter/canal/destinations/{dest}/running} znode).
 *
 * <p>Called on the client's event loop: an implementation must not block there, and completes the future
 * from any thread when the address is known.
 */
public interface ServerLocator {

    /**
     * Starts looking up the server to connect to.
     *
     * @return the server's address; completed exceptionally when none can be found
     */
    CompletableFuture<InetSocketAddress> locate();

    /**
     * Returns the server the locator would answer right now, without waiting. The client compares it with
     * the server it is connected to whenever the locator signals a change, and right after connecting.
     * Must not block.
     *
     * @return the current server, or empty when the locator does not know one (or never changes its answer)
     */
    default Optional<InetSocketAddress> current() {
        return Optional.empty();
    }

    /**
     * Registers a listener told, from any thread, that {@link #current()} may have changed. Registered once,
     * by the client, before the first {@link #locate()}.
     *
     * @param listener must return quickly
     */
    default void onChange(Runnable listener) {
    }

    /**
     * Returns whether this client may consume now. A cluster locator answers whether the client is the active
     * consumer of its client id; when the answer turns false it signals {@link #onChange}, and the client drops
     * its connection and reconnects through {@link #locate()}, which waits until it is active again.
     *
     * @return true unless another consumer of the client id is the active one
     */
    default boolean active() {
        return true;
    }

    /**
     * Gives up being the active consumer of the client id, so a standby may take over. Called when the client
     * disconnects; a later {@link #locate()} competes again.
     */
    default void release() {
    }

    /**
     * Releases what the locator holds (watches, sessions). Called once when the client is closed.
     */
    default void close() {
    }

    /**
     * Returns a locator that always answers the same address.
     *
     * @param address the server's address, resolved or not
     * @return a fixed locator
     */
    static ServerLocator fixed(InetSocketAddress address) {
        CompletableFuture<InetSocketAddress> answer = CompletableFuture.completedFuture(address);
        return () -> answer;
    }
}
