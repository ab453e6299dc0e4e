package io.flowmqtt.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.testing.mosquitto.Mosquitto;
import io.flowmqtt.testing.mosquitto.TestSubscriber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * The assembled runtime as a real process, killed for real. Messages queued while the broker is
 * down must survive a kill -9 of the runtime and arrive, all of them, after a restart.
 */
public class RuntimeProcessIT {
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    private static final long TIMEOUT = 60_000;

    private Path home;
    private Mosquitto broker;
    private Process runtime;

    @Before
    public void setUp() throws Exception {
        Path work = Path.of(System.getProperty("flow.itest.dir"), getClass().getSimpleName());
        deleteTree(work);
        home = work.resolve("runtime");
        copyTree(Path.of(System.getProperty("flow.runtime.dir")), home);
        broker = Mosquitto.in(work.resolve("broker")).tcp();
        Path conf = home.resolve("conf");
        Files.writeString(conf.resolve("flow.device.cfg"), "blockName = kill-test\n");
        Files.writeString(conf.resolve("flow.simulator.cfg"), "seed = 7\nanalytics = 2\ntickMillis = 50\ntimeBlockSeconds = 1\n");
        Files.writeString(conf.resolve("flow.mqtt.interface-main.cfg"), "address = mqtt://127.0.0.1:" + broker.tcpPort()
                + "\nqos = 1\nreconnectMinMillis = 100\nreconnectMaxMillis = 500\n");
        Files.writeString(conf.resolve("flow.mqtt.output-all.cfg"), "interface = main\nsource = widgets\npolicy = create, update, close\n");
    }

    @After
    public void tearDown() throws Exception {
        if (runtime != null && runtime.isAlive()) {
            runtime.destroyForcibly().waitFor();
        }
        broker.stop();
    }

    @Test
    public void messagesQueuedWhileTheBrokerIsDownSurviveKillMinus9() throws Exception {
        runtime = start();
        Path journal = home.resolve("data/queues/main/journal");
        awaitFile("the journal to hold some messages", journal, 40_000);
        long killedAt = System.currentTimeMillis();
        runtime.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly anything
        assertTrue(runtime.waitFor(10, TimeUnit.SECONDS));

        broker.start();
        try (TestSubscriber subscriber = TestSubscriber.connect(broker.tcpUrl(), "flow/kill-test/widgets/#")) {
            runtime = start();
            // wait until messages produced after the restart arrive: the replayed ones come first
            List<TestSubscriber.Received> received = subscriber.await("messages from after the restart",
                    all -> all.stream().anyMatch(m -> timestamp(m) > killedAt), TIMEOUT);
            TreeSet<Long> seqs = new TreeSet<>();
            long beforeKill = 0;
            for (TestSubscriber.Received m : received) {
                seqs.add(seq(m));
                if (timestamp(m) < killedAt) {
                    beforeKill++;
                }
            }
            System.out.println("kill -9: " + beforeKill + " messages queued before the kill arrived after the restart; seq "
                    + seqs.first() + ".." + seqs.last() + ", " + seqs.size() + " distinct of " + received.size() + " received");
            assertTrue("only " + beforeKill + " messages from before the kill arrived", beforeKill >= 20);
            assertEquals("seq must start at 1 and have no gap: " + seqs.headSet(seqs.first() + 5), 1L, (long) seqs.first());
            assertEquals("a gap in seq means a queued message was lost", seqs.last() - seqs.first() + 1, seqs.size());
        }
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("data"));
        return new ProcessBuilder(java, "-Xmx256m", "-Dflow.home=" + home, "-Dflow.gosh.args=--nointeractive",
                "-Dorg.ops4j.pax.logging.DefaultServiceLog.level=WARN",
                "-Dfelix.config.properties=" + home.resolve("etc/config.properties").toUri(),
                "-jar", home.resolve("bin/org.apache.felix.main.jar").toString())
                .directory(home.resolve("data").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/console.log").toFile()))
                .start();
    }

    private static void awaitFile(String what, Path file, long minBytes) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (!Files.exists(file) || Files.size(file) < minBytes) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (" + file + ")");
            }
            Thread.sleep(50); // polling a condition
        }
    }

    private static long seq(TestSubscriber.Received m) {
        return json(m).get("seq").getAsLong();
    }

    private static long timestamp(TestSubscriber.Received m) {
        return json(m).get("timestamp").getAsLong();
    }

    private static JsonObject json(TestSubscriber.Received m) {
        return JsonParser.parseString(m.payload()).getAsJsonObject();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
