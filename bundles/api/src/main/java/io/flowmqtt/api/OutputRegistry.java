package io.flowmqtt.api;

import io.flowmqtt.api.status.OutputStatus;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The output registry as data: what every configured output is doing. */
@ProviderType
public interface OutputRegistry {
    /** All configured outputs, sorted by name. */
    List<OutputStatus> outputs();
}
