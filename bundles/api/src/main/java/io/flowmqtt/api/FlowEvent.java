package io.flowmqtt.api;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * One state of one event, as a data source delivers it.
 *
 * <p>An event has a stable {@link #id()} (stable across restarts where the source can manage it), a
 * {@link #source()} type, a {@link #subject()} that says what the event is about and becomes the
 * topic path below the source's topic (for widgets {@code <cube>/<analytic>/<widget>}, empty for
 * diagnostics), a {@link #state()}, a {@link #revision()} that grows by one with every state of the
 * same event (1 for created), a timestamp in epoch milliseconds and a JSON body. Instances are
 * immutable: the body is copied in and out, because one event goes to every output bound to its source and an
 * output may change the body it builds its payload from. A copy of a typical widget body costs about a third of
 * serialising it (see the api bundle's README, "FlowEvent's body").
 */
public final class FlowEvent {
    private final String source;
    private final String id;
    private final String subject;
    private final EventState state;
    private final long revision;
    private final long timestamp;
    private final JsonObject body;

    private FlowEvent(String source, String id, String subject, EventState state, long revision, long timestamp, JsonObject body) {
        this.source = requireText(source, "source");
        this.id = requireText(id, "id");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.state = Objects.requireNonNull(state, "state");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
        this.revision = revision;
        this.timestamp = timestamp;
        this.body = Objects.requireNonNull(body, "body").deepCopy();
    }

    /** Creates an event state. The body is copied, so the caller may go on changing its object. */
    public static FlowEvent of(String source, String id, String subject, EventState state, long revision, long timestamp, JsonObject body) {
        return new FlowEvent(source, id, subject, state, revision, timestamp, body);
    }

    public String source() { return source; }

    public String id() { return id; }

    public String subject() { return subject; }

    public EventState state() { return state; }

    public long revision() { return revision; }

    public long timestamp() { return timestamp; }

    /** A copy of the body. */
    public JsonObject body() { return body.deepCopy(); }

    @Override
    public String toString() {
        return source + ":" + id + "#" + revision + "(" + state.wireName() + ")";
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
