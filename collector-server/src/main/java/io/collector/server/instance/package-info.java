/**
 * One destination and its supervision: {@link io.collector.server.instance.Destination} builds and
 * runs parser → sink → store (and a Kafka publisher in kafka mode) from its {@link
 * io.collector.server.instance.InstanceConfig}; {@link io.collector.server.instance.DestinationSupervisor} restarts
 * it by its {@link io.collector.server.instance.RestartPolicy} and reports its state and statistics. As a
 * destination's composition root it may import the component packages a destination consists of ({@code parser},
 * {@code parser.schema.history}, {@code sink}, {@code sink.filter}, {@code store}, {@code meta}, {@code publish},
 * {@code publish.kafka}, {@code service} for the handle clients reach it by) and the shared {@code entry},
 * {@code position}, {@code lifecycle} and {@code error}; never {@code config}, {@code net}, {@code ha} or
 * {@code admin}.
 */
package io.collector.server.instance;
