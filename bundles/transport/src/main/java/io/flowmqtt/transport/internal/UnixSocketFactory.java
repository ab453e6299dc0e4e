package io.flowmqtt.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.SocketFactory;

/**
 * Connects Paho to a broker's unix domain socket. Paho cannot load network modules from other
 * bundles, so the interface gives Paho a dummy {@code tcp://} URI and this factory, whose sockets
 * ignore the TCP address and talk to the socket file.
 *
 * <p>The streams call {@code read}/{@code write} on the channel directly: the channel streams of
 * {@code java.nio.channels.Channels} hold a lock across a blocking read, so Paho's writer would never
 * get CONNECT out while its reader waits.
 */
final class UnixSocketFactory extends SocketFactory {
    private final String path;

    UnixSocketFactory(String path) {
        this.path = path;
    }

    @Override
    public Socket createSocket() {
        return new UnixSocket(path);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        UnixSocket socket = new UnixSocket(path);
        socket.connect(null, 0);
        return socket;
    }

    private static final class UnixSocket extends Socket {
        private final String path;
        private volatile SocketChannel channel;
        private volatile boolean closed;

        UnixSocket(String path) {
            this.path = path;
        }

        @Override
        public void connect(SocketAddress ignored, int timeout) throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(path));
            } catch (IOException e) {
                ch.close();
                // A ConnectException, like a refused TCP connect, and without a cause: status shows the root cause's
                // message, which would otherwise lose the socket path.
                throw new ConnectException("cannot connect to unix socket " + path + ": " + e.getMessage());
            }
            channel = ch;
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public boolean isConnected() {
            return channel != null && channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            SocketChannel ch = requireChannel();
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n <= 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    return ch.read(ByteBuffer.wrap(b, off, len));
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            SocketChannel ch = requireChannel();
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                }
            };
        }

        private SocketChannel requireChannel() throws IOException {
            SocketChannel ch = channel;
            if (ch == null) {
                throw new IOException("unix socket " + path + " is not connected");
            }
            return ch;
        }

        @Override
        public void setSoTimeout(int timeout) {
            // Blocking channel reads ignore SO_TIMEOUT; closing the socket unblocks the reader instead.
        }

        @Override
        public void setTcpNoDelay(boolean on) {
            // not a TCP socket
        }

        @Override
        public synchronized void close() throws IOException {
            closed = true;
            SocketChannel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }

        @Override
        public void shutdownInput() throws IOException {
            requireChannel().shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            requireChannel().shutdownOutput();
        }
    }
}
