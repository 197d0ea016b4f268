package io.collector.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One configuration key, declared once in {@link ServerKeys} or {@link InstanceKeys}: its name, how a value is
 * read and checked, its default, its Canal aliases, where it may be set, whether its values are secret, and what
 * the shipped commented files say about it. Immutable; built with {@link #define}.
 *
 * @param <T> the type of its values
 */
public final class ConfigKey<T> {

    /** Where a key may be set. */
    public enum Scope {
        /** {@code collector.properties} only. */
        SERVER,
        /**
         * A destination's {@code instance.properties} only; its server-wide default is another key (as
         * {@code collector.store.*} for {@code collector.instance.store.*}).
         */
        DESTINATION,
        /**
         * A destination's {@code instance.properties}, or {@code collector.properties} as every destination's
         * default.
         */
        BOTH
    }

    /**
     * A Canal key read as this key.
     *
     * @param name     the Canal key
     * @param bareUnit what a bare number means in it, for durations (Canal uses seconds in a few keys)
     */
    public record CanalAlias(String name, TimeUnit bareUnit) {
        public CanalAlias {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bareUnit, "bareUnit");
        }
    }

    /** How the shipped file writes the key's line: set, commented out, or not at all. */
    enum Line { SET, COMMENTED, NONE }

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final List<CanalAlias> canal;
    private final Scope scope;
    private final boolean secret;
    private final String doc;
    private final Line line;
    private final String shownValue;
    private final String after;

    private ConfigKey(Builder<T> b, Scope scope) {
        this.name = b.name;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText;
        this.canal = List.copyOf(b.canal);
        this.scope = scope;
        this.secret = b.secret;
        this.doc = b.doc.strip();
        this.line = b.line != null ? b.line : b.defaultText != null ? Line.SET : Line.COMMENTED;
        this.shownValue = b.shownValue != null ? b.shownValue : b.defaultText != null ? b.defaultText : "";
        this.after = b.after.strip();
    }

    /** Starts the declaration of key {@code name}, whose values {@code type} reads. */
    static <T> Builder<T> define(String name, ValueType<T> type) {
        return new Builder<>(name, type);
    }

    /** The key, e.g. {@code collector.port}. */
    public String name() {
        return name;
    }

    /** Reads and checks a value. */
    public ValueType<T> type() {
        return type;
    }

    /** The default, when it is a constant. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as the shipped file writes it, when it is a constant. */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultText);
    }

    /** The Canal keys read as this one, in order of preference. */
    public List<CanalAlias> canal() {
        return canal;
    }

    public Scope scope() {
        return scope;
    }

    /** Whether values must never be shown (messages, logs). */
    public boolean secret() {
        return secret;
    }

    /** What the shipped file says above the key (lines separated by {@code \n}). */
    public String doc() {
        return doc;
    }

    Line line() {
        return line;
    }

    /** The value written in the shipped file's line. */
    String shownValue() {
        return shownValue;
    }

    /** Comment lines the shipped file writes below the key's line; may be empty. */
    String after() {
        return after;
    }

    /**
     * This key's per-destination override: {@code collector.x} becomes {@code collector.instance.x}, same type,
     * no constant default (a destination that leaves it out keeps the server's value), not listed in a file.
     */
    ConfigKey<T> forDestination(Section section) {
        Builder<T> b = define(ServerKeys.INSTANCE_PREFIX + name.substring("collector.".length()), type);
        b.secret = secret;
        b.doc = "Overrides " + name + " for one destination.";
        b.line = Line.NONE;
        return b.in(section, Scope.DESTINATION);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Declaration steps of a key; {@link #in} ends it. */
    static final class Builder<T> {
        private final String name;
        private final ValueType<T> type;
        private T defaultValue;
        private String defaultText;
        private final List<CanalAlias> canal = new ArrayList<>();
        private boolean secret;
        private String doc = "";
        private Line line;
        private String shownValue;
        private String after = "";

        private Builder(String name, ValueType<T> type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** A constant default, written {@code text} in the shipped file (a test checks that it reads back). */
        Builder<T> defaultValue(T value, String text) {
            this.defaultValue = Objects.requireNonNull(value, "value");
            this.defaultText = Objects.requireNonNull(text, "text");
            return this;
        }

        /** A constant default whose text is its {@code toString()} (numbers, booleans, plain strings). */
        Builder<T> defaultValue(T value) {
            return defaultValue(value, String.valueOf(value));
        }

        /** A Canal key read as this one; a bare number in it is milliseconds (for durations). */
        Builder<T> canal(String alias) {
            return canal(alias, TimeUnit.MILLISECONDS);
        }

        /** A Canal duration key read as this one, whose bare numbers are in {@code bareUnit}. */
        Builder<T> canal(String alias, TimeUnit bareUnit) {
            canal.add(new CanalAlias(alias, bareUnit));
            return this;
        }

        /** Values are passwords or tokens: shown as {@code ****}. */
        Builder<T> secret() {
            this.secret = true;
            return this;
        }

        /** The documentation written above the key in the shipped file. */
        Builder<T> doc(String text) {
            this.doc = text;
            return this;
        }

        /** The shipped file shows the key commented out, with {@code value} (default: the default's text). */
        Builder<T> example(String value) {
            this.line = Line.COMMENTED;
            this.shownValue = value;
            return this;
        }

        /** The shipped file shows the key commented out with its default. */
        Builder<T> commented() {
            this.line = Line.COMMENTED;
            return this;
        }

        /** The shipped file sets the key to {@code value}, which is not the default (examples). */
        Builder<T> shipped(String value) {
            this.line = Line.SET;
            this.shownValue = value;
            return this;
        }

        /** Comment lines written below the key's line in the shipped file. */
        Builder<T> after(String text) {
            this.after = text;
            return this;
        }

        /** Ends the declaration: the key belongs to {@code section}, with the scope of its file. */
        ConfigKey<T> in(Section section) {
            return in(section, section.defaultScope());
        }

        /** Ends the declaration of a destination key whose server-wide default is another key. */
        ConfigKey<T> inDestinationOnly(Section section) {
            return in(section, Scope.DESTINATION);
        }

        private ConfigKey<T> in(Section section, Scope scope) {
            ConfigKey<T> key = new ConfigKey<>(this, scope);
            section.add(key);
            return key;
        }
    }
}
