package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a free port of 127.0.0.1 to a broker's port, so that a test can cut a client's
 * connection the way a dead device or a broken network does: without DISCONNECT, so the broker publishes
 * the client's last will. {@link #cut()} resets every open connection and refuses new ones until
 * {@link #resume()}.
 */
final class TcpForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean refusing;

    private TcpForwarder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "forwarder-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Forwards connections to 127.0.0.1:{@code targetPort}. */
    static TcpForwarder to(int targetPort) throws IOException {
        return new TcpForwarder(targetPort);
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Connections accepted (and forwarded, or refused while cut) so far. */
    int accepted() {
        return accepted.get();
    }

    /** Resets every open connection (both sides see it end without an MQTT DISCONNECT) and refuses new ones. */
    void cut() {
        refusing = true;
        for (Socket s : open) {
            reset(s);
        }
    }

    /** Forwards new connections again. */
    void resume() {
        refusing = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (refusing) {
                reset(client);
                continue;
            }
            Socket broker = new Socket();
            try {
                broker.connect(new InetSocketAddress("127.0.0.1", targetPort), 2000);
            } catch (IOException e) {
                reset(client);
                reset(broker);
                continue;
            }
            open.add(client);
            open.add(broker);
            pump(client, broker);
            pump(broker, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut, or one side went away
            } finally {
                close(from);
                close(to);
            }
        }, "forwarder-" + server.getLocalPort() + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with SO_LINGER 0: the peer gets a reset, not an orderly end. */
    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // not connected: closing is all there is to do
        }
        close(s);
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
