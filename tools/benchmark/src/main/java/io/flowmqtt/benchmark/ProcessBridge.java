package io.flowmqtt.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** What both bridges share: one process of their own, answering webhook POSTs on a free port with a bearer token. */
abstract class ProcessBridge implements Bridge {
    private final ProcessGuard guard;
    private final int httpPort;
    private final String token;
    private Process process;

    ProcessBridge(ProcessGuard guard, int httpPort, String token) {
        this.guard = guard;
        this.httpPort = httpPort;
        this.token = token;
    }

    /** The command, with its working directory and environment set; output and input are set here. */
    abstract ProcessBuilder command();

    /** Where the process's console output goes. */
    abstract Path console();

    @Override
    public final void launch() throws IOException {
        ProcessBuilder builder = command()
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        process = guard.start(builder);
    }

    @Override
    public final long pid() {
        return process.pid();
    }

    @Override
    public final boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public final void stop() {
        if (process != null) {
            ProcessGuard.stop(process);
        }
    }

    @Override
    public final String exited() {
        return process == null || process.isAlive() ? "" : " (it exited with code " + process.exitValue() + ")";
    }

    @Override
    public final int httpPort() {
        return httpPort;
    }

    @Override
    public final String webhookPath() {
        return "/flow/webhook";
    }

    @Override
    public final String token() {
        return token;
    }
}
