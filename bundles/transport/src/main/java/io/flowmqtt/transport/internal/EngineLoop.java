package io.flowmqtt.transport.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * An interface's own thread. Every change of its connection runs here, so none needs a lock and a slow
 * broker on one interface never holds up another; Paho's answers are handed over to it ({@link #answer}).
 *
 * <p>It also keeps the connection's two timers: the one step that waits (a connect or subscribe timeout,
 * the reconnect delay, "the connection holds", the queue's retry) and the delivery watchdog. Both are
 * used on the loop only.
 */
final class EngineLoop implements Executor {
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> watchdog;

    EngineLoop(String name) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flow-mqtt-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    Future<?> submit(Runnable task) {
        return executor.submit(task);
    }

    /** The step that waits: {@code task} after {@code delay}; a step that has begun is no longer pending. */
    void after(long delay, TimeUnit unit, Runnable task) {
        pending = executor.schedule(() -> {
            pending = null;
            task.run();
        }, delay, unit);
    }

    /** The watchdog: {@code task} every {@code millis}, until {@link #cancelTimers}. */
    void every(long millis, Runnable task) {
        watchdog = executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    void cancelTimers() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
        }
    }

    /** Paho's answer to a request, handled on the loop: {@code then} gets the token and the failure, or {@code null}. */
    IMqttActionListener answer(BiConsumer<IMqttToken, Throwable> then) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                executor.execute(() -> then.accept(token, null));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                executor.execute(() -> then.accept(token,
                        e == null ? new MqttException(MqttException.REASON_CODE_UNEXPECTED_ERROR) : e));
            }
        };
    }

    /** Ends the thread: it is idle by now (or stuck in Paho), never inside the journal. */
    void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
