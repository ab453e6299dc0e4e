package io.flowmqtt.operator.page.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Adds {@link PageHeaders} to the page's files, which the whiteboard serves without a hook for
 * headers, and sends the bare folder ({@code /ui}, {@code /ui/}) to the page: the resource service
 * would answer it with an empty 200, and a servlet pattern cannot end in {@code /}. It covers
 * {@code /ui/*} only: the API and the webhook answer with their own headers.
 */
@Component(service = jakarta.servlet.Filter.class, immediate = true)
@HttpWhiteboardFilterPattern(PageResources.PATTERN)
@HttpWhiteboardFilterName("flow-operator-page-headers")
public final class PageHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isFolder(request.getRequestURI().substring(request.getContextPath().length()))) {
            RootServlet.redirectToIndex(request, response);
            return;
        }
        PageHeaders.ALL.forEach(response::setHeader);
        chain.doFilter(request, response);
    }

    static boolean isFolder(String path) {
        return path.equals(PageResources.PREFIX) || path.equals(PageResources.PREFIX + "/");
    }
}
