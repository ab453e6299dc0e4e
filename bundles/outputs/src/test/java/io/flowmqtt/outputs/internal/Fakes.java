package io.flowmqtt.outputs.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flowmqtt.api.DataSource;
import io.flowmqtt.api.EventSink;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.FlowEvent;
import io.flowmqtt.api.MqttInterface;
import io.flowmqtt.api.OutboundMessage;
import io.flowmqtt.api.PublishResult;
import io.flowmqtt.api.Subscription;
import io.flowmqtt.api.SubscriptionRequest;
import io.flowmqtt.api.TimestampFormat;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Test doubles for outputs: a configuration, an MQTT interface, a data source, a scheduler. */
final class Fakes {
    private Fakes() {
    }

    /**
     * An {@link OutputConfig} with the given properties ({@code "interface"} for {@code interface$}),
     * the metatype defaults for the rest. A {@link RuntimeException} as a value is thrown by its
     * accessor, as Declarative Services does with a value it cannot convert ({@code qos = two}).
     */
    static OutputConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            values.put(key.equals("interface") ? "interface$" : key, keyValues[i + 1]);
        }
        return (OutputConfig) Proxy.newProxyInstance(OutputConfig.class.getClassLoader(), new Class<?>[] {OutputConfig.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (values.get(name) instanceof RuntimeException unconvertible) {
                        throw unconvertible;
                    }
                    if (values.containsKey(name)) {
                        return values.get(name);
                    }
                    switch (name) {
                        case "annotationType": return OutputConfig.class;
                        case "toString": return "OutputConfig" + values;
                        case "hashCode": return values.hashCode();
                        case "equals": return proxy == args[0];
                        default: return method.getDefaultValue();
                    }
                });
    }

    static OutputSettings settings(Object... keyValues) throws InvalidOutputException {
        List<Object> all = new ArrayList<>(List.of("interface", "test"));
        all.addAll(List.of(keyValues));
        return OutputSettings.from(config(all.toArray()), "out");
    }

    /** A widget event state: body like the widgets source's, with {@code data.value}. */
    static FlowEvent widgetEvent(String id, String subject, EventState state, long revision, long timestamp, int value) {
        String[] ids = subject.split("/");
        JsonObject body = new JsonObject();
        body.addProperty("cube_id", Integer.parseInt(ids[0]));
        body.addProperty("analytic_id", Integer.parseInt(ids[1]));
        body.addProperty("widget_id", Integer.parseInt(ids[2]));
        body.addProperty("widget_name", "w" + ids[2]);
        body.addProperty("widget_type", "value");
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", value);
        body.add("data", data);
        return FlowEvent.of("widgets", id, subject, state, revision, timestamp, body);
    }

    /** One message the fake interface accepted, rendered with its sequence number. */
    record Sent(String subTopic, int qos, boolean retain, long seq, JsonObject payload) {
        String state() {
            return payload.get("event_state").getAsString();
        }

        String eventId() {
            return payload.get("event_id").getAsString();
        }

        long revision() {
            return payload.get("revision").getAsLong();
        }

        int value() {
            return payload.getAsJsonObject("data").get("object_count").getAsInt();
        }

        /** {@code id:state#revision}, for readable assertions. */
        String brief() {
            return eventId() + ":" + state() + "#" + revision();
        }
    }

    /** Records what is published and renders each message with the next sequence number. */
    static final class FakeInterface implements MqttInterface {
        final String name;
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        volatile TimestampFormat format = TimestampFormat.EPOCH_MILLIS;
        volatile PublishResult result = PublishResult.QUEUED;
        private final AtomicLong seq = new AtomicLong();

        FakeInterface(String name) {
            this.name = name;
        }

        @Override public String name() { return name; }

        @Override public String topicRoot() { return "flow/dev"; }

        @Override public String deviceId() { return "dev"; }

        @Override public TimestampFormat timestampFormat() { return format; }

        @Override
        public PublishResult publish(OutboundMessage message) {
            if (result == PublishResult.QUEUED || result == PublishResult.QUEUED_DROPPED_OLDEST) {
                long n = seq.incrementAndGet();
                String text = new String(message.payload().render(n), StandardCharsets.UTF_8);
                sent.add(new Sent(message.subTopic(), message.qos(), message.retain(), n, JsonParser.parseString(text).getAsJsonObject()));
            }
            return result;
        }

        @Override public InterfaceStatus status() { return null; }

        @Override public List<LogEntry> communicationLog() { return List.of(); }
        @Override public List<io.flowmqtt.api.status.ConnectionCheck> testConnection() { return List.of(); }

        List<String> briefs() {
            return sent.stream().map(Sent::brief).toList();
        }
    }

    /** A source that hands out subscriptions and lets the test emit events to every open one. */
    static class FakeSource implements DataSource {
        final List<EventSink> sinks = new CopyOnWriteArrayList<>();
        final List<SubscriptionRequest> requests = new CopyOnWriteArrayList<>();
        int closed;

        @Override
        public Subscription subscribe(SubscriptionRequest request, EventSink sink) {
            requests.add(request);
            sinks.add(sink);
            return () -> {
                synchronized (this) {
                    closed++;
                }
                sinks.remove(sink);
            };
        }

        void emit(FlowEvent event) {
            for (EventSink sink : sinks) {
                sink.accept(event);
            }
        }
    }

    /** Captures scheduled tasks; the test runs those that are due at the manual clock's time. */
    static final class ManualScheduler implements Scheduler {
        private record Task(long due, Runnable task) {
        }

        private final AtomicLong clock;
        private final List<Task> tasks = new ArrayList<>();

        ManualScheduler(AtomicLong clock) {
            this.clock = clock;
        }

        @Override
        public synchronized void schedule(Runnable task, long delayMillis) {
            if (delayMillis < 0) {
                throw new AssertionError("negative delay " + delayMillis);
            }
            tasks.add(new Task(clock.get() + delayMillis, task));
        }

        synchronized int pending() {
            return tasks.size();
        }

        /** The due time of the earliest pending task. */
        synchronized long nextDue() {
            return tasks.stream().mapToLong(Task::due).min().orElseThrow();
        }

        /** Runs every task that is due now, earliest first; returns how many ran. */
        int runDue() {
            int ran = 0;
            while (true) {
                Task next;
                synchronized (this) {
                    next = tasks.stream().filter(t -> t.due() <= clock.get()).min(Comparator.comparingLong(Task::due)).orElse(null);
                    if (next == null) {
                        return ran;
                    }
                    tasks.remove(next);
                }
                next.task().run();
                ran++;
            }
        }
    }

    static <T> List<String> map(List<T> items, Function<T, String> f) {
        return items.stream().map(f).toList();
    }
}
