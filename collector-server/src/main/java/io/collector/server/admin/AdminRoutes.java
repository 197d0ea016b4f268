package io.collector.server.admin;

import java.util.List;
import java.util.Map;

/**
 * Maps an authenticated {@code /api/...} request to an {@link AdminOperations} call:
 *
 * <pre>
 * GET    /api/destinations                                   list
 * GET    /api/destinations/{d}                               one destination
 * POST   /api/destinations/{d}/stop[?savepoint=NAME]         stop (with a savepoint)
 * POST   /api/destinations/{d}/start[?savepoint=NAME]        start (from a savepoint)
 * POST   /api/destinations/{d}/restart                       restart
 * POST   /api/destinations/{d}/clients/{c}/cursor            move a cursor: {"position":"file:offset"} | {"gtid":".."}
 * GET    /api/destinations/{d}/savepoints                    list savepoints
 * POST   /api/destinations/{d}/savepoints                    take one: {"name":"NAME"}
 * DELETE /api/destinations/{d}/savepoints/{name}             delete one
 * POST   /api/destinations/{d}/savepoints/{name}/restore     restore one
 * POST   /api/destinations/{d}/backfill                      backfill a table: {"table":"s.t","where":".."}
 * </pre>
 */
final class AdminRoutes {

    private final AdminOperations ops;

    AdminRoutes(AdminOperations ops) {
        this.ops = ops;
    }

    /**
     * @param segments the path after {@code /api/}, split at '/'
     * @return the answer, written as JSON with status 200
     * @throws AdminException for an unknown route or a refused request
     */
    Object route(String method, List<String> segments, Map<String, String> query, Map<String, Object> body) {
        if (segments.isEmpty() || !segments.get(0).equals("destinations")) {
            throw AdminException.notFound("no such API path; see collector-server/ADMIN.md");
        }
        if (segments.size() == 1) {
            return expect(method, "GET", ops::list);
        }
        String destination = segments.get(1);
        List<String> rest = segments.subList(2, segments.size());
        return rest.isEmpty() ? expect(method, "GET", () -> ops.describe(destination))
                : destinationRoute(method, destination, rest, query, body);
    }

    private Object destinationRoute(String method, String destination, List<String> rest, Map<String, String> query,
                                    Map<String, Object> body) {
        String savepoint = query.get("savepoint");
        switch (rest.get(0)) {
            case "stop":
                return expect(method, "POST", () -> savepoint == null ? ops.stop(destination)
                        : ops.stopWithSavepoint(destination, savepoint));
            case "start":
                return expect(method, "POST", () -> savepoint == null ? ops.start(destination)
                        : ops.startFromSavepoint(destination, savepoint));
            case "restart":
                return expect(method, "POST", () -> ops.restart(destination));
            case "clients":
                if (rest.size() == 3 && rest.get(2).equals("cursor")) {
                    return expect(method, "POST", () -> ops.moveCursor(destination, rest.get(1), body));
                }
                break;
            case "savepoints":
                return savepointRoute(method, destination, rest.subList(1, rest.size()), body);
            case "backfill":
                if (rest.size() == 1) {
                    return expect(method, "POST", () -> ops.backfill(destination, body));
                }
                break;
            default:
                break;
        }
        throw AdminException.notFound("no such API path; see collector-server/ADMIN.md");
    }

    private Object savepointRoute(String method, String destination, List<String> rest, Map<String, Object> body) {
        if (rest.isEmpty()) {
            if (method.equals("POST")) {
                Object name = body.get("name");
                if (name == null) {
                    throw AdminException.badRequest("give the savepoint's name: {\"name\":\"...\"}");
                }
                return ops.takeSavepoint(destination, name.toString());
            }
            return expect(method, "GET", () -> ops.savepoints(destination));
        }
        String name = rest.get(0);
        if (rest.size() == 1) {
            return expect(method, "DELETE", () -> ops.deleteSavepoint(destination, name));
        }
        if (rest.size() == 2 && rest.get(1).equals("restore")) {
            return expect(method, "POST", () -> ops.restore(destination, name));
        }
        throw AdminException.notFound("no such API path; see collector-server/ADMIN.md");
    }

    private static Object expect(String method, String wanted, java.util.function.Supplier<Object> call) {
        if (!method.equals(wanted)) {
            throw new AdminException(405, "use " + wanted + " here, not " + method);
        }
        return call.get();
    }
}
