package io.flowmqtt.operator.page.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PageHeadersFilterTest {
    @Test
    public void theBareFolderIsSentToThePageAndNothingElse() {
        assertTrue(PageHeadersFilter.isFolder("/ui"));
        assertTrue(PageHeadersFilter.isFolder("/ui/"));
        assertFalse(PageHeadersFilter.isFolder("/ui/index.html"));
        assertFalse(PageHeadersFilter.isFolder("/ui/app.js"));
        assertFalse(PageHeadersFilter.isFolder("/uix"));
    }
}
