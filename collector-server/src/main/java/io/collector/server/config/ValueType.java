package io.collector.server.config;

/**
 * Turns a setting's text into a typed, valid value, or fails naming the key, the value, where it came from and
 * what is allowed. Instances come from {@link Validators}.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface ValueType<T> {

    /**
     * The value of {@code setting}.
     *
     * @throws io.collector.server.error.ConfigException from {@link Setting#invalid} when the text is not allowed
     */
    T parse(Setting setting);
}
