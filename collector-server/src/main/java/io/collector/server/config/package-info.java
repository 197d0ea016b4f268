/**
 * Reading the configuration: {@code collector.properties} and each destination's
 * {@code instance.properties} ({@link io.collector.server.config.ConfigLoader}), Canal key aliases, placeholders,
 * system property and environment overrides, validation with errors that name key, value and file, and the
 * server-wide settings records ({@code ServerConfig}, {@code ZkConfig}, {@code AdminConfig}, {@code MetaConfig}).
 * It builds the settings records that components own, so it may import those components' records: {@code
 * instance} ({@code InstanceConfig}, {@code RestartPolicy}), {@code parser}, {@code parser.convert}, {@code
 * sink.filter}, {@code store}, {@code meta}, {@code net.handler} and {@code publish.kafka}, plus {@code error};
 * no component package imports {@code config} except {@code admin}, {@code savepoint} (key names) and the
 * composition root.
 */
package io.collector.server.config;
