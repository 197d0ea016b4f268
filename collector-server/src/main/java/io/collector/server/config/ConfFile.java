package io.collector.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A shipped commented configuration file: its place under {@code conf/}, the header above its sections, and the
 * sections in order. {@link ConfFileWriter} writes it from the registry.
 */
final class ConfFile {

    private final String path;
    private final String header;
    private final ConfigKey.Scope scope;
    private final List<Section> sections = new ArrayList<>();

    /**
     * @param path   the file under {@code conf/}, e.g. {@code example/instance.properties}
     * @param header what the file says first (lines separated by {@code \n})
     * @param scope  the scope of keys declared in its sections unless a declaration says otherwise
     */
    ConfFile(String path, String header, ConfigKey.Scope scope) {
        this.path = path;
        this.header = header.strip();
        this.scope = scope;
    }

    String path() {
        return path;
    }

    String header() {
        return header;
    }

    ConfigKey.Scope scope() {
        return scope;
    }

    List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    void add(Section section) {
        sections.add(section);
    }
}
