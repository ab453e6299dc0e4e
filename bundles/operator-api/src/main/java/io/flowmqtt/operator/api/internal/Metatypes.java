package io.flowmqtt.operator.api.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Finds the metatype of a PID in whichever bundle describes it ({@code flow.mqtt.interface} in the
 * transport). Looked up on every call rather than cached: the describing bundle may be updated or stopped at
 * any time, and the metatype service keeps what it parsed.
 */
final class Metatypes {
    private final BundleContext context;
    private final MetaTypeService service;

    Metatypes(BundleContext context, MetaTypeService service) {
        this.context = context;
        this.service = service;
    }

    /** The properties of {@code pid}; empty while no active bundle describes it. */
    Optional<PropertyTypes> of(String pid) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                continue;
            }
            MetaTypeInformation info = service.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            boolean factory = Arrays.asList(info.getFactoryPids()).contains(pid);
            if (factory || Arrays.asList(info.getPids()).contains(pid)) {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                AttributeDefinition[] ads = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
                if (ads != null) {
                    return Optional.of(types(pid, ads));
                }
            }
        }
        return Optional.empty();
    }

    static PropertyTypes types(String pid, AttributeDefinition[] ads) {
        Map<String, PropertyTypes.Attribute> attributes = new LinkedHashMap<>();
        for (AttributeDefinition ad : ads) {
            String[] defaults = ad.getDefaultValue();
            attributes.put(ad.getID(), new PropertyTypes.Attribute(ad.getID(), ad.getType(),
                    defaults == null || defaults.length == 0 ? null : defaults[0]));
        }
        return new PropertyTypes(pid, attributes);
    }
}
