package io.collector.server.error;

import java.util.Set;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;

/**
 * Turns what a ZooKeeper (Curator) call threw into a {@link CollectorException}: connection and session
 * troubles are retriable, refused operations (no auth, bad arguments) are not, an interrupt is retriable and
 * restores the thread's interrupt flag.
 */
public final class ZooKeeperErrors {

    /** Codes after which the same operation may succeed once the connection is back. */
    static final Set<Code> RETRIABLE = Set.of(Code.CONNECTIONLOSS, Code.OPERATIONTIMEOUT, Code.SESSIONEXPIRED,
            Code.SESSIONMOVED, Code.REQUESTTIMEOUT, Code.THROTTLEDOP, Code.NEWCONFIGNOQUORUM, Code.RECONFIGINPROGRESS);

    private ZooKeeperErrors() {
    }

    /**
     * The exception to throw for {@code cause}; the message is {@code what} (what was being done, with its
     * destination and path) followed by the ZooKeeper error.
     */
    public static CollectorException wrap(String what, Exception cause) {
        if (cause instanceof CollectorException known) {
            return known;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new CollectorException(what + ": interrupted", true, cause);
        }
        return new CollectorException(what + ": " + cause, retriable(cause), cause);
    }

    /** Whether trying the same operation again later may succeed. */
    public static boolean retriable(Throwable cause) {
        if (cause instanceof KeeperException keeper) {
            return RETRIABLE.contains(keeper.code());
        }
        return !(cause instanceof IllegalArgumentException || cause instanceof IllegalStateException);
    }
}
