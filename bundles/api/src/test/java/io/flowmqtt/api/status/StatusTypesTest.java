package io.flowmqtt.api.status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class StatusTypesTest {
    private static InterfaceStatus status() {
        return InterfaceStatus.builder().name("plant1").state(ConnectionState.CONNECTED).broker("mqtt://b:1883")
                .detail("connected").since(5).counters(Counters.builder().accepted(3).deadLettered(1).build())
                .certificates(List.of(CertificateInfo.builder().role("ca").subject("CN=ca").notAfter(9).build()))
                .maxQos(1).warnings(List.of("a warning")).build();
    }

    @Test(timeout = 10_000)
    public void fieldsLeftUnsetHaveTheDefaultsOfTheOldShortConstructors() {
        InterfaceStatus s = InterfaceStatus.builder().name("x").build();
        assertEquals(-1, s.maxQos());
        assertEquals(Counters.builder().build(), s.counters());
        assertEquals(0, s.counters().deadLettered());
        assertTrue(s.certificates().isEmpty() && s.warnings().isEmpty());
        assertNull(s.lastError());
        assertEquals(0, OutputStatus.builder().build().lastPublishedAt());
        assertEquals(0, LogEntry.builder().build().position());
    }

    @Test(timeout = 10_000)
    public void toBuilderCopiesEveryFieldAndEqualityCoversEveryField() {
        InterfaceStatus s = status();
        assertEquals(s, s.toBuilder().build());
        assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
        assertEquals(s.toString(), s.toBuilder().build().toString());
        assertNotEquals(s, null);
        assertNotEquals(s, s.toBuilder().maxQos(2).build());
        assertNotEquals(s, s.toBuilder().warnings(List.of()).build());
        assertNotEquals(s, s.toBuilder().counters(s.counters().toBuilder().deadLettered(2).build()).build());
        OutputStatus o = OutputStatus.builder().name("o").state(OutputState.ACTIVE).lastPublishedAt(7).build();
        assertEquals(o, o.toBuilder().build());
        assertNotEquals(o, o.toBuilder().lastPublishedAt(8).build());
        LogEntry e = LogEntry.builder().timestamp(1).kind(LogEntry.Kind.ERROR).message("m").position(4).build();
        assertEquals(e, e.toBuilder().build());
        assertNotEquals(e, e.toBuilder().position(5).build());
    }

    /** The text names the public type, not the record inside, and every value in order. */
    @Test(timeout = 10_000)
    public void toStringNamesTheTypeAndEveryValue() {
        assertEquals("Counters[queued=0, queuedBytes=0, accepted=3, published=0, delivered=0, dropped=0, rejected=0,"
                + " failed=0, connects=0, reconnects=0, deadLettered=1]", status().counters().toString());
        assertEquals("CertificateInfo[role=ca, subject=CN=ca, notAfter=9]",
                status().certificates().get(0).toString());
        assertEquals("Step[name=dns, ok=true, millis=1, detail=x]",
                ConnectionCheck.Step.builder().name("dns").ok(true).millis(1).detail("x").build().toString());
        assertEquals("LogEntry[timestamp=1, kind=ERROR, message=m, position=4]", LogEntry.builder().timestamp(1)
                .kind(LogEntry.Kind.ERROR).message("m").position(4).build().toString());
        String text = status().toString();
        assertTrue(text, text.startsWith("InterfaceStatus[name=plant1, state=CONNECTED, broker=mqtt://b:1883,"));
        assertTrue(text, text.endsWith(", maxQos=1, warnings=[a warning]]"));
    }

    @Test(timeout = 10_000)
    public void listsAreCopiedInAndCannotBeChanged() {
        List<String> warnings = new ArrayList<>(List.of("one"));
        InterfaceStatus s = InterfaceStatus.builder().warnings(warnings).build();
        warnings.add("two");
        assertEquals(List.of("one"), s.warnings());
        assertThrows(UnsupportedOperationException.class, () -> s.warnings().add("three"));
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> InterfaceStatus.builder().certificates(null));
        assertTrue(missing.getMessage(), missing.getMessage().contains("certificates"));
    }

    @Test(timeout = 10_000)
    public void aConnectionCheckIsOkOnlyWhenItHasStepsAndAllPassed() {
        ConnectionCheck.Step dns = ConnectionCheck.Step.builder().name("dns").ok(true).millis(1).detail("x").build();
        ConnectionCheck.Step tcp = dns.toBuilder().name("tcp").ok(false).build();
        assertTrue(ConnectionCheck.builder().address("a").steps(List.of(dns)).build().ok());
        assertFalse(ConnectionCheck.builder().address("a").steps(List.of(dns, tcp)).build().ok());
        assertFalse(ConnectionCheck.builder().address("a").build().ok());
    }

    @Test(timeout = 10_000)
    public void samplingStatusDescribesItself() {
        SamplingStatus works = SamplingStatus.builder().source("weather").build();
        assertEquals("sampling works", works.describe());
        SamplingStatus failing = works.toBuilder().failedSamples(3).failingInRow(2).failingSince(0)
                .currentError("java.io.IOException: gone").build();
        assertEquals("sampling failing since 1970-01-01T00:00:00Z (2 samples in a row): java.io.IOException: gone",
                failing.describe());
    }
}
