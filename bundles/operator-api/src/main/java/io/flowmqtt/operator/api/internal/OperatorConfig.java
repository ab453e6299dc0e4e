package io.flowmqtt.operator.api.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the operator login (singleton PID {@code flow.operator}). */
@ObjectClassDefinition(id = OperatorComponent.PID, name = "FLOW operator API",
        description = "Login to the operator HTTP API (/api/v1) and page. Without passwordHash every API call is "
                + "answered with 503. A change ends every session.")
public @interface OperatorConfig {
    @AttributeDefinition(name = "User name", description = "The operator's login name.")
    String username() default "admin";

    @AttributeDefinition(name = "Password hash", type = AttributeType.PASSWORD, required = false,
            description = "pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>, as printed by bin/flow-passwd. "
                    + "Never shown or logged.")
    String passwordHash() default "";

    @AttributeDefinition(name = "Session idle time (minutes)",
            description = "A session not used for this long ends (1 to 10080).", min = "1", max = "10080")
    int sessionMinutes() default 60;
}
