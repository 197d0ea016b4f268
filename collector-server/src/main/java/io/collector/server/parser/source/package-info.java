/**
 * The parser's SQL connection to a source database ({@link
 * io.collector.server.parser.source.SourceDatabase}): server variables, binlog files and positions, and queries
 * for the schema readers, over one lazily opened JDBC connection; and TLS to the source ({@link
 * io.collector.server.parser.source.SourceTls}): the JDBC driver's options ({@link
 * io.collector.server.parser.source.SourceJdbcOptions}) and the binlog client's socket factory ({@link
 * io.collector.server.parser.source.SourceTlsContext}); and the replica server id derived from a name ({@link
 * io.collector.server.parser.source.ServerIds}). The bottom of the parser packages: of the server it
 * imports only {@code error}.
 */
package io.collector.server.parser.source;
