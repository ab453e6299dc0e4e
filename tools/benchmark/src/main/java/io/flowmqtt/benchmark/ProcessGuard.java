package io.flowmqtt.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every process the benchmark started, so that a shutdown hook can end them whatever way the benchmark ends
 * (success, a failed phase, Ctrl-C): nothing of it is left running. Only these processes, by their handles.
 */
public final class ProcessGuard {
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean ended;

    /**
     * Starts {@code builder}'s process and keeps it. Under the same lock as {@link #endAll()}, so a process is either
     * started before the end (and ended with the rest) or refused: none can slip past a Ctrl-C.
     */
    public synchronized Process start(ProcessBuilder builder) throws IOException {
        if (ended) {
            throw new BenchmarkFailure("stopping: " + builder.command().get(0) + " is not started");
        }
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Something that starts and can be closed: the broker, the subscriber. */
    public interface Opener<T extends AutoCloseable> {
        T open() throws Exception;
    }

    /** Opens a resource and keeps it, under the same lock as {@link #endAll()} (see {@link #start}). */
    public synchronized <T extends AutoCloseable> T open(Opener<T> opener) throws Exception {
        if (ended) {
            throw new BenchmarkFailure("stopping: nothing more is started");
        }
        T resource = opener.open();
        resources.add(resource);
        return resource;
    }

    /** SIGTERM to each process and its children, SIGKILL to those still alive 15 s later; then closes the rest. */
    public synchronized void endAll() {
        ended = true;
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
        }
        end(all);
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("benchmark: closing " + resources.get(i) + ": " + e);
            }
        }
        processes.clear();
        resources.clear();
    }

    /** Ends one process orderly (SIGTERM, 15 s), forcibly after that, with its children. */
    public static void stop(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        end(all);
    }

    /** SIGTERM to all, then waits up to 15 s in all for each to be gone; SIGKILL to what is not. */
    private static void end(List<ProcessHandle> all) {
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                h.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
