package io.collector.server.net.handler;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.NetFixture.DESTINATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.service.ClientIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scramble authentication, requests before it, and subscribing in the authentication packet. */
class AuthenticationTest {

    private NetFixture fixture = new NetFixture(NetFixture.withPassword("canal", "secret"));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theRightUserAndPasswordAreAccepted() throws Exception {
        TestConnection connection = fixture.connect();
        Ack ack = ackOf(connection.request(ClientPackets.auth("canal", "secret", connection.seed())));
        assertThat(ack.getErrorCode()).isZero();
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void aWrongPasswordAnswers400AndCloses() throws Exception {
        TestConnection connection = fixture.connect();
        Ack ack = ackOf(connection.request(ClientPackets.auth("canal", "wrong", connection.seed())));
        assertThat(ack.getErrorCode()).isEqualTo(400);
        assertThat(ack.getErrorMessage()).isEqualTo("auth failed for user:canal");
        assertThat(connection.isOpen()).isFalse();
        TestConnection other = fixture.connect();
        assertThat(ackOf(other.request(ClientPackets.auth("canal", "secret", other.seed()))).getErrorCode()).isZero();
    }

    @Test
    void aTokenForAnotherSeedIsRejected() throws Exception {
        TestConnection first = fixture.connect();
        TestConnection second = fixture.connect();
        Ack ack = ackOf(second.request(ClientPackets.auth("canal", "secret", first.seed())));
        assertThat(ack.getErrorCode()).isEqualTo(400);
    }

    @Test
    void aWrongUserOrNoPasswordIsRejected() throws Exception {
        TestConnection wrongUser = fixture.connect();
        assertThat(ackOf(wrongUser.request(ClientPackets.auth("other", "secret", wrongUser.seed()))).getErrorMessage())
                .isEqualTo("auth failed for user:other");
        TestConnection noPassword = fixture.connect();
        assertThat(ackOf(noPassword.request(ClientPackets.auth("canal", null, noPassword.seed()))).getErrorCode())
                .isEqualTo(400);
        assertThat(noPassword.isOpen()).isFalse();
    }

    @Test
    void withoutAConfiguredUserAnythingIsAccepted() throws Exception {
        fixture.close();
        fixture = new NetFixture(NetFixture.open());
        TestConnection connection = fixture.connect();
        assertThat(ackOf(connection.request(ClientPackets.auth("anyone", "anything", connection.seed())))
                .getErrorCode()).isZero();
    }

    @Test
    void aGetBeforeAuthenticationAnswersAnErrorAndCloses() throws Exception {
        TestConnection connection = fixture.connect();
        Ack ack = ackOf(connection.request(ClientPackets.get(DESTINATION, 10)));
        assertThat(ack.getErrorCode()).isEqualTo(400);
        assertThat(ack.getErrorMessage()).contains("authentication required");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void anUnknownPacketTypeBeforeAuthenticationCloses() throws Exception {
        TestConnection connection = fixture.connect();
        assertThat(ackOf(connection.request(ClientPackets.packet(PacketType.HEARTBEAT, ByteString.EMPTY)))
                .getErrorCode()).isEqualTo(400);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aSecondAuthenticationIsAnUnsupportedRequest() throws Exception {
        TestConnection connection = fixture.connect();
        connection.request(ClientPackets.auth("canal", "secret", connection.seed()));
        Ack again = ackOf(connection.request(ClientPackets.auth("canal", "secret", connection.seed())));
        assertThat(again.getErrorCode()).isEqualTo(400);
        assertThat(again.getErrorMessage()).contains("NOT supported");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void aDestinationInTheAuthenticationPacketSubscribesAtOnce() throws Exception {
        TestConnection connection = fixture.connect();
        ClientAuth auth = ClientAuth.parseFrom(ClientPackets.auth("canal", "secret", connection.seed()).getBody())
                .toBuilder().setDestination(DESTINATION).setClientId("1001").setFilter("db\\..*").build();
        assertThat(ackOf(connection.request(ClientPackets.auth(auth))).getErrorCode()).isZero();
        assertThat(fixture.meta.filter(DESTINATION, "1001")).contains("db\\..*");
        assertThat(fixture.registry.holder(new ClientIdentity(DESTINATION, "1001"))).isPresent();
    }

    @Test
    void anUnknownDestinationInTheAuthenticationPacketAnswers401AndCloses() throws Exception {
        TestConnection connection = fixture.connect();
        ClientAuth auth = ClientAuth.parseFrom(ClientPackets.auth("canal", "secret", connection.seed()).getBody())
                .toBuilder().setDestination("nowhere").setClientId("1001").build();
        Ack ack = ackOf(connection.request(ClientPackets.auth(auth)));
        assertThat(ack.getErrorCode()).isEqualTo(401);
        assertThat(connection.isOpen()).isFalse();
        assertThat(fixture.registry.size()).isZero();
    }
}
