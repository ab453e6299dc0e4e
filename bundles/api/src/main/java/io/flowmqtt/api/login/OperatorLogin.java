package io.flowmqtt.api.login;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operator login of the operator HTTP API, registered by the bundle that keeps the sessions while it
 * runs. An HTTP endpoint of another bundle on the same server reads the session cookie ({@value #SESSION_COOKIE},
 * {@code Path=/}) from its request and asks here whether it belongs to a logged-in operator; the session
 * itself (its id, its CSRF token, the password hash) never leaves the providing bundle.
 */
@ProviderType
public interface OperatorLogin {
    /** The cookie that carries an operator's session id. */
    String SESSION_COOKIE = "FLOWSESSION";

    /**
     * The user name of the live session whose id is {@code sessionId}, which counts as used now; empty when
     * there is no such session, it has expired, or {@code sessionId} is {@code null}. While no password is
     * configured there are no sessions.
     */
    Optional<String> sessionUser(String sessionId);
}
