package io.flowmqtt.testing.mosquitto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

public class TestCertificatesTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();
    private static TestCertificates certs;

    @Rule
    public final Timeout timeout = Timeout.seconds(120);

    @BeforeClass
    public static void create() throws Exception {
        certs = TestCertificates.create(TMP.newFolder("pki").toPath());
    }

    @Test
    public void theServerCertificateIsSignedByTheCaForTheLoopbackAddressAndLocalhost() throws Exception {
        X509Certificate server = certificate(certs.serverCertificate());
        X509Certificate ca = certificate(certs.caCertificate());
        server.verify(ca.getPublicKey());
        server.checkValidity();
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")), List.copyOf(server.getSubjectAlternativeNames()));
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(ca.getBasicConstraints() >= 0);
    }

    @Test
    public void certificatesAreValidFromAnHourAgoForThirtyDays() throws Exception {
        X509Certificate server = certificate(certs.serverCertificate());
        Instant now = Instant.now();
        Duration backdate = Duration.between(server.getNotBefore().toInstant(), now);
        assertTrue(backdate.toString(), backdate.compareTo(Duration.ofMinutes(55)) > 0 && backdate.compareTo(Duration.ofMinutes(65)) < 0);
        Duration ahead = Duration.between(now, server.getNotAfter().toInstant());
        assertTrue(ahead.toString(), ahead.compareTo(Duration.ofDays(29)) > 0 && ahead.compareTo(Duration.ofDays(30)) <= 0);
    }

    @Test
    public void theVariantsAreWhatTheirNamesSay() throws Exception {
        X509Certificate ca = certificate(certs.caCertificate());
        assertEquals(List.of(List.of(2, "broker.invalid")),
                List.copyOf(certificate(certs.path("wrong-host.crt")).getSubjectAlternativeNames()));
        X509Certificate expired = certificate(certs.path("expired.crt"));
        expired.verify(ca.getPublicKey());
        assertThrows(CertificateExpiredException.class, expired::checkValidity);
        X509Certificate self = certificate(certs.path("self-signed.crt"));
        self.verify(self.getPublicKey());
        certificate(certs.path("other-client.crt")).verify(certificate(certs.otherCaCertificate()).getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate(certs.clientCertificate()).getExtendedKeyUsage());
    }

    @Test
    public void theClientKeyIsWrittenInEveryFormatTheTlsCodeReads() throws Exception {
        PrivateKey pkcs8 = key(certs.clientKey(), "-----BEGIN PRIVATE KEY-----");
        PrivateKey pkcs1 = key(certs.clientKeyPkcs1(), "-----BEGIN RSA PRIVATE KEY-----");
        assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());
        assertTrue(Files.readString(certs.clientKeyEncrypted()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        try (Reader text = Files.newBufferedReader(certs.clientKeyEncrypted()); PEMParser parser = new PEMParser(text)) {
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(new BouncyCastleProvider()).build(TestCertificates.KEY_PASSWORD.toCharArray()));
            assertArrayEquals(pkcs8.getEncoded(), new JcaPEMKeyConverter().getPrivateKey(info).getEncoded());
        }
        assertEquals("EC", key(certs.clientEcKey(), "-----BEGIN EC PRIVATE KEY-----").getAlgorithm());
        certificate(certs.clientEcCertificate()).verify(certificate(certs.caCertificate()).getPublicKey());

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.clientPkcs12())) {
            p12.load(in, TestCertificates.PKCS12_PASSWORD.toCharArray());
        }
        assertArrayEquals(pkcs8.getEncoded(), p12.getKey("client", TestCertificates.PKCS12_PASSWORD.toCharArray()).getEncoded());
        assertEquals(2, p12.getCertificateChain("client").length);
    }

    private static X509Certificate certificate(Path file) throws Exception {
        assertTrue(file + " is PEM", Files.readString(file).startsWith("-----BEGIN CERTIFICATE-----"));
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey key(Path file, String header) throws Exception {
        assertTrue(file + " starts with " + header, Files.readString(file).startsWith(header));
        try (Reader text = Files.newBufferedReader(file); PEMParser parser = new PEMParser(text)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return o instanceof PEMKeyPair ? converter.getKeyPair((PEMKeyPair) o).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) o);
        }
    }
}
