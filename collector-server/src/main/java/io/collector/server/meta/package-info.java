/**
 * The meta manager: where each client's acknowledged cursor and open batches are kept, in memory, in a
 * local file or in ZooKeeper ({@link io.collector.server.meta.MetaManager} and its three implementations), with
 * the fencing token ({@link io.collector.server.meta.Fence}) that makes a ZooKeeper write conditional on the
 * leader's epoch. Like {@code store} it depends only on shared value types and contracts: it may import
 * {@code position}, {@code entry}, {@code lifecycle}, {@code files} and {@code error}, never {@code ha},
 * {@code instance} or {@code config} (which imports its file settings).
 */
package io.collector.server.meta;
