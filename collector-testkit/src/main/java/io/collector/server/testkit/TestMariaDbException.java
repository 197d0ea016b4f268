package io.collector.server.testkit;

/** Unchecked failure of the MariaDB test kit: the server could not start, or a helper's SQL failed. */
public class TestMariaDbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TestMariaDbException(String message) {
        super(message);
    }

    public TestMariaDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
