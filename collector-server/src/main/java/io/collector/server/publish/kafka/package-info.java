/**
 * Publishing a destination's changes to Kafka ({@code collector.mode=kafka}): one
 * {@link io.collector.server.publish.kafka.KafkaPublisher} per running destination, on thread
 * {@code collector-<destination>-kafka}.
 *
 * <h2>Loop</h2>
 * Take a store batch; route each published entry (rows, DDL, statements; never transaction begin/end) to its
 * topic ({@link io.collector.server.publish.kafka.TopicRouter}) and its rows to partitions
 * ({@link io.collector.server.publish.kafka.Partitioner}); encode (Canal FlatMessage JSON, or Canal's protobuf
 * packets); deliver; acknowledge the store batch only then. A failed delivery is retried with exponential
 * backoff, the same batch with the same records, forever: no later batch is sent before it, nothing is skipped.
 * The error is logged (WARN per attempt) and shown in the publisher's status (RETRYING).
 *
 * <h2>Ordering and partitioning guarantees</h2>
 * <ul>
 *   <li>All records of a destination come from one producer in binlog order; within a partition, Kafka keeps
 *       that order (idempotent producer, at most 5 requests in flight).</li>
 *   <li>Partitioned by table (the default, or a {@code pattern} rule): every change of a table, rows and DDL, is
 *       in one partition, in binlog order.</li>
 *   <li>Partitioned by primary key ({@code pattern:$pk$}) or columns ({@code pattern:c1^c2}): every change of a
 *       row is in the partition of its key, in binlog order. An entry whose rows hash to several partitions is
 *       split into one message per partition, each with its rows in order. DDL goes to the partition its table
 *       name hashes to.</li>
 *   <li>A primary-key change (an UPDATE whose after-image has another key) is published once, in the partition
 *       of the <b>new</b> key, as Canal does: the new key's history there is complete (the UPDATE is its first
 *       change); the old key's earlier changes stay in the old key's partition, and its history there ends
 *       without the UPDATE. A consumer reading partitions independently may apply the key change before the old
 *       key's last changes; partition by table when a table's keys change and that order matters.</li>
 *   <li>Hashes are Canal's, so a topic written by Canal and by this collector assigns the same partitions.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>at-least-once</b>: idempotent producer, {@code acks=all}; a batch counts once every record was
 *       acknowledged; the cursor after it goes to the meta manager (client {@code kafka}), from which a restart
 *       resumes. After a crash, or a batch whose acknowledgement was lost, records are written again: a
 *       consumer sees a stretch of already seen records repeated, never a gap and never an older record ahead of
 *       a newer one on its first reading.</li>
 *   <li><b>exactly-once</b>: a transactional producer with {@code transactional.id = <prefix><destination>}
 *       (the prefix is {@code collector.kafka.transactional.id.prefix}, {@code collector-} by default).
 *       Each batch's records and its cursor (to the compacted positions topic, keyed by destination) commit in
 *       one transaction; a start first fences every older producer of the destination, then reads the committed
 *       cursor (read_committed) and resumes there. A fenced publisher stops
 *       ({@link io.collector.server.error.FencedException}). {@code read_committed} consumers see every change
 *       exactly once.</li>
 * </ul>
 *
 * <h2>Dependencies</h2>
 * It may import {@code publish}, {@code store} (the batches it drains), {@code meta} (at-least-once cursors),
 * {@code entry}, {@code position}, {@code lifecycle}, {@code error} and the generated entries and packets, besides
 * Kafka's clients; never {@code parser}, {@code net} or {@code ha}.
 */
package io.collector.server.publish.kafka;
