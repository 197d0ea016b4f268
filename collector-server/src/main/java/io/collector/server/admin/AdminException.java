package io.collector.server.admin;

import java.util.Map;

/** A request the admin endpoint refuses, with the HTTP status to answer and extra JSON fields. */
public final class AdminException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    public AdminException(int status, String message) {
        this(status, message, Map.of());
    }

    public AdminException(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    static AdminException notFound(String message) {
        return new AdminException(404, message);
    }
}
