package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.Scramble411;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.CollectorServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIENTAUTHENTICATION: checks the user and the scrambled password against the server's settings (no user
 * configured accepts anyone), takes the client's {@code net_read_timeout} as idle timeout, subscribes at
 * once when the packet names a destination and client id, and answers ACK. A client that sets
 * {@code ack_replies} (offered in the handshake) has its acks and rollbacks answered on success too
 * ({@link Session#answerAcks()}). A failure answers
 * {@code ACK{400, "auth failed for user:..."}} (or the subscription's error) and closes the connection; after
 * a wrong user or password both come only after {@link io.collector.server.net.handler.NetLimits#authFailureDelay()},
 * and the user name is logged sanitized.
 */
final class AuthenticationHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationHandler.class);
    private static final int MAX_LOGGED_USER = 64;

    private final NetConfig config;
    private final CollectorService service;

    AuthenticationHandler(NetConfig config, CollectorService service) {
        this.config = config;
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        ClientAuth auth = ClientAuth.parseFrom(packet.getBody());
        if (!accepts(auth, session.seed())) {
            String user = sanitized(auth.getUsername());
            LOG.warn("Authentication of user \"{}\" failed on {}", user, session);
            session.reject(CollectorServiceException.GENERIC, "auth failed for user:" + user);
            return;
        }
        session.authenticated(idleTimeout(auth));
        if (auth.getAckReplies()) {
            session.answerAcks();
        }
        try {
            subscribeIfNamed(session, auth);
        } catch (CollectorServiceException e) {
            session.replyErrorAndClose(e.code(), e.getMessage());
            return;
        }
        LOG.debug("User \"{}\" authenticated on {}", auth.getUsername(), session);
        session.reply(Packets.ok());
    }

    /** Canal's rule: no user configured, or the same user with no password configured, or a matching token. */
    boolean accepts(ClientAuth auth, byte[] seed) {
        if (!config.authenticationRequired()) {
            return true;
        }
        if (!config.user().equals(auth.getUsername())) {
            return false;
        }
        if (config.passwordHash().isEmpty()) {
            return true;
        }
        String token = auth.getPassword().toString(StandardCharsets.UTF_8);
        return !token.isEmpty() && Scramble411.matchesHex(token, seed, config.passwordHash());
    }

    /** A user name fit for a log line: at most 64 characters, control and non-ASCII characters as '?'. */
    static String sanitized(String user) {
        StringBuilder clean = new StringBuilder(Math.min(user.length(), MAX_LOGGED_USER + 3));
        for (int i = 0; i < user.length() && i < MAX_LOGGED_USER; i++) {
            char c = user.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return user.length() > MAX_LOGGED_USER ? clean.append("...").toString() : clean.toString();
    }

    private Duration idleTimeout(ClientAuth auth) {
        return auth.getNetReadTimeout() > 0 ? Duration.ofMillis(auth.getNetReadTimeout()) : config.idleTimeout();
    }

    private void subscribeIfNamed(Session session, ClientAuth auth) {
        if (auth.getDestination().isEmpty() || auth.getClientId().isEmpty()) {
            return;
        }
        ClientIdentity client = new ClientIdentity(auth.getDestination(), auth.getClientId());
        Requests.claim(session, client);
        try {
            service.subscribe(client, auth.getFilter());
        } catch (CollectorServiceException e) {
            session.clients().release(client);
            throw e;
        }
    }
}
