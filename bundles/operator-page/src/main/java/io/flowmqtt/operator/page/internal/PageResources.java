package io.flowmqtt.operator.page.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Puts the page's files (this bundle's {@code /ui} folder) on the Servlet Whiteboard at {@code /ui/*}.
 * The whiteboard serves them itself from the registering bundle, with Last-Modified and conditional
 * GETs, so there is no code here: the service exists only to carry the resource properties, and is
 * registered as a plain {@code Object}, so that no internal type is named in the service registry.
 */
@Component(service = Object.class, immediate = true)
@HttpWhiteboardResource(pattern = PageResources.PATTERN, prefix = PageResources.PREFIX)
@RequireHttpWhiteboard
public final class PageResources {
    static final String PATTERN = "/ui/*";
    static final String PREFIX = "/ui";
    /** Where a browser that asks for the root is sent. */
    static final String INDEX = "/ui/index.html";
}
