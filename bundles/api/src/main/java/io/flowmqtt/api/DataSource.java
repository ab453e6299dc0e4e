package io.flowmqtt.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A data source, registered as an OSGi service (whiteboard) with the service property
 * {@value #TYPE} naming its type: {@code widgets}, {@code system}, {@code network},
 * {@code processing}, or a third party's own type (lower case letters, digits, {@code _} and
 * {@code -}). Outputs find sources by that property; sources may come and go at any time.
 *
 * <p>A source delivers each subscription the events it produces from then on, in lifecycle order
 * per event. When a source goes away orderly it delivers {@link EventState#CLOSED} for the events it
 * still has open, then its subscriptions end.
 */
@ConsumerType
public interface DataSource {
    /** Service property naming the source type. */
    String TYPE = "flow.source.type";

    /**
     * Starts delivering events to {@code sink}. Must return quickly; delivery happens on the
     * source's own threads.
     */
    Subscription subscribe(SubscriptionRequest request, EventSink sink);
}
