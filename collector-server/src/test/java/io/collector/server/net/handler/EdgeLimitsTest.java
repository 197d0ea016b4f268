package io.collector.server.net.handler;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.Scramble411;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames before authentication, the handshake deadline, delayed failed logins, connection caps. */
class EdgeLimitsTest {

    private static final NetLimits LIMITS = new NetLimits(1024, Duration.ofSeconds(10), 3, 2, 1 << 20,
            Duration.ofSeconds(1));

    private final NetFixture fixture = new NetFixture(new NetConfig("127.0.0.1", 0, NetFixture.MAX_FRAME,
            Duration.ofMinutes(1), "canal", Scramble411.passwordHash("secret"), LIMITS));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aFrameAboveTheLimitBeforeAuthenticationCloses() throws Exception {
        TestConnection connection = fixture.connect();
        connection.sendBytes(TestConnection.frame(new byte[1025]));
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void afterAuthenticationTheConfiguredFrameLimitApplies() throws Exception {
        TestConnection connection = fixture.connect();
        assertThat(ackOf(connection.request(ClientPackets.auth("canal", "secret", connection.seed())))
                .getErrorCode()).isZero();
        String filter = "s\\.t" + ",s\\.t".repeat(300);
        assertThat(ClientPackets.subscribe(NetFixture.DESTINATION, filter).getSerializedSize()).isGreaterThan(1024);
        assertThat(ackOf(connection.request(ClientPackets.subscribe(NetFixture.DESTINATION, filter))).getErrorCode())
                .isZero();
        connection.sendBytes(TestConnection.frame(new byte[NetFixture.MAX_FRAME + 1]));
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aConnectionNotAuthenticatedWithinTheHandshakeTimeoutIsClosed() throws Exception {
        TestConnection silent = fixture.connect();
        TestConnection authenticated = fixture.connect();
        assertThat(ackOf(authenticated.request(ClientPackets.auth("canal", "secret", authenticated.seed())))
                .getErrorCode()).isZero();
        pass(silent, Duration.ofSeconds(9));
        assertThat(silent.isOpen()).isTrue();
        pass(silent, Duration.ofSeconds(2));
        pass(authenticated, Duration.ofSeconds(11));
        assertThat(silent.isOpen()).isFalse();
        assertThat(authenticated.isOpen()).isTrue();
    }

    @Test
    void aFailedLoginIsAnsweredOnlyAfterTheDelayWithASanitizedUserName() throws Exception {
        TestConnection connection = fixture.connect();
        connection.send(ClientPackets.auth("evil\n\"user\u00e9", "secret", connection.seed()));
        assertThat(connection.poll()).isNull();
        assertThat(connection.isOpen()).isTrue();
        pass(connection, Duration.ofMillis(1100));
        assertThat(ackOf(connection.next()).getErrorMessage()).isEqualTo("auth failed for user:evil??user?");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aClientIdWithControlCharactersOrTooLongIsRefused() throws Exception {
        TestConnection connection = fixture.connect();
        assertThat(ackOf(connection.request(ClientPackets.auth("canal", "secret", connection.seed())))
                .getErrorCode()).isZero();
        assertThat(ackOf(connection.request(ClientPackets.subscribe(NetFixture.DESTINATION, "10\n01 forged", "")))
                .getErrorMessage()).contains("without control characters");
        assertThat(ackOf(connection.request(ClientPackets.subscribe(NetFixture.DESTINATION, "1".repeat(256), "")))
                .getErrorCode()).isEqualTo(400);
        assertThat(ackOf(connection.request(ClientPackets.subscribe(NetFixture.DESTINATION, "1".repeat(255), "")))
                .getErrorCode()).isZero();
    }

    @Test
    void aLongUserNameIsCutInTheLog() {
        assertThat(AuthenticationHandler.sanitized("u".repeat(500))).isEqualTo("u".repeat(64) + "...");
    }

    @Test
    void connectionsBeyondTheCapsAreClosedAtOnce() throws Exception {
        TestConnection first = fixture.connect();
        fixture.connect();
        EmbeddedChannel third = fixture.channel();
        third.runPendingTasks();
        assertThat(third.isActive()).isFalse();
        first.channel.close();
        assertThat(fixture.connect().isOpen()).isTrue();
    }

    private static void pass(TestConnection connection, Duration duration) {
        connection.channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        connection.channel.runScheduledPendingTasks();
        connection.channel.runPendingTasks();
    }
}
