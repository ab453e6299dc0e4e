package io.flowmqtt.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.flowmqtt.api.login.OperatorLogin;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class ScrapeAccessTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private static final String TOKEN = "3f1c9a0e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a";
    private static final String HASH = "sha256:" + HexFormat.of().formatHex(ScrapeAccess.sha256(TOKEN));
    private static final OperatorLogin OPERATOR = id -> "live-session".equals(id) ? Optional.of("admin") : Optional.empty();

    private static ScrapeAccess access(String hash, OperatorLogin login) {
        MonitoringSettings settings = MonitoringSettings.from(Configs.of(hash, 30));
        return new ScrapeAccess(() -> settings, () -> login);
    }

    @Test
    public void theRightTokenIsLetInInAnyCaseOfTheScheme() {
        ScrapeAccess access = access(HASH, OPERATOR);
        assertTrue(access.decide("Bearer " + TOKEN, null).allowed());
        assertTrue(access.decide("bearer  " + TOKEN + " ", null).allowed());
        assertEquals("metrics token", access.decide("BEARER " + TOKEN, null).reason());
    }

    @Test
    public void aWrongTokenIsRefusedEvenWithALiveSessionBesideIt() {
        ScrapeAccess access = access(HASH, OPERATOR);
        assertEquals(ScrapeAccess.WRONG_TOKEN, access.decide("Bearer " + TOKEN + "x", "live-session").reason());
        assertFalse(access.decide("Bearer ", null).allowed());
        assertFalse("a token without a configured hash", access("", OPERATOR).decide("Bearer " + TOKEN, null).allowed());
    }

    @Test
    public void anOperatorSessionIsLetInAndAnUnknownOneIsNot() {
        ScrapeAccess access = access("", OPERATOR);
        assertEquals("operator admin", access.decide(null, "live-session").reason());
        assertEquals(ScrapeAccess.LOGIN_REQUIRED, access.decide(null, "expired").reason());
        assertEquals(ScrapeAccess.LOGIN_REQUIRED, access.decide(null, null).reason());
        assertEquals("basic is not a login here", ScrapeAccess.LOGIN_REQUIRED,
                access.decide("Basic YWRtaW46cGFzcw==", null).reason());
    }

    @Test
    public void withoutAnyLoginTheEndpointIsOpenButNotWhenTheTokenHashIsBroken() {
        assertEquals(ScrapeAccess.OPEN, access("", null).decide(null, null).reason());
        assertFalse("a token is configured", access(HASH, null).decide(null, null).allowed());
        assertFalse("a broken hash locks out, never in", access("sha256:nothex", null).decide(null, null).allowed());
        MonitoringSettings badDays = MonitoringSettings.from(Configs.of("", 5000));
        assertTrue("a problem unrelated to the token", new ScrapeAccess(() -> badDays, () -> null).decide(null, null).allowed());
    }

    @Test
    public void theLoginIsAskedOnlyForACookieAndOnlyWhenThereIsNoToken() {
        AtomicInteger asked = new AtomicInteger();
        OperatorLogin counting = id -> {
            asked.incrementAndGet();
            return Optional.empty();
        };
        ScrapeAccess access = access(HASH, counting);
        access.decide("Bearer " + TOKEN, "some-session");
        access.decide(null, null);
        assertEquals(0, asked.get());
        access.decide(null, "some-session");
        assertEquals(1, asked.get());
    }

    @Test
    public void theSettingsNameWhatIsWrongWithoutRepeatingTheHash() {
        MonitoringSettings ok = MonitoringSettings.from(Configs.of(HASH.toUpperCase().replace("SHA256", "sha256"), 7));
        assertNotNull(ok.tokenDigest());
        assertNull(ok.problem());
        assertEquals(Duration.ofDays(7), ok.certificateWarning());
        String secretish = "pbkdf2-sha256:310000:abc:def";
        MonitoringSettings wrongScheme = MonitoringSettings.from(Configs.of(secretish, 30));
        assertNull(wrongScheme.tokenDigest());
        assertTrue(wrongScheme.problem(), wrongScheme.problem().contains("metricsTokenHash is not sha256:"));
        assertFalse(wrongScheme.problem().contains(secretish));
        assertTrue(MonitoringSettings.from(Configs.of("sha256:abcd", 30)).problem().contains("64 hex digits"));
        MonitoringSettings days = MonitoringSettings.from(Configs.of("", -1));
        assertEquals(Duration.ofDays(30), days.certificateWarning());
        assertTrue(days.problem(), days.problem().contains("certificateWarningDays must be 0 to 3650, is -1"));
    }
}
