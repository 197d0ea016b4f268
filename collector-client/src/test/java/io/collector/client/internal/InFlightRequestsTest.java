package io.collector.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.client.CollectorProtocolException;
import io.collector.client.CollectorServerException;
import io.collector.client.ConnectionLostException;
import io.collector.client.Message;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InFlightRequestsTest {

    private final Requests requests = new Requests("example", "1001");
    private final List<CollectorServerException> refusals = new ArrayList<>();
    private final InFlightRequests inFlight = new InFlightRequests(refusals::add);

    private PendingRequest<Message> get() {
        PendingRequest<Message> get = PendingRequest.withReply(requests.get(10, -1), "getWithoutAck", 0,
                reply -> Replies.messages("getWithoutAck", reply));
        assertThat(inFlight.admit(get)).isNull();
        return get;
    }

    private PendingRequest<Void> ack(long batchId) {
        PendingRequest<Void> ack = PendingRequest.withoutReply(requests.ack(batchId), "the ack of batch " + batchId);
        assertThat(inFlight.admit(ack)).isNull();
        return ack;
    }

    private PendingRequest<Void> rollback() {
        PendingRequest<Void> rollback = PendingRequest.withoutReply(requests.rollback(0), "the rollback");
        assertThat(inFlight.admit(rollback)).isNull();
        return rollback;
    }

    /** An ack or rollback written to a connection that negotiated ack replies. */
    private PendingRequest<Void> answered(PendingRequest<Void> request) {
        request.expectReply();
        assertThat(inFlight.admit(request)).isNull();
        return request;
    }

    private static Packet batch(long id) {
        return ServerPackets.messages(id, List.of(TestEntries.insert(id, "1", "new")));
    }

    private static Throwable failure(PendingRequest<?> request) {
        assertThat(request.future()).isCompletedExceptionally();
        try {
            request.future().join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void repliesCompleteRequestsInOrder() {
        PendingRequest<Message> first = get();
        PendingRequest<Message> second = get();
        assertThat(inFlight.dispatch(batch(1))).isTrue();
        assertThat(inFlight.dispatch(batch(2))).isTrue();
        assertThat(first.future().join().batchId()).isEqualTo(1);
        assertThat(second.future().join().batchId()).isEqualTo(2);
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void aReplyAfterAcksMeansTheAcksSucceeded() {
        ack(1);
        ack(2);
        PendingRequest<Message> get = get();
        inFlight.dispatch(batch(3));
        assertThat(get.future().join().batchId()).isEqualTo(3);
        assertThat(inFlight.isEmpty()).isTrue();
        assertThat(refusals).isEmpty();
    }

    @Test
    void errorAfterAnAckWithNothingElseOutstandingFailsTheNextRequestSubmitted() {
        ack(7);
        inFlight.dispatch(ServerPackets.errorAck(400, "batch 7 is not outstanding"));
        assertThat(refusals).singleElement().satisfies(error -> {
            assertThat(error.errorCode()).isEqualTo(400);
            assertThat(error.getMessage()).contains("ack of batch 7", "batch 7 is not outstanding", "rollback()");
        });
        PendingRequest<Message> next = PendingRequest.withReply(requests.get(10, -1), "get", 0,
                reply -> Replies.messages("get", reply));
        assertThat(inFlight.admit(next)).isSameAs(refusals.get(0));
        assertThat(inFlight.isEmpty()).isTrue();
        assertThat(inFlight.admit(get())).isNull();
    }

    @Test
    void errorAfterAnAckFailsTheGetAlreadyOutstandingAndKeepsRepliesAligned() {
        ack(7);
        PendingRequest<Message> get = get();
        PendingRequest<Message> after = get();
        inFlight.dispatch(ServerPackets.errorAck(400, "batch 7 is not outstanding"));
        assertThat(get.future()).isNotDone();
        inFlight.dispatch(batch(8));
        assertThat(failure(get)).isInstanceOf(CollectorServerException.class)
                .hasMessageContaining("ack of batch 7")
                .hasMessageContaining("was dropped, call rollback()");
        inFlight.dispatch(batch(9));
        assertThat(after.future().join().batchId()).isEqualTo(9);
        assertThat(refusals).hasSize(1);
    }

    @Test
    void aRollbackAfterTheRefusedAckSettlesIt() {
        ack(7);
        rollback();
        PendingRequest<Message> get = get();
        inFlight.dispatch(ServerPackets.errorAck(400, "batch 7 is not outstanding"));
        inFlight.dispatch(batch(1));
        assertThat(get.future().join().batchId()).isEqualTo(1);
        assertThat(refusals).hasSize(1);
    }

    @Test
    void aRollbackSubmittedAfterTheRefusalIsSentAndSettlesIt() {
        ack(7);
        inFlight.dispatch(ServerPackets.errorAck(400, "batch 7 is not outstanding"));
        rollback();
        assertThat(inFlight.admit(get())).isNull();
    }

    @Test
    void anErrorWithNoRequestOutstandingIsReportedAndFailsTheNextRequest() {
        inFlight.dispatch(ServerPackets.errorAck(400, "idle for too long"));
        assertThat(refusals).singleElement().extracting(Throwable::getMessage).asString()
                .contains("without a request", "idle for too long");
        PendingRequest<Void> ack = PendingRequest.withoutReply(requests.ack(1), "the ack of batch 1");
        assertThat(inFlight.admit(ack)).isNotNull();
    }

    @Test
    void anErrorAnsweringAGetFailsThatGet() {
        PendingRequest<Message> get = get();
        inFlight.dispatch(ServerPackets.errorAck(401, "not subscribed"));
        assertThat(failure(get)).isInstanceOf(CollectorServerException.class).hasMessageContaining("not subscribed");
        assertThat(refusals).isEmpty();
    }

    @Test
    void aReplyNobodyAskedForIsAProtocolError() {
        assertThatThrownBy(() -> inFlight.dispatch(batch(1))).isInstanceOf(CollectorProtocolException.class);
        ack(1);
        assertThatThrownBy(() -> inFlight.dispatch(ServerPackets.ack())).isInstanceOf(CollectorProtocolException.class);
    }

    @Test
    void aReplyOfTheWrongTypeFailsTheRequestAndIsAProtocolError() {
        PendingRequest<Message> get = get();
        assertThatThrownBy(() -> inFlight.dispatch(ServerPackets.ack())).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("expected MESSAGES");
        assertThat(failure(get)).isInstanceOf(CollectorProtocolException.class);
    }

    @Test
    void aBatchForACancelledGetAsksForAReset() {
        PendingRequest<Message> cancelled = get();
        PendingRequest<Message> emptyCancelled = get();
        cancelled.future().cancel(false);
        emptyCancelled.future().cancel(false);
        assertThat(inFlight.dispatch(batch(1))).isFalse();
        assertThat(inFlight.dispatch(ServerPackets.empty())).isTrue();
    }

    @Test
    void failAllFailsWhatIsOutstanding() {
        PendingRequest<Void> ack = ack(1);
        PendingRequest<Message> get = get();
        ack.written();
        inFlight.failAll(new ConnectionLostException("gone", null));
        assertThat(ack.future()).isCompleted();
        assertThat(failure(get)).isInstanceOf(ConnectionLostException.class);
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void withoutAckRepliesARefusedGetAfterASilentRollbackIsTakenAsTheRollbacksRefusal() {
        rollback();
        PendingRequest<Message> get = get();
        inFlight.dispatch(ServerPackets.errorAck(401, "example has not subscribed"));
        assertThat(refusals).singleElement().extracting(Throwable::getMessage).asString().contains("the rollback");
        assertThat(get.future()).as("the ambiguity left against a Canal server: the get waits on").isNotDone();
    }

    @Test
    void withAckRepliesARefusedGetAfterARollbackFailsTheGetAtOnce() {
        PendingRequest<Void> rollback = answered(PendingRequest.withoutReply(requests.rollback(0), "the rollback"));
        PendingRequest<Message> get = get();
        inFlight.dispatch(ServerPackets.ack());
        assertThat(rollback.future()).isCompleted();
        inFlight.dispatch(ServerPackets.errorAck(401, "example has not subscribed"));
        assertThat(failure(get)).isInstanceOfSatisfying(CollectorServerException.class,
                e -> assertThat(e.errorCode()).isEqualTo(401)).hasMessageContaining("getWithoutAck");
        assertThat(refusals).isEmpty();
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    void withAckRepliesARefusalFailsTheAckItselfAndTheNextReplyIsTheGets() {
        PendingRequest<Void> ack = answered(PendingRequest.withoutReply(requests.ack(7), "the ack of batch 7"));
        PendingRequest<Message> get = get();
        assertThat(ack.future()).as("completes on its reply, not once written").isNotDone();
        inFlight.dispatch(ServerPackets.errorAck(400, "batch 7 is not outstanding"));
        assertThat(failure(ack)).isInstanceOf(CollectorServerException.class).hasMessageContaining("ack of batch 7");
        inFlight.dispatch(batch(8));
        assertThat(get.future().join().batchId()).isEqualTo(8);
        assertThat(refusals).isEmpty();
        assertThat(inFlight.admit(get())).isNull();
    }

    @Test
    void withAckRepliesABatchAnsweringAnAckIsAProtocolError() {
        PendingRequest<Void> ack = answered(PendingRequest.withoutReply(requests.ack(7), "the ack of batch 7"));
        assertThatThrownBy(() -> inFlight.dispatch(batch(8))).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("expected ACK");
        assertThat(failure(ack)).isInstanceOf(CollectorProtocolException.class);
    }
}
