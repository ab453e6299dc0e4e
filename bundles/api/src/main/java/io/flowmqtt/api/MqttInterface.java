package io.flowmqtt.api;

import io.flowmqtt.api.status.ConnectionCheck;
import io.flowmqtt.api.status.InterfaceStatus;
import io.flowmqtt.api.status.LogEntry;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured MQTT interface (factory configuration {@code flow.mqtt.interface}), as outputs
 * see it. Registered with the service property {@value #NAME} = the interface's name while its
 * configuration exists, including while it is disconnected or its configuration is invalid, so that
 * outputs and status pages can always find it and say what is wrong.
 */
@ProviderType
public interface MqttInterface {
    /** Service property carrying {@link #name()}. */
    String NAME = "flow.interface.name";

    String name();

    /**
     * {@code <topicPrefix>/<deviceId>} (or just the device ID without a prefix). Every topic of this
     * interface starts with it; it contains no wildcard, no NUL and no empty level.
     */
    String topicRoot();

    /** The device ID that this interface appends to its prefix: the block name or a custom ID. */
    String deviceId();

    /** How payload timestamps are to be written for this interface. */
    TimestampFormat timestampFormat();

    /**
     * Queues a message. Never blocks: the message goes to the interface's bounded, persistent queue
     * and is sent when the broker is reachable. The interface assigns the next sequence number and
     * asks the message to render its payload with it.
     */
    PublishResult publish(OutboundMessage message);

    /**
     * Tests every configured address step by step (DNS, TCP, TLS, CONNACK, PUBACK, QoS) with a separate,
     * short-lived client, so the running connection is not disturbed, and says which step failed.
     * Blocks for up to the connect timeout per step: call it from a management thread.
     */
    List<ConnectionCheck> testConnection();

    /** A snapshot of state and counters. Never contains a secret. */
    InterfaceStatus status();

    /**
     * The bounded communication log, oldest first. Readable while the broker is unreachable; with
     * {@code showLogs} off it holds only state changes and errors. Never contains a secret.
     */
    List<LogEntry> communicationLog();

    /**
     * The lines of the communication log after {@code position} ({@link LogEntry#position()}), oldest first:
     * for a reader that follows the log. A reader that fell behind gets what is still kept.
     */
    default List<LogEntry> communicationLog(long position) {
        return communicationLog().stream().filter(e -> e.position() > position).toList();
    }
}
