package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.error.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declarations themselves: defaults that read back, secrets marked, scopes, documentation, all read at load. */
class ConfigRegistryTest {

    @Test
    void everyDefaultReadsBackFromItsShippedText() {
        List<ConfigKey<?>> withDefaults = ConfigRegistry.keys().stream().filter(k -> k.defaultValue().isPresent())
                .toList();

        assertThat(withDefaults).hasSizeGreaterThan(50).allSatisfy(key -> assertThat(
                key.type().parse(new Setting(key.name(), key.defaultText().orElseThrow(), "test")))
                .as(key.name()).isEqualTo(key.defaultValue().orElseThrow()));
    }

    @Test
    void keysNamedLikeSecretsAreDeclaredSecret() {
        List<ConfigKey<?>> secretNames = ConfigRegistry.keys().stream().filter(k -> {
            String name = k.name().toLowerCase(Locale.ROOT);
            return name.contains("password") || name.contains("token") || name.contains("secret");
        }).toList();

        assertThat(secretNames).hasSizeGreaterThan(5).allSatisfy(k -> assertThat(k.secret()).as(k.name()).isTrue());
        assertThat(Setting.isSecret("collector.zk.auth")).as("declared, not guessed from the name").isTrue();
        assertThat(Setting.isSecret("canal.instance.dbPassword")).isTrue();
        assertThat(Setting.isSecret("kafka.sasl.jaas.config")).as("free-form Kafka setting, by its name").isTrue();
        assertThat(Setting.isSecret("collector.port")).isFalse();
    }

    @Test
    void scopesFollowTheFiles() {
        assertThat(ServerKeys.PORT.scope()).isEqualTo(ConfigKey.Scope.SERVER);
        assertThat(InstanceKeys.SOURCE_ADDRESS.scope()).isEqualTo(ConfigKey.Scope.BOTH);
        assertThat(InstanceKeys.STORE_CAPACITY_ENTRIES.scope()).isEqualTo(ConfigKey.Scope.DESTINATION);
        assertThat(InstanceKeys.SUPERVISE_DELAY.name()).isEqualTo("collector.instance.supervise.delay");
        assertThat(InstanceKeys.SUPERVISE_DELAY.scope()).isEqualTo(ConfigKey.Scope.DESTINATION);
        assertThat(ConfigRegistry.keys()).filteredOn(k -> k.scope() != ConfigKey.Scope.SERVER)
                .allSatisfy(k -> assertThat(k.name()).startsWith(ServerKeys.INSTANCE_PREFIX));
    }

    /** A key without text of its own is listed right below one it shares its text with (cert file, key file). */
    @Test
    void everyKeyIsDocumentedOrSharesTheDocumentAboveIt() {
        List<String> undocumented = new ArrayList<>();
        ConfigRegistry.files().stream().flatMap(f -> f.sections().stream()).forEach(section -> {
            List<ConfigKey<?>> keys = section.keys();
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).doc().isEmpty() && (i == 0 || keys.get(i).line() == ConfigKey.Line.NONE)) {
                    undocumented.add(keys.get(i).name());
                }
            }
        });

        assertThat(undocumented).isEmpty();
        assertThat(ServerKeys.NET_TLS_KEY_FILE.doc()).isEmpty();
        assertThat(ConfFileWriter.render("collector.properties")).contains("""
                relative paths resolve against collector.home.
                #collector.net.tls.cert.file = conf/tls/server.pem
                #collector.net.tls.key.file = conf/tls/server.key
                """);
    }

    /**
     * Every declared key whose type refuses a bad value is read when the server or a destination loads, so a bad
     * value stops the start naming the key: none is first parsed later, when a component starts.
     */
    @Test
    void everyCheckedKeyIsValidatedWhenLoading(@TempDir Path dir) {
        String bad = "bad value @@";
        List<ConfigKey<?>> checked = ConfigRegistry.keys().stream().filter(k -> refuses(k, bad)).toList();
        List<String> notChecked = new ArrayList<>();
        for (ConfigKey<?> key : checked) {
            boolean server = key.scope() == ConfigKey.Scope.SERVER;
            ConfFolder folder = new ConfFolder(dir).server(server ? key.name() + " = " + bad + "\n" : "");
            folder.instance("example", ConfFolder.MINIMAL_INSTANCE + (server ? "" : key.name() + " = " + bad + "\n"));
            ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());
            try {
                loader.loadInstance(dir, "example", loader.load(dir).server());
                notChecked.add(key.name());
            } catch (ConfigException e) {
                if (!e.getMessage().contains(key.name())) {
                    notChecked.add(key.name() + ": " + e.getMessage());
                }
            }
        }

        assertThat(checked).hasSizeGreaterThan(80);
        assertThat(notChecked).isEmpty();
    }

    /**
     * Where a key's type states a range ({@code [1, 65535]}), its documentation states the same one, so the
     * shipped text cannot drift from what is checked.
     */
    @Test
    void documentedRangesAreTheCheckedOnes() {
        Pattern range = Pattern.compile("\\[[^\\]]*, [^\\]]*\\]");
        List<String> drifted = new ArrayList<>();
        String unbounded = String.valueOf(Long.MAX_VALUE);
        for (ConfigKey<?> key : ConfigRegistry.keys()) {
            String allowed = allowed(key, "-99999999999999999999");
            Matcher m = range.matcher(allowed);
            String doc = (key.doc() + " " + key.after()).replace("\n", " ").replaceAll(" +", " ");
            if (m.find() && key.line() != ConfigKey.Line.NONE && !key.doc().isEmpty() && !m.group().contains(unbounded)
                    && writings(m.group()).stream().noneMatch(doc::contains)) {
                drifted.add(key.name() + " checks " + m.group());
            }
        }

        assertThat(drifted).isEmpty();
    }

    /** {@code [a, b]} as documentation may write it: byte counts with a unit, {@code 0ms} as {@code 0}. */
    private static List<String> writings(String range) {
        String[] bounds = range.substring(1, range.length() - 1).split(", ");
        List<String> writings = new ArrayList<>();
        for (String low : forms(bounds[0])) {
            for (String high : forms(bounds[1])) {
                writings.add("[" + low + ", " + high + "]");
            }
        }
        return writings;
    }

    private static List<String> forms(String bound) {
        List<String> forms = new ArrayList<>(List.of(bound));
        if (bound.equals("0ms")) {
            forms.add("0");
        }
        if (bound.matches("\\d+")) {
            long n = Long.parseLong(bound);
            for (String unit : List.of("g", "m", "k")) {
                long size = unit.equals("g") ? 1L << 30 : unit.equals("m") ? 1L << 20 : 1L << 10;
                if (n >= size && n % size == 0) {
                    forms.add(n / size + unit);
                }
            }
        }
        return forms;
    }

    private static String allowed(ConfigKey<?> key, String value) {
        try {
            key.type().parse(new Setting(key.name(), value, "test"));
            return "";
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    private static boolean refuses(ConfigKey<?> key, String value) {
        try {
            key.type().parse(new Setting(key.name(), value, "test"));
            return false;
        } catch (ConfigException e) {
            return true;
        }
    }
}
