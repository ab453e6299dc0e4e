package io.flowmqtt.operator.api.internal;

import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call under {@code /api/v1}, in the contract's order of refusals: 503 while no usable login is
 * configured, the login itself, then 401 without a valid session, 403 for a write without its session's
 * CSRF token, and only then the resource (404 for an unknown one).
 */
final class OperatorApi {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorApi.class);

    private final Supplier<LoginSettings> settings;
    private final Sessions sessions;
    private final SessionResource login;
    private final Map<String, Resource> resources;

    OperatorApi(Supplier<LoginSettings> settings, Sessions sessions, SessionResource login, Map<String, Resource> resources) {
        this.settings = settings;
        this.sessions = sessions;
        this.login = login;
        this.resources = Map.copyOf(resources);
    }

    ApiResponse handle(ApiRequest request) {
        try {
            return dispatch(request);
        } catch (ApiException e) {
            return e.response();
        } catch (RuntimeException e) {
            // a fault of ours: logged with its stack; the answer names only its kind (messages may quote input)
            LOG.error("Operator API: {} {} failed", request.method(), String.join("/", request.path()), e);
            return ApiResponse.error(500, "internal error (" + e.getClass().getSimpleName() + "); see logs/flow.log",
                    List.of(), Map.of());
        }
    }

    private ApiResponse dispatch(ApiRequest request) throws ApiException {
        LoginSettings current = settings.get();
        if (current.problem() != null) {
            throw new ApiException(503, current.problem());
        }
        List<String> path = request.path();
        if (path.equals(List.of("session"))) {
            return login.handle(request, current);
        }
        Optional<Session> session = sessions.find(request.sessionId());
        if (session.isEmpty()) {
            throw new ApiException(401, "login required");
        }
        if (request.isWrite() && !session.get().csrfMatches(request.csrfToken())) {
            throw new ApiException(403, "missing or wrong CSRF token");
        }
        Resource resource = path.isEmpty() ? null : resources.get(path.get(0));
        if (resource == null) {
            throw new ApiException(404, "no such API: /api/v1/" + String.join("/", path));
        }
        return resource.handle(request, path.subList(1, path.size()), session.get());
    }
}
