package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A throw-away PKI as files, made in Java with Bouncy Castle (no openssl command line): a CA, a server
 * certificate for 127.0.0.1 and localhost, one for another host name, an expired one, a self-signed one, a
 * client certificate with its key in several formats, and a second, unrelated CA with its own client. Every
 * {@code NAME.crt} has its {@code NAME.key} (PKCS#8), so {@link Mosquitto#tls} can present any of them.
 */
public final class TestCertificates {
    /** The password of {@link #clientKeyEncrypted()}. */
    public static final String KEY_PASSWORD = "keypass";
    /** The password of {@link #clientPkcs12()}. */
    public static final String PKCS12_PASSWORD = "p12pass";
    private static final String[] LOCAL = {"localhost", "127.0.0.1"};

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir);
        CertificateAuthority ca = c.authority("ca");
        CertificateAuthority other = c.authority("other-ca");
        Instant now = Instant.now();
        c.server(ca, "server", now.minus(CertificateAuthority.BACKDATE), now.plus(CertificateAuthority.LIFETIME), LOCAL);
        c.server(ca, "wrong-host", now.minus(CertificateAuthority.BACKDATE), now.plus(CertificateAuthority.LIFETIME),
                "broker.invalid");
        c.server(ca, "expired", now.minus(CertificateAuthority.LIFETIME), now.minus(CertificateAuthority.BACKDATE), LOCAL);
        KeyPair selfKeys = CertificateAuthority.rsaKeys();
        c.save("self-signed", CertificateAuthority.selfSigned("self-signed", selfKeys, LOCAL), selfKeys);

        KeyPair clientKeys = CertificateAuthority.rsaKeys();
        X509Certificate client = ca.issueClient("client", clientKeys.getPublic());
        c.save("client", client, clientKeys);
        PemFiles.traditional(c.path("client-pkcs1.key"), clientKeys);
        PemFiles.encryptedPkcs8(c.path("client-encrypted.key"), clientKeys.getPrivate(), KEY_PASSWORD);
        PemFiles.pkcs12(c.path("client.p12"), clientKeys.getPrivate(), PKCS12_PASSWORD, client, ca.certificate());

        KeyPair ecKeys = CertificateAuthority.ecKeys();
        PemFiles.certificate(c.path("client-ec.crt"), ca.issueClient("client-ec", ecKeys.getPublic()));
        PemFiles.traditional(c.path("client-ec.key"), ecKeys);

        KeyPair otherKeys = CertificateAuthority.rsaKeys();
        c.save("other-client", other.issueClient("other-client", otherKeys.getPublic()), otherKeys);
        return c;
    }

    private CertificateAuthority authority(String name) throws IOException, GeneralSecurityException {
        CertificateAuthority ca = CertificateAuthority.create(name);
        save(name, ca.certificate(), ca.keys());
        return ca;
    }

    private void server(CertificateAuthority ca, String name, Instant notBefore, Instant notAfter, String... hosts)
            throws IOException, GeneralSecurityException {
        KeyPair keys = CertificateAuthority.rsaKeys();
        save(name, ca.issueServer(name, keys.getPublic(), notBefore, notAfter, hosts), keys);
    }

    private void save(String name, X509Certificate certificate, KeyPair keys) throws IOException {
        PemFiles.certificate(path(name + ".crt"), certificate);
        PemFiles.pkcs8(path(name + ".key"), keys.getPrivate());
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

    /** The same key, encrypted PKCS#8, password {@link #KEY_PASSWORD}. */
    public Path clientKeyEncrypted() { return dir.resolve("client-encrypted.key"); }

    /** Certificate and key as PKCS#12, password {@link #PKCS12_PASSWORD}. */
    public Path clientPkcs12() { return dir.resolve("client.p12"); }

    public Path clientEcCertificate() { return dir.resolve("client-ec.crt"); }

    /** SEC1 "BEGIN EC PRIVATE KEY". */
    public Path clientEcKey() { return dir.resolve("client-ec.key"); }
}
