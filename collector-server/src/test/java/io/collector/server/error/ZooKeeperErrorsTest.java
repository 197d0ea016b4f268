package io.collector.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ZooKeeperErrorsTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(KeeperException.create(Code.CONNECTIONLOSS), true),
                Arguments.of(KeeperException.create(Code.OPERATIONTIMEOUT), true),
                Arguments.of(KeeperException.create(Code.SESSIONEXPIRED), true),
                Arguments.of(KeeperException.create(Code.SESSIONMOVED), true),
                Arguments.of(KeeperException.create(Code.REQUESTTIMEOUT), true),
                Arguments.of(KeeperException.create(Code.THROTTLEDOP), true),
                Arguments.of(KeeperException.create(Code.NOAUTH), false),
                Arguments.of(KeeperException.create(Code.AUTHFAILED), false),
                Arguments.of(KeeperException.create(Code.BADARGUMENTS), false),
                Arguments.of(KeeperException.create(Code.NONODE), false),
                Arguments.of(KeeperException.create(Code.NOTEMPTY), false),
                Arguments.of(new IOException("connection reset"), true),
                Arguments.of(new IllegalStateException("Expected state [STARTED] was [STOPPED]"), false),
                Arguments.of(new IllegalArgumentException("Invalid path string"), false));
    }

    @ParameterizedTest
    @MethodSource("table")
    void classifies(Exception cause, boolean retriable) {
        CollectorException wrapped = ZooKeeperErrors.wrap("Cannot write /x", cause);

        assertThat(wrapped.retriable()).isEqualTo(retriable);
        assertThat(wrapped).hasCause(cause).hasMessageStartingWith("Cannot write /x: ");
    }

    @Test
    void anInterruptKeepsTheFlag() {
        CollectorException wrapped = ZooKeeperErrors.wrap("Cannot read /x", new InterruptedException());

        assertThat(Thread.interrupted()).isTrue();
        assertThat(wrapped.retriable()).isTrue();
        assertThat(wrapped).hasMessageContaining("interrupted");
    }

    @Test
    void ourOwnExceptionsPassThrough() {
        FencedException fenced = new FencedException("changed by another server");

        assertThat(ZooKeeperErrors.wrap("Cannot write /x", fenced)).isSameAs(fenced);
    }
}
