package io.flowmqtt.operator.page.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Sends a browser that asks for the root ({@code /}) to the page, so an operator can type just the
 * host and port. The pattern is the empty string, the context root only, so every other unknown path
 * still gets the server's 404. It is given as a single-valued property: DS writes a multi-valued one
 * (what {@code @HttpWhiteboardServletPattern} makes) as lines of text and drops an empty line.
 */
@Component(service = Servlet.class, immediate = true, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=flow-operator-page-root"})
public final class RootServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        redirectToIndex(request, response);
    }

    /** A redirect to the page, relative to the context, so the page also works behind a proxy that mounts it under a path. */
    static void redirectToIndex(HttpServletRequest request, HttpServletResponse response) {
        PageHeaders.ALL.forEach(response::setHeader);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", request.getContextPath() + PageResources.INDEX);
        response.setContentLength(0);
    }
}
