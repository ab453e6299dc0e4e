package io.flowmqtt.operator.api.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One API call, independent of the servlet API so that the handlers can be tested without a server.
 *
 * @param method        GET, POST, PUT, DELETE, ...
 * @param path          the path below {@code /api/v1}, decoded, in segments ({@code ["interfaces", "plant1", "log"]})
 * @param query         the query parameters (the first value of each)
 * @param contentType   the Content-Type header, or {@code null}
 * @param sessionId     the {@code FLOWSESSION} cookie, or {@code null}
 * @param csrfToken     the {@code X-CSRF-Token} header, or {@code null}
 * @param remoteAddress the client's address, for the login slow-down
 * @param body          the body, read on demand
 */
record ApiRequest(String method, List<String> path, Map<String, String> query, String contentType, String sessionId,
                  String csrfToken, String remoteAddress, Body body) {

    /** The request body. */
    @FunctionalInterface
    interface Body {
        InputStream open() throws IOException;
    }

    ApiRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
    }

    boolean isWrite() {
        return method.equals("POST") || method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
    }

    /** The body, at most {@code max} bytes; longer is refused with 413. */
    byte[] bodyBytes(int max) throws ApiException {
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ApiException(413, "the body is larger than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read: " + e.getMessage());
        }
    }
}
