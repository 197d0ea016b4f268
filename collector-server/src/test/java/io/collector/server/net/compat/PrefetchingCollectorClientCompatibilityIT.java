package io.collector.server.net.compat;

import static io.collector.server.net.compat.Entries.ids;
import static io.collector.server.net.compat.Entries.rowsThenEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.CollectorClientBuilder;
import io.collector.server.net.CollectorTcpServer;
import io.collector.server.testing.Await;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite with our SDK fetching ahead ({@link CollectorClientBuilder#prefetch(boolean)}): every
 * get, ack and rollback case of the suite holds with a GET ahead after each full batch (its batches of 2 entries
 * are mostly full), and the batch ahead is really asked for, and dropped and delivered again by a rollback.
 */
class PrefetchingCollectorClientCompatibilityIT extends CollectorClientCompatibilityIT {

    @Override
    protected CollectorClientBuilder configure(CollectorClientBuilder builder) {
        return builder.prefetch(true);
    }

    @Test
    void aFullBatchHasTheNextOneAskedForAheadAndARollbackHasBothDeliveredAgain() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        String destination = destination();
        CompatClient client = connected(server, destination, "");
        insertEach(schema, "t1", 1, 3);
        CompatBatch first = nextBatch(client, 2);
        while (first.entries().size() < 2) {
            client.rollback();
            first = nextBatch(client, 2);
        }
        Await.until("the batch after a full one asked for ahead", WAIT,
                () -> outstandingBatches(destination).size() == 2);

        client.rollback(first.id());
        Await.until("both batches rolled back", WAIT, () -> outstandingBatches(destination).isEmpty());

        List<String> ids = ids(take(client, rowsThenEnd(3)));
        assertThat(ids).containsExactly("1", "2", "3");
        Await.until("every batch acknowledged; the GET ahead of the last full one found nothing", WAIT,
                () -> outstandingBatches(destination).isEmpty());
    }
}
