package io.flowmqtt.benchmark;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The first message of a probe round whose topic starts with a given prefix: when it arrived. */
public final class FirstArrival implements Subscriber.Sink {
    private final long round;
    private final String topicPrefix;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private volatile long arrivedNanos;

    public FirstArrival(long round, String topicPrefix) {
        this.round = round;
        this.topicPrefix = topicPrefix;
    }

    @Override
    public void arrived(String topic, Payloads.Mark mark, long nanos) {
        if (mark != null && mark.round() == round && topic.startsWith(topicPrefix) && arrived.getCount() > 0) {
            arrivedNanos = nanos;
            arrived.countDown();
        }
    }

    /** When the first matching message arrived, or -1 when none did within {@code timeoutMillis}. */
    public long await(long timeoutMillis) throws InterruptedException {
        return arrived.await(timeoutMillis, TimeUnit.MILLISECONDS) ? arrivedNanos : -1;
    }
}
