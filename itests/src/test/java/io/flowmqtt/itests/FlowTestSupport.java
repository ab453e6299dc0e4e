package io.flowmqtt.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutputRegistry;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.OutputStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Rule;
import org.junit.rules.Timeout;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots Felix with exactly the runtime's bundle set (runtime-config/target/runtime: bundle/ and
 * plugins/), each test class in its own working directory, and offers waiting helpers: no test
 * sleeps, they wait for conditions with a deadline.
 */
public abstract class FlowTestSupport {
    protected static final long TIMEOUT = 15_000;

    /**
     * Every in-container test ends within 10 minutes. Pax Exam 4's container runner is a JUnit 4 runner and
     * applies rules inside the container (as OperatorApiIT's own, shorter rule shows); a subclass may declare
     * its own field {@code timeout}, which then replaces this one.
     */
    @Rule
    public final Timeout timeout = Timeout.seconds(600);

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path runtime = Path.of(System.getProperty("flow.runtime.dir"));
        Path work = Path.of(System.getProperty("flow.itest.dir"), getClass().getSimpleName());
        RuntimeProcessIT.deleteTree(work); // every run starts from nothing: no queue, no saved state of a run before
        Files.createDirectories(work);
        List<Option> options = new ArrayList<>();
        options.add(workingDirectory(work.resolve("felix").toString()));
        options.add(cleanCaches(true));
        options.add(frameworkProperty("flow.data.dir").value(work.resolve("data").toString()));
        options.add(frameworkProperty("felix.cm.dir").value(work.resolve("config").toString()));
        // as etc/config.properties: $[secret:name] from <work>/secrets and $[env:NAME], and no configuration is
        // delivered before the interpolation plugin is there (Config Admin registers itself only then)
        options.add(frameworkProperty("felix.cm.config.plugins").value("org.apache.felix.configadmin.plugin.interpolation"));
        options.add(frameworkProperty("org.apache.felix.configadmin.plugin.interpolation.secretsdir").value(work.resolve("secrets").toString()));
        options.add(frameworkProperty("org.apache.felix.configadmin.plugin.interpolation.file.encoding").value("UTF-8"));
        options.add(frameworkProperty("felix.fileinstall.dir").value(work.resolve("conf").toString()));
        // as etc/config.properties: FileInstall does not write configurations back (the operator API writes its files)
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        options.add(frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        // the HTTP service (operator API and page, webhook input): a free loopback port per test class, never Jetty's default 8080
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            options.add(frameworkProperty("org.osgi.service.http.port").value(String.valueOf(free.getLocalPort())));
        }
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(systemProperty("flow.itest.work").value(work.toString()));
        Files.createDirectories(work.resolve("conf"));
        // bundle/logging: Pax Logging, which the runtime starts alone at start level 1
        for (String folder : new String[] {"bundle/logging", "bundle", "plugins"}) {
            try (Stream<Path> jars = Files.list(runtime.resolve(folder))) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                        .forEach(jar -> options.add(bundle(jar.toUri().toString())));
            }
        }
        // from the reactor, not the local repository: `mvn verify` on a fresh clone installs nothing
        options.add(bundle(Path.of(System.getProperty("flow.testing.bundle")).toUri().toString()));
        options.add(junitBundles());
        options.addAll(List.of(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** More options for a test class. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** This test class's own folder, for brokers and files. */
    protected Path workDir() {
        return Path.of(System.getProperty("flow.itest.work"));
    }

    /** Creates or updates the factory configuration {@code pid~name}, bound to no bundle ("?"). */
    protected org.osgi.service.cm.Configuration configure(String factoryPid, String name, Map<String, ?> properties) throws IOException {
        org.osgi.service.cm.Configuration config = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
        Dictionary<String, Object> dict = new Hashtable<>(properties);
        config.update(dict);
        return config;
    }

    protected void deleteConfiguration(String factoryPid, String name) throws IOException {
        configAdmin.getFactoryConfiguration(factoryPid, name, "?").delete();
    }

    protected void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    protected void await(String what, BooleanSupplier condition, Supplier<String> diagnostics) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " " + diagnostics.get());
            }
            Thread.sleep(25); // polling a condition
        }
    }

    protected <T> T service(Class<T> type, String filter) throws Exception {
        String full = "(&(objectClass=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(full), null);
        tracker.open();
        try {
            T service = tracker.waitForService(TIMEOUT);
            if (service == null) {
                throw new AssertionError("no service " + full + " within " + TIMEOUT + " ms");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    protected MqttInterface iface(String name) throws Exception {
        return service(MqttInterface.class, "(" + MqttInterface.NAME + "=" + name + ")");
    }

    protected InterfaceStatus interfaceStatus(String name) {
        try {
            for (ServiceReference<MqttInterface> ref : context.getServiceReferences(MqttInterface.class, null)) {
                MqttInterface i = context.getService(ref);
                try {
                    if (i != null && i.name().equals(name)) {
                        return i.status();
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return null;
    }

    protected OutputStatus outputStatus(String name) throws Exception {
        for (OutputStatus status : service(OutputRegistry.class, null).outputs()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
