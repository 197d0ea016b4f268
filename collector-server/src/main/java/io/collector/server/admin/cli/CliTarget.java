package io.collector.server.admin.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * Where the CLI sends requests and how it authenticates: {@code --url}, else {@code collector.admin.host} and
 * {@code collector.admin.port} of {@code <conf>/collector.properties}; {@code --token}, else
 * {@code COLLECTOR_ADMIN_TOKEN}, else {@code collector.admin.token}; or {@code --user} with {@code --password},
 * else {@code COLLECTOR_ADMIN_PASSWORD}, else {@code collector.admin.password}.
 */
record CliTarget(String url, String authorization) {

    static CliTarget resolve(CliArgs cli, Map<String, String> env) {
        Properties conf = conf(cli);
        String url = cli.has("url") ? cli.option("url") : "http://" + conf.getProperty("collector.admin.host",
                "127.0.0.1").strip() + ":" + port(conf);
        String token = first(cli.option("token"), env.get("COLLECTOR_ADMIN_TOKEN"),
                conf.getProperty("collector.admin.token"));
        String user = first(cli.option("user"), conf.getProperty("collector.admin.user"));
        if (token != null) {
            return new CliTarget(url, "Bearer " + token);
        }
        if (user != null) {
            String password = first(cli.option("password"), env.get("COLLECTOR_ADMIN_PASSWORD"),
                    conf.getProperty("collector.admin.password"));
            if (password == null) {
                throw new CliException(CliException.USAGE, "--user needs --password (or COLLECTOR_ADMIN_PASSWORD)");
            }
            return new CliTarget(url, "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return new CliTarget(url, null);
    }

    private static String port(Properties conf) {
        String port = first(conf.getProperty("collector.admin.port"), conf.getProperty("canal.admin.port"));
        return port == null ? "11110" : port.strip();
    }

    private static Properties conf(CliArgs cli) {
        Properties properties = new Properties();
        if (!cli.has("conf")) {
            return properties;
        }
        Path file = Path.of(cli.option("conf")).resolve("collector.properties");
        if (!Files.isRegularFile(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
