/**
 * The parser's SQL connection to a source database ({@link
 * io.collector.server.parser.source.SourceDatabase}): server variables, binlog files and positions, and queries
 * for the schema readers, over one lazily opened JDBC connection. The bottom of the parser packages: it imports
 * only {@code error}.
 */
package io.collector.server.parser.source;
