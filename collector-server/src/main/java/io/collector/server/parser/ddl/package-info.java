/**
 * A small SQL tokenizer and the DDL/DML classifiers: which Canal event type and table a query
 * event is ({@link io.collector.server.parser.ddl.DdlClassifier}), and the schema changes a CREATE, ALTER or
 * DROP makes ({@link io.collector.server.parser.ddl.SchemaDdlParser}) for the schema history. Pure text
 * processing: it imports nothing of the server but the generated entries' event types.
 */
package io.collector.server.parser.ddl;
