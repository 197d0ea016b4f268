package io.collector.server.config;

import io.collector.server.error.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Reads properties files as UTF-8, failing with a message that names the file and the reason. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /**
     * The keys and values of a properties file.
     *
     * @throws ConfigException {@code Cannot read <path>: <reason>} when the file is missing, a directory,
     *                         not readable or not valid UTF-8
     */
    static Map<String, String> read(Path file) {
        if (Files.isDirectory(file)) {
            throw cannotRead(file, "it is a directory, not a file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw cannotRead(file, "no such file");
        } catch (AccessDeniedException e) {
            throw cannotRead(file, "permission denied");
        } catch (CharacterCodingException e) {
            throw cannotRead(file, "not valid UTF-8");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    private static ConfigException cannotRead(Path file, String reason) {
        return new ConfigException("Cannot read " + file + ": " + reason);
    }
}
