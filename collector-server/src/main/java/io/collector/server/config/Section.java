package io.collector.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A titled group of keys in a shipped file, with prose for what a key's own documentation cannot say (how keys
 * work together, examples of free-form keys). Keys join it as they are declared, in order, while
 * {@link ServerKeys} or {@link InstanceKeys} is initialized; read-only after that.
 */
final class Section {

    private final String title;
    private final String prose;
    private final ConfigKey.Scope defaultScope;
    private final List<ConfigKey<?>> keys = new ArrayList<>();

    private Section(String title, String prose, ConfigKey.Scope defaultScope) {
        this.title = title;
        this.prose = prose.strip();
        this.defaultScope = defaultScope;
    }

    /** A section of {@code file}; {@code prose} is written below the title (lines separated by {@code \n}). */
    static Section of(ConfFile file, String title, String prose) {
        Section section = new Section(title, prose, file.scope());
        file.add(section);
        return section;
    }

    String title() {
        return title;
    }

    String prose() {
        return prose;
    }

    ConfigKey.Scope defaultScope() {
        return defaultScope;
    }

    /** The keys, in declaration order. */
    List<ConfigKey<?>> keys() {
        return Collections.unmodifiableList(keys);
    }

    void add(ConfigKey<?> key) {
        keys.add(key);
    }
}
