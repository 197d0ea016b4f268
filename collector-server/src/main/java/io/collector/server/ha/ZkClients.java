package io.collector.server.ha;

import io.collector.server.error.CollectorException;
import io.collector.server.lifecycle.NamedThreadFactory;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's {@link CuratorFramework} from plain settings. Every client built here
 *
 * <ul>
 *   <li>treats only a lost session as lost leadership ({@link SessionConnectionStateErrorPolicy}): a suspended
 *       connection keeps the leader latch, and {@link DestinationElection} pauses delivery meanwhile;</li>
 *   <li>creates missing parents as PERSISTENT znodes, as Canal does (not as containers);</li>
 *   <li>runs Curator's own threads as {@code <threadPrefix>-N} (default {@code collector-zk-N});</li>
 *   <li>with digest credentials {@code user:password}: authenticates with them, and gives every znode it creates
 *       the ACL "all rights for that user, read for anyone" ({@link #digestAcl}), so Canal's clients, which do not
 *       authenticate, can still read the discovery znodes; without credentials znodes are open to all.</li>
 * </ul>
 */
public final class ZkClients {

    private static final Logger LOG = LoggerFactory.getLogger(ZkClients.class);

    private ZkClients() {
    }

    /** A builder for a client of {@code connectString} ({@code host:port,...}, optionally with a {@code /chroot}). */
    public static Builder builder(String connectString) {
        return new Builder(connectString);
    }

    /** The ACL of every znode created with {@code userPassword}: all rights for the user, read for anyone. */
    public static List<ACL> digestAcl(String userPassword) {
        try {
            Id user = new Id("digest", DigestAuthenticationProvider.generateDigest(userPassword));
            // not List.of: ZooKeeper asks the list whether it contains null, which List.of answers with an NPE
            return Collections.unmodifiableList(
                    Arrays.asList(new ACL(Perms.ALL, user), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1 digests are not available in this JVM", e);
        }
    }

    /** Settings of one client; every one has a default but the connect string. */
    public static final class Builder {

        private final String connectString;
        private Duration sessionTimeout = Duration.ofSeconds(15);
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private String namespace = "";
        private String digest;
        private RetryPolicy retryPolicy = new ExponentialBackoffRetry(100, 5, 2000);
        private String threadPrefix = "collector-zk";

        private Builder(String connectString) {
            if (connectString == null || connectString.isBlank()) {
                throw new IllegalArgumentException("ZooKeeper connect string must not be blank");
            }
            this.connectString = connectString;
        }

        /** How long the ensemble keeps the session (and its ephemeral znodes) without hearing from us. Default 15 s. */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = positive(timeout, "session timeout");
            return this;
        }

        /** How long one attempt waits for a connection; also the limit of {@link #start()}. Default 5 s. */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = positive(timeout, "connection timeout");
            return this;
        }

        /** A chroot for every path, with or without its leading {@code /}; null or empty for none. */
        public Builder namespace(String chroot) {
            String trimmed = chroot == null ? "" : chroot.strip();
            this.namespace = trimmed.startsWith("/") ? trimmed.substring(1) : trimmed;
            return this;
        }

        /** Digest credentials {@code user:password}; null for none. */
        public Builder digest(String userPassword) {
            if (userPassword != null && (userPassword.indexOf(':') < 1)) {
                throw new IllegalArgumentException("ZooKeeper digest credentials must have the form user:password");
            }
            this.digest = userPassword;
            return this;
        }

        /** How failed operations are retried. Default: exponential backoff from 100 ms, 5 retries, at most 2 s apart. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** The name prefix of Curator's threads. Default {@code collector-zk}. */
        public Builder threadPrefix(String prefix) {
            this.threadPrefix = Objects.requireNonNull(prefix, "threadPrefix");
            return this;
        }

        /** A client that is not started yet. */
        public CuratorFramework build() {
            CuratorFrameworkFactory.Builder curator = CuratorFrameworkFactory.builder()
                    .connectString(connectString)
                    .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                    .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                    .retryPolicy(retryPolicy)
                    .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                    .dontUseContainerParents()
                    .threadFactory(new NamedThreadFactory(threadPrefix));
            if (!namespace.isEmpty()) {
                curator.namespace(namespace);
            }
            if (digest != null) {
                curator.authorization("digest", digest.getBytes(StandardCharsets.UTF_8))
                        .aclProvider(new FixedAclProvider(digestAcl(digest)));
            }
            return curator.build();
        }

        /**
         * Builds and starts a client and waits until it is connected. A watchdog thread
         * ({@code <threadPrefix>-watchdog}) then repairs the client if Curator ever loses track of a working
         * connection ({@link ConnectionWatchdog}); it ends when the client is closed.
         *
         * @throws CollectorException retriable, after closing the client, if no connection came within the
         *                            connection timeout (or the wait was interrupted: the flag is kept)
         */
        /** Logs the session timeout ZooKeeper granted, with a warning when it is longer than the one asked for. */
        private void logConnected(CuratorFramework client) {
            long granted = sessionTimeout.toMillis();
            try {
                granted = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
            } catch (Exception e) {
                LOG.debug("cannot read the granted session timeout", e);
            }
            LOG.info("Connected to ZooKeeper at {}{} (session timeout {} ms)", connectString,
                    namespace.isEmpty() ? "" : " in namespace /" + namespace, granted);
            if (granted > sessionTimeout.toMillis()) {
                LOG.warn("ZooKeeper granted a session timeout of {} ms instead of {} ms (it allows no less than 2 x"
                        + " its tickTime): a failover takes that much longer", granted, sessionTimeout.toMillis());
            }
        }

        public CuratorFramework start() {
            CuratorFramework client = build();
            client.start();
            try {
                if (client.blockUntilConnected(Math.toIntExact(connectionTimeout.toMillis()), TimeUnit.MILLISECONDS)) {
                    ConnectionWatchdog.watch(client, connectionTimeout, threadPrefix + "-watchdog");
                    logConnected(client);
                    return client;
                }
            } catch (InterruptedException e) {
                client.close();
                Thread.currentThread().interrupt();
                throw new CollectorException("Interrupted while connecting to ZooKeeper at " + connectString, true, e);
            }
            client.close();
            throw new CollectorException("Cannot connect to ZooKeeper at " + connectString + " within "
                    + connectionTimeout.toMillis() + " ms", true);
        }

        private static Duration positive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ZooKeeper " + what + " must be positive: " + value);
            }
            return value;
        }
    }

    /** The same ACL for every znode. */
    private record FixedAclProvider(List<ACL> acl) implements ACLProvider {

        @Override
        public List<ACL> getDefaultAcl() {
            return acl;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return acl;
        }
    }
}
