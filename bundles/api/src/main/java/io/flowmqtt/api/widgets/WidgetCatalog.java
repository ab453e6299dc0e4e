package io.flowmqtt.api.widgets;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The widgets a widgets source has been reported since it started: what an operator can pick from when
 * choosing an output's widgets. Registered by the widgets data source.
 */
@ProviderType
public interface WidgetCatalog {
    /** Every widget reported since start, sorted by cube, analytic and widget id; the latest name and type of each. */
    List<KnownWidget> widgets();
}
