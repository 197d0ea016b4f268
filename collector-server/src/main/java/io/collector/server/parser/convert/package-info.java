/**
 * Turning binlog bytes into Canal's value texts: the raw event deserializers (rows as raw
 * cells, checksums verified, MariaDB compressed events and MySQL transaction payloads decoded), and the converters
 * of numbers, decimals, temporals, JSON, ENUM/SET and character sets into Canal's text forms. It may import
 * {@code parser.schema} (column types and schemas), {@code error} and the generated entries; nothing else of the
 * server.
 */
package io.collector.server.parser.convert;
