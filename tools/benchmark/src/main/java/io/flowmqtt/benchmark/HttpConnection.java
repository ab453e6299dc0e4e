package io.flowmqtt.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection that POSTs JSON and reads the status, written on a plain socket so that the
 * load generator costs as little CPU as possible on a 2-core machine shared with what it measures (the JDK's
 * HttpClient spends several times more per request). It reconnects when the server closes the connection.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final byte[] head;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** POSTs to {@code http://127.0.0.1:port/path} with {@code Authorization: Bearer token}. */
    public HttpConnection(int port, String path, String token) {
        this.port = port;
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code body} and returns the response's status code; the body of the response is read and dropped. */
    public int post(byte[] body) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(body);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(body); // a kept-alive connection the server had closed meanwhile: one retry on a new one
        }
    }

    private int exchange(byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        out.write(request);
        out.flush();
        return readResponse();
    }

    private int readResponse() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: '" + status + "'");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (contentLength > 0) {
            skip(contentLength);
        } else if (contentLength < 0) {
            closing = true; // body up to the end of the connection: not expected from either server
        }
        if (closing) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                text.append((char) c);
            }
        }
        return text.toString();
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a response body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
            socket = null;
        }
    }
}
