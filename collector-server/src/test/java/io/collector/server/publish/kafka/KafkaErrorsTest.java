package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.error.CollectorException;
import io.collector.server.error.ConfigException;
import io.collector.server.error.FencedException;
import io.collector.server.publish.kafka.KafkaErrors.Kind;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaErrorsTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new ProducerFencedException("newer producer"), Kind.FENCED),
                Arguments.of(new org.apache.kafka.common.errors.RecordTooLargeException("too big"), Kind.TOO_LARGE),
                Arguments.of(new KafkaException("error state",
                        new org.apache.kafka.common.errors.RecordTooLargeException("too big")), Kind.TOO_LARGE),
                Arguments.of(new KafkaException("error state", new ProducerFencedException("x")), Kind.FENCED),
                Arguments.of(new InterruptException(new InterruptedException()), Kind.INTERRUPTED),
                Arguments.of(new InterruptedException(), Kind.INTERRUPTED),
                Arguments.of(new KafkaException("Failed to construct kafka producer",
                        new org.apache.kafka.common.config.ConfigException("bad")), Kind.CONFIG),
                Arguments.of(new ConfigException("ours"), Kind.CONFIG),
                Arguments.of(new TimeoutException("expired"), Kind.RETRIABLE),
                Arguments.of(new NotEnoughReplicasException("isr"), Kind.RETRIABLE),
                Arguments.of(new UnknownTopicOrPartitionException("gone"), Kind.RETRIABLE),
                Arguments.of(new TopicAuthorizationException("acl"), Kind.RETRIABLE),
                Arguments.of(new InvalidProducerEpochException("bumped"), Kind.RETRIABLE),
                Arguments.of(new IllegalStateException("closed"), Kind.RETRIABLE));
    }

    @ParameterizedTest
    @MethodSource("table")
    void classifies(Throwable error, Kind kind) {
        assertThat(KafkaErrors.classify(error)).isEqualTo(kind);
    }

    @Test
    void translatesToWhatThePublisherActsOn() {
        Thread.interrupted();
        assertThat(KafkaErrors.translate("d", "x", new ProducerFencedException("p"))).isInstanceOf(FencedException.class)
                .hasMessageContaining("destination d");
        assertThat(KafkaErrors.translate("d", "sending", new TimeoutException("t")))
                .isInstanceOf(CollectorException.class).hasMessage("sending: TimeoutException: t")
                .matches(e -> ((CollectorException) e).retriable());
        assertThat(KafkaErrors.translate("d", "x", new InterruptException(new InterruptedException())))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
