/**
 * The schema history for sources without full row metadata: an in-memory model of
 * the tables, bootstrapped from {@code information_schema} at the first start position, every DDL from the binlog
 * applied to it, and its snapshots and changes stored with their positions in memory, a local file or ZooKeeper
 * ({@link io.collector.server.parser.schema.history.SchemaHistoryStore}), so the schema at any resume position is
 * rebuilt without asking the live server. It may import {@code parser.schema}, {@code parser.ddl}, {@code
 * parser.source} (the bootstrap's connection), {@code position}, {@code files} and {@code error}; not
 * {@code parser}.
 */
package io.collector.server.parser.schema.history;
