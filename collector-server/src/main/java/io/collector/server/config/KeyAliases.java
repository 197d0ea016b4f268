package io.collector.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one table of Canal keys we accept, and which of our keys each is read as. A Canal key may stand for a
 * server key and an instance key at once (Canal's {@code canal.properties} holds instance defaults). A few
 * Canal keys have no key of ours but shape a value ({@link #READ_DIRECTLY}). Any other {@code canal.*} key is
 * not supported and is listed, once, in a WARN line.
 *
 * <p>Canal durations are bare integers in the unit Canal uses for that key (milliseconds, or seconds for
 * {@code canal.auto.scan.interval}); ours may carry a unit ({@code 500ms}, {@code 5s}, {@code 2m}).
 */
public final class KeyAliases {

    /** Canal's store memory unit in bytes; with MEMSIZE the byte bound is buffer size × unit. */
    public static final String CANAL_MEMORY_UNIT = "canal.instance.memory.buffer.memunit";
    /** Canal's store batch mode, MEMSIZE (byte bound from memunit) or ITEMSIZE (no byte bound of Canal's). */
    public static final String CANAL_BATCH_MODE = "canal.instance.memory.batch.mode";
    /** Canal's connection charset; we decode each column with its own charset, so only UTF-8 is silent. */
    public static final String CANAL_CONNECTION_CHARSET = "canal.instance.connectionCharset";
    /** Canal's "jump to the latest position when the wanted one is gone": true reads as purged policy latest. */
    public static final String CANAL_AUTO_RESET_LATEST = "canal.auto.reset.latest.pos.mode";
    /** Canal's instance template: file-instance.xml reads as meta mode file, memory-instance.xml as memory. */
    public static final String CANAL_SPRING_XML = "canal.instance.global.spring.xml";

    /** Canal keys read for their effect on a value rather than as an alias of one key. */
    public static final Set<String> READ_DIRECTLY = Set.of(CANAL_MEMORY_UNIT, CANAL_BATCH_MODE,
            CANAL_CONNECTION_CHARSET, CANAL_AUTO_RESET_LATEST, CANAL_SPRING_XML);

    private static final Map<String, List<String>> TABLE = table(
            "canal.ip", ServerKeys.IP,
            "canal.port", ServerKeys.PORT,
            "canal.register.ip", ServerKeys.REGISTER_IP,
            "canal.user", ServerKeys.USER,
            "canal.passwd", ServerKeys.PASSWORD_HASH,
            "canal.zkServers", ServerKeys.ZK_SERVERS,
            "canal.zookeeper.flush.period", ServerKeys.ZK_FLUSH_PERIOD,
            "canal.file.data.dir", ServerKeys.META_DIR,
            "canal.file.flush.period", ServerKeys.META_FLUSH_PERIOD,
            "canal.serverMode", ServerKeys.MODE,
            "canal.destinations", ServerKeys.DESTINATIONS,
            "canal.conf.dir", ServerKeys.CONF_DIR,
            "canal.auto.scan", ServerKeys.AUTO_SCAN,
            "canal.auto.scan.interval", ServerKeys.AUTO_SCAN_INTERVAL,
            "canal.metrics.pull.port", ServerKeys.METRICS_PORT,
            "canal.admin.port", ServerKeys.ADMIN_PORT,
            "canal.admin.user", ServerKeys.ADMIN_USER,
            "canal.admin.passwd", ServerKeys.ADMIN_PASSWORD_HASH,
            "canal.instance.memory.buffer.size", ServerKeys.STORE_CAPACITY_ENTRIES,
            "canal.instance.memory.buffer.size", InstanceKeys.STORE_CAPACITY_ENTRIES,
            "canal.instance.get.ddl.isolation", ServerKeys.STORE_DDL_ISOLATION,
            "canal.instance.get.ddl.isolation", InstanceKeys.STORE_DDL_ISOLATION,
            "canal.instance.master.address", InstanceKeys.SOURCE_ADDRESS,
            "canal.instance.dbUsername", InstanceKeys.SOURCE_USER,
            "canal.instance.dbPassword", InstanceKeys.SOURCE_PASSWORD,
            "canal.instance.mysql.slaveId", InstanceKeys.SOURCE_SERVER_ID,
            "canal.instance.master.sslMode", InstanceKeys.SOURCE_SSL_MODE,
            "canal.instance.master.trustCertificateKeyStoreUrl", InstanceKeys.SOURCE_SSL_TRUST_STORE,
            "canal.instance.master.trustCertificateKeyStorePassword", InstanceKeys.SOURCE_SSL_TRUST_STORE_PASSWORD,
            "canal.instance.master.trustCertificateKeyStoreType", InstanceKeys.SOURCE_SSL_TRUST_STORE_TYPE,
            "canal.instance.master.clientCertificateKeyStoreUrl", InstanceKeys.SOURCE_SSL_KEY_STORE,
            "canal.instance.master.clientCertificateKeyStorePassword", InstanceKeys.SOURCE_SSL_KEY_STORE_PASSWORD,
            "canal.instance.master.clientCertificateKeyStoreType", InstanceKeys.SOURCE_SSL_KEY_STORE_TYPE,
            "canal.instance.standby.address", InstanceKeys.SOURCE_STANDBY_ADDRESSES,
            "canal.instance.detecting.sql", InstanceKeys.SOURCE_DETECT_SQL,
            "canal.instance.detecting.interval.time", InstanceKeys.SOURCE_DETECT_INTERVAL,
            "canal.instance.detecting.retry.threshold", InstanceKeys.SOURCE_DETECT_RETRIES,
            "canal.instance.fallbackIntervalInSeconds", InstanceKeys.SOURCE_FALLBACK_INTERVAL,
            "canal.instance.master.journal.name", InstanceKeys.START_JOURNAL,
            "canal.instance.master.position", InstanceKeys.START_POSITION,
            "canal.instance.master.timestamp", InstanceKeys.START_TIMESTAMP,
            "canal.instance.master.gtid", InstanceKeys.START_GTID,
            "canal.instance.gtidon", InstanceKeys.GTID_MODE,
            "canal.instance.filter.regex", InstanceKeys.FILTER_INCLUDE,
            "canal.instance.filter.black.regex", InstanceKeys.FILTER_EXCLUDE,
            "canal.instance.filter.field", InstanceKeys.FILTER_COLUMNS_INCLUDE,
            "canal.instance.filter.black.field", InstanceKeys.FILTER_COLUMNS_EXCLUDE,
            "canal.instance.filter.dml.insert", InstanceKeys.FILTER_DROP_INSERT,
            "canal.instance.filter.dml.update", InstanceKeys.FILTER_DROP_UPDATE,
            "canal.instance.filter.dml.delete", InstanceKeys.FILTER_DROP_DELETE,
            "canal.instance.filter.query.ddl", InstanceKeys.FILTER_DROP_DDL,
            "canal.instance.filter.query.dcl", InstanceKeys.FILTER_DROP_DCL,
            "canal.instance.filter.query.dml", InstanceKeys.FILTER_DROP_QUERY_DML,
            "canal.mq.servers", ServerKeys.KAFKA_BOOTSTRAP_SERVERS,
            "canal.mq.flatMessage", ServerKeys.KAFKA_FORMAT,
            "canal.mq.canalBatchSize", ServerKeys.KAFKA_BATCH_SIZE,
            "canal.mq.canalGetTimeout", ServerKeys.KAFKA_GET_TIMEOUT,
            "canal.mq.topic", InstanceKeys.KAFKA_TOPIC,
            "canal.mq.dynamicTopic", InstanceKeys.KAFKA_DYNAMIC_TOPIC,
            "canal.mq.partitionHash", InstanceKeys.KAFKA_PARTITION_HASH,
            "canal.mq.partitionsNum", InstanceKeys.KAFKA_PARTITIONS,
            "canal.mq.dynamicTopicPartitionNum", InstanceKeys.KAFKA_TOPIC_PARTITIONS,
            "canal.mq.partition", InstanceKeys.KAFKA_PARTITION);

    /** The unit of a bare number in a Canal duration key, where it is not milliseconds. */
    private static final Map<String, TimeUnit> CANAL_DURATION_UNITS = Map.of(
            "canal.auto.scan.interval", TimeUnit.SECONDS,
            "canal.instance.detecting.interval.time", TimeUnit.SECONDS,
            "canal.instance.fallbackIntervalInSeconds", TimeUnit.SECONDS);

    private KeyAliases() {
    }

    /** The Canal keys read as {@code key}, in table order; empty when it has none. */
    public static List<String> canalKeysFor(String key) {
        return TABLE.getOrDefault(key, List.of());
    }

    /** Whether {@code canalKey} is read as one of our keys, or read directly. */
    public static boolean isSupported(String canalKey) {
        return READ_DIRECTLY.contains(canalKey)
                || TABLE.values().stream().anyMatch(aliases -> aliases.contains(canalKey));
    }

    /** Every (our key, Canal key) pair, for documentation and tests. */
    public static Map<String, List<String>> table() {
        return TABLE;
    }

    /** What a bare number means in {@code key}: milliseconds, except in a few Canal keys. */
    static TimeUnit bareDurationUnit(String key) {
        return CANAL_DURATION_UNITS.getOrDefault(key, TimeUnit.MILLISECONDS);
    }

    private static Map<String, List<String>> table(String... canalThenOurs) {
        Map<String, List<String>> byOurKey = new LinkedHashMap<>();
        for (int i = 0; i < canalThenOurs.length; i += 2) {
            String canal = canalThenOurs[i];
            byOurKey.merge(canalThenOurs[i + 1], List.of(canal),
                    (a, b) -> Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableList()));
        }
        return Collections.unmodifiableMap(byOurKey);
    }
}
