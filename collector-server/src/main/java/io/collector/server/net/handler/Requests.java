package io.collector.server.net.handler;

import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorServiceException;
import java.util.concurrent.TimeUnit;

/** Checks shared by the request handlers. */
final class Requests {

    private static final TimeUnit[] UNITS = {TimeUnit.NANOSECONDS, TimeUnit.MICROSECONDS, TimeUnit.MILLISECONDS,
        TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS, TimeUnit.DAYS};

    private static final int MAX_NAME = 255;

    private Requests() {
    }

    /** The identity a request names; Canal's 401 when the destination or the client id is empty. */
    static ClientIdentity identity(String destination, String clientId, Object request) {
        if (destination.isEmpty() || clientId.isEmpty()) {
            throw new CollectorServiceException(CollectorServiceException.NOT_SUBSCRIBED,
                    "destination or clientId is null: " + request.toString().replace('\n', ' ').trim());
        }
        if (!printable(destination) || !printable(clientId)) {
            throw new CollectorServiceException(CollectorServiceException.GENERIC, "destination and clientId must "
                    + "be at most " + MAX_NAME + " characters without control characters");
        }
        return new ClientIdentity(destination, clientId);
    }

    /** Names reach the logs: no control characters (no forged log lines), bounded length. */
    private static boolean printable(String name) {
        if (name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Claims {@code client} for the session, or throws 400 while another connection holds it. */
    static void claim(Session session, ClientIdentity client) {
        if (!session.clients().claim(client)) {
            throw session.clients().inUse(client);
        }
    }

    /** Canal's GET unit: 0 ns, 1 µs, 2 ms, 3 s, 4 min, 5 h, 6 days; anything else ms. */
    static TimeUnit unit(int code) {
        return code >= 0 && code < UNITS.length ? UNITS[code] : TimeUnit.MILLISECONDS;
    }
}
