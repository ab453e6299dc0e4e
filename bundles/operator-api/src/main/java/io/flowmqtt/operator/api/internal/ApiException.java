package io.flowmqtt.operator.api.internal;

import io.flowmqtt.api.ConfigurationValidator.Problem;
import java.util.List;
import java.util.Map;

/** An answer other than success: its status, one sentence, and for a refused configuration every bad property. */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient List<Problem> problems;
    private final transient Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, List.of(), Map.of());
    }

    ApiException(int status, String message, List<Problem> problems, Map<String, String> headers) {
        super(message, null, false, false); // an answer, not a fault: no stack trace
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    static ApiException notFound(String what) {
        return new ApiException(404, what + " does not exist");
    }

    static ApiException methodNotAllowed(String allowed) {
        return new ApiException(405, "use " + allowed.replace(", ", " or ") + " here", List.of(), Map.of("Allow", allowed));
    }

    ApiResponse response() {
        return ApiResponse.error(status, getMessage(), problems, headers);
    }
}
