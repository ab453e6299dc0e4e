package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away PKI made with the openssl command: a CA, a server certificate for 127.0.0.1 and
 * localhost, a server certificate for another host name, a self-signed server certificate, a
 * client certificate with its key in several formats, and a second, unrelated CA.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir);
        c.makeCa("ca");
        c.makeCa("other-ca");
        c.makeSigned("server", "ca", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        c.makeSigned("wrong-host", "ca", "subjectAltName=DNS:broker.invalid");
        c.makeSigned("client", "ca", "extendedKeyUsage=clientAuth");
        c.makeSigned("other-client", "other-ca", "extendedKeyUsage=clientAuth");
        Mosquitto.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=self-signed",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", c.file("self-signed.key"), "-out", c.file("self-signed.crt"));
        // the client key in other encodings
        Mosquitto.run("openssl", "rsa", "-in", c.file("client.key"), "-traditional", "-out", c.file("client-pkcs1.key"));
        Mosquitto.run("openssl", "pkcs8", "-topk8", "-in", c.file("client.key"), "-passout", "pass:keypass",
                "-out", c.file("client-encrypted.key"));
        Mosquitto.run("openssl", "pkcs12", "-export", "-in", c.file("client.crt"), "-inkey", c.file("client.key"),
                "-passout", "pass:p12pass", "-out", c.file("client.p12"));
        Mosquitto.run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", c.file("client-ec.key"));
        Mosquitto.run("openssl", "req", "-new", "-key", c.file("client-ec.key"), "-subj", "/CN=client-ec", "-out", c.file("client-ec.csr"));
        Mosquitto.run("openssl", "x509", "-req", "-in", c.file("client-ec.csr"), "-CA", c.file("ca.crt"), "-CAkey", c.file("ca.key"),
                "-CAcreateserial", "-days", "2", "-out", c.file("client-ec.crt"));
        return c;
    }

    private void makeCa(String name) throws IOException, InterruptedException {
        Mosquitto.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", file(name + ".key"), "-out", file(name + ".crt"));
    }

    private void makeSigned(String name, String ca, String extension) throws IOException, InterruptedException {
        Mosquitto.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name,
                "-keyout", file(name + ".key"), "-out", file(name + ".csr"));
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extension + "\n");
        Mosquitto.run("openssl", "x509", "-req", "-in", file(name + ".csr"), "-CA", file(ca + ".crt"), "-CAkey", file(ca + ".key"),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", file(name + ".crt"));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    public Path path(String name) { return dir.resolve(name); }

    public Path caCertificate() { return dir.resolve("ca.crt"); }

    public Path otherCaCertificate() { return dir.resolve("other-ca.crt"); }

    public Path serverCertificate() { return dir.resolve("server.crt"); }

    public Path serverKey() { return dir.resolve("server.key"); }

    public Path clientCertificate() { return dir.resolve("client.crt"); }

    /** PKCS#8, unencrypted. */
    public Path clientKey() { return dir.resolve("client.key"); }

    /** The same key as PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
    public Path clientKeyPkcs1() { return dir.resolve("client-pkcs1.key"); }

    /** The same key, encrypted PKCS#8, password {@code keypass}. */
    public Path clientKeyEncrypted() { return dir.resolve("client-encrypted.key"); }

    /** Certificate and key as PKCS#12, password {@code p12pass}. */
    public Path clientPkcs12() { return dir.resolve("client.p12"); }

    public Path clientEcCertificate() { return dir.resolve("client-ec.crt"); }

    /** SEC1 "BEGIN EC PRIVATE KEY". */
    public Path clientEcKey() { return dir.resolve("client-ec.key"); }

}
