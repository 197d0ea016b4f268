package io.collector.server.net.handler;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static io.collector.server.net.handler.NetFixture.DESTINATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.ClientAuth;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import io.collector.server.service.ClientIdentity;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One connection per client identity, rollback of what a closed connection left, idle timeouts. */
class SessionLifecycleTest {

    private static final ClientIdentity CLIENT = new ClientIdentity(DESTINATION, "1001");

    private NetFixture fixture = new NetFixture(NetFixture.open());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void closingAConnectionRollsBackItsBatchesAndReleasesTheIdentity() throws Exception {
        fixture.putTransactions(2);
        TestConnection first = fixture.subscribed();
        long acked = messagesOf(first.request(ClientPackets.get(DESTINATION, 3))).getBatchId();
        first.send(ClientPackets.ack(DESTINATION, acked));
        messagesOf(first.request(ClientPackets.get(DESTINATION, 3)));
        assertThat(fixture.outstandingBatches()).hasSize(1);
        first.channel.close();
        assertThat(fixture.outstandingBatches()).isEmpty();
        assertThat(fixture.registry.size()).isZero();
        TestConnection second = fixture.subscribed();
        assertThat(messagesOf(second.request(ClientPackets.get(DESTINATION, 10))).getMessagesCount()).isEqualTo(3);
    }

    @Test
    void closingAConnectionWithoutOutstandingBatchesLeavesOthersBatchesAlone() throws Exception {
        fixture.putTransactions(1);
        TestConnection consumer = fixture.subscribed();
        long batch = messagesOf(consumer.request(ClientPackets.get(DESTINATION, 10))).getBatchId();
        TestConnection other = fixture.login();
        assertThat(ackOf(other.request(subscription("1002"))).getErrorCode()).isZero();
        other.channel.close();
        assertThat(fixture.outstandingBatches()).containsExactly(batch);
    }

    @Test
    void aSecondConnectionForTheSameIdentityIsRejectedWhileTheFirstLives() throws Exception {
        fixture.putTransactions(2);
        TestConnection first = fixture.subscribed();
        long batch = messagesOf(first.request(ClientPackets.get(DESTINATION, 3))).getBatchId();
        TestConnection second = fixture.login();
        second.send(ClientPackets.rollback(DESTINATION, 0));
        Ack rejected = ackOf(second.request(ClientPackets.subscribe(DESTINATION, "")));
        assertThat(rejected.getErrorCode()).isEqualTo(400);
        assertThat(rejected.getErrorMessage()).contains("in use by");
        assertThat(ackOf(second.request(ClientPackets.get(DESTINATION, 3))).getErrorCode()).isEqualTo(400);
        assertThat(ackOf(second.request(ClientPackets.ack(DESTINATION, batch))).getErrorCode()).isEqualTo(400);
        assertThat(fixture.outstandingBatches()).containsExactly(batch);
        first.send(ClientPackets.ack(DESTINATION, batch));
        assertThat(first.poll()).isNull();
        first.channel.close();
        assertThat(ackOf(second.request(ClientPackets.subscribe(DESTINATION, ""))).getErrorCode()).isZero();
        assertThat(messagesOf(second.request(ClientPackets.get(DESTINATION, 3))).getMessagesCount()).isEqualTo(3);
    }

    @Test
    void aConnectionMayHoldSeveralIdentities() throws Exception {
        TestConnection connection = fixture.login();
        connection.request(ClientPackets.subscribe(DESTINATION, ""));
        assertThat(ackOf(connection.request(subscription("1002"))).getErrorCode()).isZero();
        assertThat(fixture.registry.size()).isEqualTo(2);
        connection.channel.close();
        assertThat(fixture.registry.size()).isZero();
    }

    @Test
    void anIdleConnectionIsClosedAfterTheServerTimeout() throws Exception {
        TestConnection connection = fixture.connect();
        pass(Duration.ofSeconds(59));
        assertThat(connection.isOpen()).isTrue();
        pass(Duration.ofSeconds(2));
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void trafficKeepsAConnectionOpen() throws Exception {
        TestConnection connection = fixture.subscribed();
        for (int i = 0; i < 5; i++) {
            pass(Duration.ofSeconds(40));
            connection.request(ClientPackets.get(DESTINATION, 1));
        }
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void theClientsReadTimeoutReplacesTheServers() throws Exception {
        TestConnection connection = fixture.connect();
        ClientAuth auth = ClientAuth.parseFrom(ClientPackets.auth("", null, connection.seed()).getBody()).toBuilder()
                .setNetReadTimeout(10_000).build();
        connection.request(ClientPackets.auth(auth));
        pass(Duration.ofSeconds(9));
        assertThat(connection.isOpen()).isTrue();
        pass(Duration.ofSeconds(2));
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aConnectionWaitingForARequestIsNotIdle() throws Exception {
        ManualExecutor pool = new ManualExecutor();
        fixture.close();
        fixture = new NetFixture(NetFixture.open(), pool);
        TestConnection connection = fixture.connect();
        connection.send(ClientPackets.auth(ClientAuth.newBuilder().setUsername("").build()));
        pass(Duration.ofMinutes(5));
        assertThat(connection.isOpen()).isTrue();
        pool.runAll();
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
        pass(Duration.ofSeconds(61));
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void requestsRunInOrderOffTheEventLoopAndABatchTakenAfterCloseIsRolledBack() throws Exception {
        ManualExecutor pool = new ManualExecutor();
        fixture.close();
        fixture = new NetFixture(NetFixture.open(), pool);
        fixture.putTransactions(1);
        TestConnection connection = fixture.connect();
        connection.send(ClientPackets.auth("", null, connection.seed()));
        connection.send(ClientPackets.subscribe(DESTINATION, ""));
        connection.send(ClientPackets.get(DESTINATION, 10));
        assertThat(connection.poll()).isNull();
        assertThat(pool.queued()).isEqualTo(1);
        pool.runAll();
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
        assertThat(messagesOf(connection.next()).getMessagesCount()).isEqualTo(3);
        connection.send(ClientPackets.get(DESTINATION, 10));
        connection.channel.close();
        pool.runAll();
        assertThat(fixture.outstandingBatches()).isEmpty();
        assertThat(fixture.registry.holder(CLIENT)).isEmpty();
    }

    @Test
    void anAckSentJustBeforeClosingStillCounts() throws Exception {
        ManualExecutor pool = new ManualExecutor();
        fixture.close();
        fixture = new NetFixture(NetFixture.open(), pool);
        fixture.putTransactions(1);
        TestConnection connection = fixture.connect();
        connection.send(ClientPackets.auth("", null, connection.seed()));
        connection.send(ClientPackets.subscribe(DESTINATION, ""));
        connection.send(ClientPackets.get(DESTINATION, 10));
        pool.runAll();
        connection.next();
        connection.next();
        long batch = messagesOf(connection.next()).getBatchId();
        connection.send(ClientPackets.ack(DESTINATION, batch));
        connection.channel.close();
        pool.runAll();
        assertThat(fixture.outstandingBatches()).isEmpty();
        assertThat(fixture.meta.cursor(DESTINATION, "1001")).isPresent();
        fixture.subscription().rollback();
        assertThat(fixture.subscription().get(10, 0).isEmpty()).isTrue();
    }

    @Test
    void aConnectionStopsReadingWhileTooManyRequestsWait() throws Exception {
        ManualExecutor pool = new ManualExecutor();
        fixture.close();
        fixture = new NetFixture(NetFixture.open(), pool);
        TestConnection connection = fixture.connect();
        connection.send(ClientPackets.auth("", null, connection.seed()));
        for (int i = 0; i <= Session.MAX_WAITING; i++) {
            connection.send(ClientPackets.ack(DESTINATION, -1));
        }
        assertThat(connection.channel.config().isAutoRead()).isFalse();
        pool.runAll();
        assertThat(connection.channel.config().isAutoRead()).isTrue();
        assertThat(ackOf(connection.next()).getErrorCode()).isZero();
        assertThat(connection.poll()).isNull();
    }

    @Test
    void aRefusingPoolClosesTheConnectionAndReleasesIt() throws Exception {
        fixture.close();
        fixture = new NetFixture(NetFixture.open(), task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        });
        TestConnection connection = fixture.connect();
        connection.send(ClientPackets.auth("", null, connection.seed()));
        assertThat(connection.isOpen()).isFalse();
        assertThat(fixture.sessions.get(0).released().toCompletableFuture().isDone()).isTrue();
    }

    private static Packet subscription(String clientId) {
        return ClientPackets.packet(PacketType.SUBSCRIPTION, Sub.newBuilder().setDestination(DESTINATION)
                .setClientId(clientId).build().toByteString());
    }

    /** Moves the clock and each connection's event loop time, and runs the checks that came due. */
    private void pass(Duration duration) {
        fixture.clock.advance(duration);
        for (Session session : fixture.sessions) {
            EmbeddedChannel channel = (EmbeddedChannel) session.channel();
            channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
        }
    }
}
