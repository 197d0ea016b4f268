package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.RestartPolicy;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.instance.DestinationSupervisor;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Damaged binlog files on a real MariaDB: a byte flipped inside a rows event (its CRC32 no longer matches)
 * and a compressed rows event whose zlib data is broken under a valid checksum. Each is read again a bounded
 * number of times, then the supervised destination is FAILED, naming file:offset, header and cause.
 */
class PoisonEventIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE poison_db");
        db.executeIn("poison_db", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(1000))");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void checksumMismatchIsReadOnceMoreThenFailsTheDestination() throws IOException {
        Damaged damaged = writeAndDamage("Write_rows_v1", false);
        String error = failedDestination("crc", damaged.file(), 3);
        assertThat(error).contains("[destination=crc] cannot read the event at " + damaged.at())
                .contains("eventType=WRITE_ROWS").contains("CRC32 checksum mismatch")
                .contains("2 attempts").contains("mysqlbinlog --verify-binlog-checksum");
    }

    @Test
    void undecodableCompressedEventIsRetriedAsConfiguredThenFailsTheDestination() throws IOException {
        db.setGlobal("log_bin_compress", "ON");
        Damaged damaged;
        try {
            damaged = writeAndDamage("Write_rows_compressed_v1", true);
        } finally {
            db.setGlobal("log_bin_compress", "OFF");
        }
        String error = failedDestination("zlib", damaged.file(), 2);
        assertThat(error).contains("[destination=zlib] cannot read the event at " + damaged.at())
                .contains("typeCode=166").contains("zlib").contains("3 attempts");
    }

    private record Damaged(String file, long offset) {
        String at() {
            return file + ":" + offset;
        }
    }

    /**
     * Writes a good row then a row of {@code type} into a file of their own, closes it, and damages the second
     * row's event: a payload byte flipped, with the checksum fixed up when {@code fixChecksum}.
     */
    private static Damaged writeAndDamage(String type, boolean fixChecksum) throws IOException {
        db.flushLogs();
        String file = db.masterStatus().file();
        db.executeIn("poison_db", "INSERT INTO t VALUES (" + nextId() + ", 'good')",
                "INSERT INTO t VALUES (" + nextId() + ", '" + "z".repeat(600) + "')");
        db.flushLogs();
        List<Map<String, Object>> events = db.query("SHOW BINLOG EVENTS IN '" + file + "'").stream()
                .filter(e -> type.equals(e.get("Event_type"))).toList();
        Map<String, Object> victim = events.get(events.size() - 1);
        long pos = ((Number) victim.get("Pos")).longValue();
        long end = ((Number) victim.get("End_log_pos")).longValue();
        try (RandomAccessFile f = new RandomAccessFile(db.dataDir().resolve(file).toFile(), "rw")) {
            long middle = pos + (end - pos) * 3 / 4;
            f.seek(middle);
            int b = f.read();
            f.seek(middle);
            f.write(b ^ 0x5a);
            if (fixChecksum) {
                byte[] event = new byte[(int) (end - pos)];
                f.seek(pos);
                f.readFully(event);
                CRC32 crc = new CRC32();
                crc.update(event, 0, event.length - 4);
                f.seek(end - 4);
                for (int i = 0; i < 4; i++) {
                    f.write((int) (crc.getValue() >>> (8 * i)) & 0xff);
                }
            }
        }
        return new Damaged(file, pos);
    }

    private static int nextId() {
        return ++lastId;
    }

    private static int lastId;

    /** Runs a supervised destination from {@code file} until it is FAILED; returns its last error. */
    private static String failedDestination(String name, String file, int decodeRetries) {
        ParserConfig base = Pipeline.parserConfig(db, name, StartConfig.at(file, 4));
        ParserConfig parser = base.toBuilder().gtidMode(false).retry(Duration.ofMillis(50), Duration.ofMillis(100))
                .decodeRetries(decodeRetries).build();
        InstanceConfig config = new InstanceConfig(name, parser, SinkFilters.none(), StoreConfig.defaults());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        // a restart policy that would try forever: the poison event must end it anyway
        DestinationSupervisor<Destination> supervisor = new DestinationSupervisor<>(name,
                () -> new Destination(config, meta), RestartPolicy.exponentialDelay(Duration.ofMillis(50),
                Duration.ofMillis(100), RestartPolicy.UNLIMITED, Duration.ofMinutes(1)), scheduler, Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMinutes(1));
        try {
            supervisor.start();
            Await.until("destination " + name + " FAILED", WAIT, () -> supervisor.state().phase() == Phase.FAILED);
            assertThat(supervisor.state().attempts()).isEqualTo(1);
            return supervisor.state().lastError();
        } finally {
            supervisor.stop();
            scheduler.shutdownNow();
            meta.stop();
        }
    }
}
