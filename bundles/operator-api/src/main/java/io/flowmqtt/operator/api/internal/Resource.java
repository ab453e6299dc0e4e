package io.flowmqtt.operator.api.internal;

import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.util.List;

/** The calls under one first path segment ({@code interfaces}, {@code outputs}, ...), made with a valid session. */
@FunctionalInterface
interface Resource {
    /**
     * @param request the call
     * @param rest    the path segments after the first
     * @param session who calls (for the log: what an operator changed)
     */
    ApiResponse handle(ApiRequest request, List<String> rest, Session session) throws ApiException;
}
