/**
 * Durable local files ({@link io.collector.server.files.DurableFiles}): the write-to-temporary, force and atomic
 * rename that the file-based cursor, savepoint, schema history and snapshot progress stores share. A leaf: it
 * imports no other server package, and any package may import it.
 */
package io.collector.server.files;
