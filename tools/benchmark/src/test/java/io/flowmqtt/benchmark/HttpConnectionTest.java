package io.flowmqtt.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

public class HttpConnectionTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    /** A server that answers its requests, across connections, with these responses in turn. */
    public HttpConnectionTest() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{\"accepted\":1}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        thread = new Thread(() -> serve(answers));
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(List<String> answers) {
        int next = 0;
        while (next < answers.size()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                while (next < answers.size()) {
                    StringBuilder request = new StringBuilder();
                    int length = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        request.append(line).append('\n');
                        if (line.startsWith("Content-Length: ")) {
                            length = Integer.parseInt(line.substring(16));
                        }
                    }
                    if (request.length() == 0) {
                        break; // the client closed the connection
                    }
                    char[] body = new char[length];
                    for (int read = 0; read < length; ) {
                        read += in.read(body, read, length - read);
                    }
                    requests.add(request + "\n" + new String(body));
                    String answer = answers.get(next++);
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (answer.contains("Connection: close")) {
                        break;
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @After
    public void close() throws IOException {
        server.close();
    }

    @Test
    public void keepsTheConnectionReadsEveryKindOfBodyAndReconnectsAfterAClose() throws Exception {
        try (HttpConnection c = new HttpConnection(server.getLocalPort(), "/flow/webhook", "secret-token-1234")) {
            assertEquals(200, c.post("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(200, c.post("{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(401, c.post("{\"a\":3}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(503, c.post("{\"a\":4}".getBytes(StandardCharsets.UTF_8)));
        }
        thread.join(5000);
        assertEquals("three requests on the first connection, the fourth on a new one", 2, connections.get());
        assertEquals(4, requests.size());
        String first = requests.get(0);
        assertTrue(first, first.startsWith("POST /flow/webhook HTTP/1.1\n"));
        assertTrue(first, first.contains("Authorization: Bearer secret-token-1234\n"));
        assertTrue(first, first.contains("Content-Type: application/json\n"));
        assertTrue(first, first.endsWith("\n\n{\"a\":1}"));
        assertTrue(requests.get(3), requests.get(3).endsWith("{\"a\":4}"));
    }

    @Test
    public void nobodyListeningIsAnError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (HttpConnection c = new HttpConnection(port, "/", "t")) {
            assertThrows(IOException.class, () -> c.post(new byte[] {'{', '}'}));
        }
    }
}
