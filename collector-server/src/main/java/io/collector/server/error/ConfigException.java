package io.collector.server.error;

/** A configuration value is missing or not allowed. The message names the key, the file and what is allowed. */
public class ConfigException extends CollectorException {

    public ConfigException(String message) {
        super(message, false);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
