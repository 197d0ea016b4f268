/**
 * Reading a source's binlog into entries: {@link io.collector.server.parser.BinlogEventParser} (one
 * mysql-binlog-connector-java client per destination, start position resolution, source checks, reconnects),
 * transaction assembly and DDL classification ({@link io.collector.server.parser.BinlogEventHandler}), the
 * schema lookup for each TABLE_MAP ({@link io.collector.server.parser.SchemaResolver}) and row conversion,
 * handing entries to an {@link io.collector.server.sink.EventSink}. It may import its sub-packages ({@code
 * parser.source}, {@code parser.schema}, {@code parser.schema.history}, {@code parser.convert}, {@code
 * parser.ddl}), {@code sink} (the contract it hands entries to), {@code entry}, {@code position},
 * {@code lifecycle}, {@code error} and the generated entries; it knows nothing of {@code net}, {@code publish}
 * or {@code ha}.
 */
package io.collector.server.parser;
