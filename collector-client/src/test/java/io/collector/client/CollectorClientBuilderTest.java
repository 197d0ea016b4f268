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

    private static CollectorClientBuilder cluster(String connectString) {
        return CollectorClientConfig.builder().zookeeper(connectString).destination("example");
    }

    private static Arguments invalid(String setting, UnaryOperator<CollectorClientBuilder> change, String message) {
        return Arguments.of(setting, change, message);
    }

    static Stream<Arguments> invalidSettings() {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        group.shutdownGracefully();
        return Stream.of(
            invalid("neither address nor zookeeper", b -> CollectorClientConfig.builder().destination("example"),
                    "address or zookeeper is required: call address(host, port) to use one server, "
                    + "or zookeeper(connectString)"),
            invalid("both address and zookeeper", b -> b.zookeeper("zk:2181"),
                    "address and zookeeper are mutually exclusive: address 127.0.0.1:11111 names one server, "
                    + "zookeeper \"zk:2181\" finds the server running the destination; call only one of them"),
            invalid("zookeeper session timeout with an address", b -> b.zookeeperSessionTimeout(Duration.ofSeconds(5)),
                    "zookeeperSessionTimeout and zookeeperConnectionTimeout apply only to a cluster client"),
            invalid("zookeeper connection timeout with an address",
                    b -> b.zookeeperConnectionTimeout(Duration.ofSeconds(5)),
                    "zookeeperSessionTimeout and zookeeperConnectionTimeout apply only to a cluster client"),
            invalid("blank zookeeper", b -> cluster(" "), "zookeeper must be \"host:port[,host:port...][/chroot]\""),
            invalid("zookeeper with spaces", b -> cluster("zk1:2181, zk2:2181"), "got \"zk1:2181, zk2:2181\""),
            invalid("zookeeper port 0", b -> cluster("zk1:0"), "zookeeper must be"),
            invalid("zookeeper empty host", b -> cluster("zk1:2181,,zk2:2181"), "zookeeper must be"),
            invalid("zookeeper chroot with trailing slash", b -> cluster("zk1:2181/collector/"), "zookeeper must be"),
            invalid("zero zookeeper session timeout", b -> cluster("zk1").zookeeperSessionTimeout(Duration.ZERO),
                    "zookeeperSessionTimeout must be positive, got PT0S"),
            invalid("zookeeper connection timeout beyond int32",
                    b -> cluster("zk1").zookeeperConnectionTimeout(Duration.ofDays(30)),
                    "zookeeperConnectionTimeout must be between 1 ms and 2147483647 ms"),
            invalid("zookeeper connection timeout above session timeout",
                    b -> cluster("zk1").zookeeperSessionTimeout(Duration.ofSeconds(10))
                            .zookeeperConnectionTimeout(Duration.ofSeconds(20)),
                    "zookeeperConnectionTimeout PT20S is longer than zookeeperSessionTimeout PT10S"),
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
            invalid("no error listener", b -> b.errorListener(null), "errorListener must not be null"),
            invalid("two trust sources", b -> b.tlsTrustedCertificates(java.nio.file.Path.of("ca.pem"))
                    .tlsTrustStore(java.nio.file.Path.of("trust.p12"), null),
                    "tlsTrustedCertificates and tlsTrustStore are mutually exclusive"),
            invalid("client certificate without TLS", b -> b.tlsClientCertificate(java.nio.file.Path.of("c.pem"),
                    java.nio.file.Path.of("c.key")), "tlsClientCertificate needs TLS"),
            invalid("unreadable trust file", b -> b.tlsTrustedCertificates(java.nio.file.Path.of("/nonexistent.pem")),
                    "cannot set up TLS with trust /nonexistent.pem"));
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
        assertThat(config.address()).contains(InetSocketAddress.createUnresolved("127.0.0.1", 11111));
        assertThat(config.zookeeper()).isEmpty();
        assertThat(config.clientId()).isEqualTo("1001");
        assertThat(config.user()).isEmpty();
        assertThat(config.hasPassword()).isFalse();
        assertThat(config.netReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.netWriteTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxFrameLength()).isEqualTo(256 * 1024 * 1024);
        assertThat(config.reconnectPolicy().maxAttempts()).isEqualTo(10);
        assertThat(config.eventLoopThreads()).isEqualTo(1);
        assertThat(config.eventLoopGroup()).isEmpty();
        assertThat(config.prefetch()).as("fetching ahead is opt-in").isFalse();
        assertThat(valid().prefetch(true).build().prefetch()).isTrue();
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
                .containsSame(address);
    }

    @Test
    void aClusterClientHasZooKeeperSettingsAndNoAddress() {
        CollectorClientConfig config = cluster("zk1:2181,zk2,[::1]:2181/collector").build();
        assertThat(config.address()).isEmpty();
        assertThat(config.zookeeper()).contains("zk1:2181,zk2,[::1]:2181/collector");
        assertThat(config.zookeeperSessionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.zookeeperConnectionTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.toString()).contains("zookeeper=zk1:2181,zk2,[::1]:2181/collector")
                .doesNotContain("address=");
        CollectorClientConfig tuned = cluster("zk1:2181").zookeeperSessionTimeout(Duration.ofSeconds(5))
                .zookeeperConnectionTimeout(Duration.ofSeconds(5)).build();
        assertThat(tuned.zookeeperSessionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tuned.zookeeperConnectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theLastTargetSetterDoesNotUnsetTheOther() {
        assertThatThrownBy(() -> cluster("zk1:2181").address("127.0.0.1", 11111).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mutually exclusive");
        assertThat(cluster("zk1:2181").address(null).build().zookeeper()).contains("zk1:2181");
    }
}
