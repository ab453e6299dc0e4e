package io.flowmqtt.transport.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker that misbehaves on purpose, for what no real broker does on demand: it accepts every CONNECT and
 * then either closes the connection at once ({@link Mode#DROP_AFTER_CONNACK}) or keeps it open, answers
 * subscriptions and pings, and never acknowledges a publish ({@link Mode#NEVER_ACK}).
 */
final class ScriptedBroker implements AutoCloseable {
    enum Mode { DROP_AFTER_CONNACK, NEVER_ACK }

    private final ServerSocket server;
    private final Mode mode;
    private final List<Long> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedBroker(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "scripted-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** When each CONNECT arrived (System.nanoTime() / 1e6). */
    List<Long> connectTimes() {
        return List.copyOf(connections);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread session = new Thread(() -> serve(socket), "scripted-broker-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                int header = in.readUnsignedByte();
                byte[] body = new byte[remainingLength(in)];
                in.readFully(body);
                switch (header >> 4) {
                    case 1 -> { // CONNECT
                        connections.add(System.nanoTime() / 1_000_000);
                        out.write(new byte[] {0x20, 0x02, 0x00, 0x00});
                        out.flush();
                        if (mode == Mode.DROP_AFTER_CONNACK) {
                            return;
                        }
                    }
                    case 8 -> out.write(new byte[] {(byte) 0x90, 0x03, body[0], body[1], 0x01}); // SUBACK, QoS 1
                    case 12 -> out.write(new byte[] {(byte) 0xD0, 0x00}); // PINGRESP
                    case 14 -> {
                        return; // DISCONNECT
                    }
                    default -> { /* PUBLISH and the rest: never answered */ }
                }
                out.flush();
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
