package io.collector.server.net.handler;

import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorServiceException;
import java.util.concurrent.TimeUnit;

/** Checks shared by the request handlers. */
final class Requests {

    private static final TimeUnit[] UNITS = {TimeUnit.NANOSECONDS, TimeUnit.MICROSECONDS, TimeUnit.MILLISECONDS,
        TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS, TimeUnit.DAYS};

    private Requests() {
    }

    /** The identity a request names; Canal's 401 when the destination or the client id is empty. */
    static ClientIdentity identity(String destination, String clientId, Object request) {
        if (destination.isEmpty() || clientId.isEmpty()) {
            throw new CollectorServiceException(CollectorServiceException.NOT_SUBSCRIBED,
                    "destination or clientId is null: " + request.toString().replace('\n', ' ').trim());
        }
        return new ClientIdentity(destination, clientId);
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
