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
 *
 * <p><b>The key registry.</b> Every key is declared once, as a {@link io.collector.server.config.ConfigKey} constant
 * of {@link io.collector.server.config.ServerKeys} ({@code collector.properties}) or
 * {@link io.collector.server.config.InstanceKeys} ({@code instance.properties}): name, value type with its range or
 * choices (from {@link io.collector.server.config.Validators}), constant default and how the shipped file writes
 * it, Canal aliases (with the unit of a bare Canal number), scope, secrecy and documentation, in the section of
 * the shipped file it belongs to. From it come: the typed reads of the parsers ({@code r.get(KEY)}), the Canal
 * alias lookups ({@link io.collector.server.config.KeyAliases}), redaction in messages
 * ({@link io.collector.server.config.Setting#displayValue}: the declared flag; a guess from the name only for
 * free-form {@code kafka.*} settings and undeclared keys), the unknown-key WARN (a declared key of the file's
 * scope is never unknown), and the shipped commented files, which
 * {@link io.collector.server.config.ConfFileWriter} generates and {@code ShippedConfTest} compares.
 * {@code kafka.*} settings are free-form, passed to the Kafka clients, and checked at start-up against the
 * clients' own definitions.
 *
 * <p><b>Adding a key.</b>
 * <ol>
 *   <li>Declare it in {@code ServerKeys} or {@code InstanceKeys}, in the section where the shipped file should
 *       show it: {@code public static final ConfigKey<Duration> X = ConfigKey.define("collector.x",
 *       duration(min, max)).defaultValue(d, "5s").canal("canal.x").doc("What it does, in [min, max].").in(SECTION);}
 *       Add {@code .secret()} for passwords and tokens, {@code .example(value)} to show it commented out,
 *       {@code .inDestinationOnly(...)} for a destination key whose server-wide default is another key.</li>
 *   <li>Read it where the component's record is built (the parser's small method for that component, e.g.
 *       {@code ServerConfigParser.zk()}): {@code r.get(ServerKeys.X)}, or {@code r.get(KEY, fallback)} when the
 *       default depends on other settings, and pass it to the record's builder.</li>
 *   <li>Regenerate the shipped files: {@code mvn -B -o -q -pl collector-server -am test -Dtest=ShippedConfTest
 *       -Dsurefire.failIfNoSpecifiedTests=false -Dcollector.conf.regenerate=true}, and commit them.</li>
 * </ol>
 * A key written the older way (a {@code String} constant, {@code r.get("collector.x", type, default)} in a
 * parser, text written into the conf file by hand) still reads and is not reported unknown, since the reader
 * remembers keys asked for by name, but {@code ShippedConfTest} fails until the conf file matches the registry.
 * To convert it: replace the constant by a declaration carrying its type and range, default, Canal alias (a line
 * of the former alias table in {@code KeyAliases} becomes {@code .canal(...)}) and the text from the conf file;
 * change the read to {@code r.get(KEY)}; regenerate.
 */
package io.collector.server.config;
