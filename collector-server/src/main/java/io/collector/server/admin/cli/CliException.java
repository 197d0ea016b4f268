package io.collector.server.admin.cli;

/** A CLI failure with the process exit code it ends with. */
final class CliException extends RuntimeException {

    /** Bad command line. */
    static final int USAGE = 1;
    /** The server could not be reached. */
    static final int UNREACHABLE = 2;
    /** The server refused the credentials (HTTP 401). */
    static final int AUTH = 3;
    /** Unknown destination, client or savepoint (HTTP 404). */
    static final int NOT_FOUND = 4;
    /** Refused in the server's current state: another server leads the destination, or a name is taken (409). */
    static final int CONFLICT = 5;
    /** Any other error the server answered. */
    static final int FAILED = 6;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** The exit code for an HTTP error status. */
    static int forStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> FAILED;
        };
    }
}
