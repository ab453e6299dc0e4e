package io.flowmqtt.operator.page.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class PageHeadersFilterTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @Test
    public void theBareFolderIsSentToThePageAndNothingElse() {
        assertTrue(PageHeadersFilter.isFolder("/ui"));
        assertTrue(PageHeadersFilter.isFolder("/ui/"));
        assertFalse(PageHeadersFilter.isFolder("/ui/index.html"));
        assertFalse(PageHeadersFilter.isFolder("/ui/app.js"));
        assertFalse(PageHeadersFilter.isFolder("/uix"));
    }
}
