package io.collector.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CollectorClientBuilderTest {

    private static CollectorClientBuilder valid() {
        return CollectorClientConfig.builder().address("127.0.0.1", 11111).destination("example");
    }

    private static Arguments invalid(String setting, UnaryOperator<CollectorClientBuilder> change, String message) {
        return Arguments.of(setting, change, message);
    }

    static Stream<Arguments> invalidSettings() {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        group.shutdownGracefully();
        return Stream.of(
            invalid("no address", b -> CollectorClientConfig.builder().destination("example"),
                    "address is required: call address(host, port)"),
            invalid("blank host", b -> b.address(" ", 11111), "address host must not be blank"),
            invalid("port 0", b -> b.address("localhost", 0), "address port must be in [1, 65535], got 0"),
            invalid("port 65536", b -> b.address("localhost", 65536), "got 65536"),
            invalid("no destination", b -> b.destination(null), "destination is required: call destination(name)"),
            invalid("blank destination", b -> b.destination("  "), "destination must not be blank"),
            invalid("blank client id", b -> b.clientId(""), "clientId must not be blank"),
            invalid("password without user", b -> b.password("secret"), "password is set but user is not"),
            invalid("zero connect timeout", b -> b.connectTimeout(Duration.ZERO),
                    "connectTimeout must be positive, got PT0S"),
            invalid("negative request timeout", b -> b.requestTimeout(Duration.ofSeconds(-1)),
                    "requestTimeout must be positive, got PT-1S"),
            invalid("missing request timeout", b -> b.requestTimeout(null), "requestTimeout is required"),
            invalid("connect timeout beyond int32", b -> b.connectTimeout(Duration.ofDays(25)),
                    "connectTimeout must be between 1 ms and 2147483647 ms, got PT600H"),
            invalid("net read timeout beyond int32", b -> b.netReadTimeout(Duration.ofDays(30)),
                    "netReadTimeout must be between 1 ms and 2147483647 ms"),
            invalid("sub-millisecond net write timeout", b -> b.netWriteTimeout(Duration.ofNanos(10)),
                    "netWriteTimeout must be between 1 ms"),
            invalid("negative reconnect attempts", b -> b.reconnectPolicy(-1, Duration.ofSeconds(1),
                    Duration.ofSeconds(2)), "reconnectPolicy maxAttempts must be >= 0"),
            invalid("zero backoff", b -> b.reconnectPolicy(3, Duration.ZERO, Duration.ofSeconds(2)),
                    "reconnectPolicy initialBackoff must be positive"),
            invalid("max backoff below initial", b -> b.reconnectPolicy(3, Duration.ofSeconds(2),
                    Duration.ofSeconds(1)), "reconnectPolicy maxBackoff PT1S is shorter than initialBackoff PT2S"),
            invalid("tiny frames", b -> b.maxFrameLength(100), "maxFrameLength must be at least 1024 bytes, got 100"),
            invalid("no threads", b -> b.eventLoopThreads(0), "eventLoopThreads must be >= 1, got 0"),
            invalid("threads and group", b -> b.eventLoopThreads(2).eventLoopGroup(group),
                    "eventLoopThreads and eventLoopGroup are mutually exclusive"),
            invalid("no error listener", b -> b.errorListener(null), "errorListener must not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void buildRefusesInvalidSettings(String setting, UnaryOperator<CollectorClientBuilder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaultsAreCanalLike() {
        CollectorClientConfig config = valid().build();
        assertThat(config.address()).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 11111));
        assertThat(config.clientId()).isEqualTo("1001");
        assertThat(config.user()).isEmpty();
        assertThat(config.hasPassword()).isFalse();
        assertThat(config.netReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.netWriteTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxFrameLength()).isEqualTo(64 * 1024 * 1024);
        assertThat(config.reconnectPolicy().maxAttempts()).isEqualTo(10);
        assertThat(config.eventLoopThreads()).isEqualTo(1);
        assertThat(config.eventLoopGroup()).isEmpty();
    }

    @Test
    void userWithoutPasswordAndZeroReconnectAttemptsAreAllowed() {
        CollectorClientConfig config = valid().user("canal").reconnectPolicy(0, Duration.ofMillis(1),
                Duration.ofMillis(1)).build();
        assertThat(config.user()).isEqualTo("canal");
        assertThat(config.reconnectPolicy().maxAttempts()).isZero();
    }

    @Test
    void configIsASnapshotAndHidesThePassword() {
        CollectorClientBuilder builder = valid().user("canal").password("s3cret");
        CollectorClientConfig config = builder.build();
        builder.destination("other").password("changed");
        assertThat(config.destination()).isEqualTo("example");
        assertThat(config.password()).isEqualTo("s3cret");
        assertThat(config.hasPassword()).isTrue();
        assertThat(config.toString()).contains("password=****").doesNotContain("s3cret");
    }

    @Test
    void aResolvedAddressIsKept() {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 11111);
        assertThat(CollectorClientConfig.builder().address(address).destination("d").build().address())
                .isSameAs(address);
    }
}
