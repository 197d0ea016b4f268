/**
 * Table schemas as the parser labels rows with them: {@link
 * io.collector.server.parser.schema.TableSchema} and {@link io.collector.server.parser.schema.ColumnSchema}, MySQL
 * column type codes and names, charset names, the schema built from a TABLE_MAP's FULL metadata, the live
 * {@code information_schema} reader and the check of a history schema against the binlog's. It may import
 * {@code parser.source} (the SQL connection {@code information_schema} is read over) and {@code error}; not
 * {@code parser} or {@code parser.schema.history}, which build on it.
 */
package io.collector.server.parser.schema;
