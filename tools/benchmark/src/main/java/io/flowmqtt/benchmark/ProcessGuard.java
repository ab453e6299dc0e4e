package io.flowmqtt.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process the benchmark started, so that a shutdown hook can end them whatever way the benchmark ends
 * (success, a failed phase, Ctrl-C): nothing of it is left running. Only these processes, by their handles.
 */
public final class ProcessGuard {
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    public synchronized Process track(Process process) {
        processes.add(process);
        return process;
    }

    public synchronized void track(AutoCloseable resource) {
        resources.add(resource);
    }

    /** SIGTERM to each process (and its children) still alive, SIGKILL to those alive 15 s later; closes the rest. */
    public synchronized void endAll() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            stop(p);
        }
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
        try {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            children.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
