package io.flowmqtt.testing.mosquitto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests, made with Bouncy Castle in memory: its own key and self-signed certificate,
 * and {@link #issue} for server and client certificates. Certificates are valid from one hour ago (clock skew
 * between the test and the broker) to 30 days ahead, unless a test asks for another window.
 */
public final class CertificateAuthority {
    public static final Duration BACKDATE = Duration.ofHours(1);
    public static final Duration LIFETIME = Duration.ofDays(30);
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new root CA {@code CN=name}. */
    public static CertificateAuthority create(String name) throws GeneralSecurityException {
        KeyPair keys = rsaKeys();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        X509Certificate cert = sign(builder(subject, subject, keys.getPublic(), now.minus(BACKDATE), now.plus(LIFETIME))
                .caExtensions(keys.getPublic()), keys);
        return new CertificateAuthority(keys, cert);
    }

    /** A self-signed end-entity certificate for {@code hosts}: trusted by nobody but whom it is given to. */
    public static X509Certificate selfSigned(String name, KeyPair keys, String... hosts) throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        return sign(builder(subject, subject, keys.getPublic(), now.minus(BACKDATE), now.plus(LIFETIME))
                .serverExtensions(hosts), keys);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keys() {
        return keys;
    }

    /**
     * A server certificate for {@code hosts} (DNS names, or IP addresses such as {@code 127.0.0.1}, which go into
     * the subject alternative names as such), valid from {@code notBefore} to {@code notAfter}.
     */
    public X509Certificate issueServer(String name, PublicKey key, Instant notBefore, Instant notAfter, String... hosts)
            throws GeneralSecurityException {
        return sign(builder(issuerName(), new X500Name("CN=" + name), key, notBefore, notAfter).serverExtensions(hosts)
                .authorityKey(certificate), keys);
    }

    /** A server certificate for {@code hosts}, valid now. */
    public X509Certificate issueServer(String name, PublicKey key, String... hosts) throws GeneralSecurityException {
        Instant now = Instant.now();
        return issueServer(name, key, now.minus(BACKDATE), now.plus(LIFETIME), hosts);
    }

    /** A client certificate (extended key usage clientAuth), valid now. */
    public X509Certificate issueClient(String name, PublicKey key) throws GeneralSecurityException {
        Instant now = Instant.now();
        return sign(builder(issuerName(), new X500Name("CN=" + name), key, now.minus(BACKDATE), now.plus(LIFETIME))
                .clientExtensions().authorityKey(certificate), keys);
    }

    private X500Name issuerName() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    public static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A P-256 ({@code prime256v1}) key pair. */
    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Builder builder(X500Name issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
        return new Builder(new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, key), key);
    }

    private static X509Certificate sign(Builder builder, KeyPair signer) throws GeneralSecurityException {
        String algorithm = "EC".equals(signer.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.cert.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + algorithm, e);
        }
    }

    /** The extensions OpenSSL (Mosquitto) and the JDK expect of each kind of certificate. */
    private static final class Builder {
        private final X509v3CertificateBuilder cert;
        private final JcaX509ExtensionUtils utils;

        Builder(X509v3CertificateBuilder cert, PublicKey key) {
            this.cert = cert;
            try {
                this.utils = new JcaX509ExtensionUtils();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 for key identifiers is missing", e);
            }
            add(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        }

        Builder caExtensions(PublicKey self) {
            add(Extension.basicConstraints, true, new BasicConstraints(true));
            add(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            add(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(self));
            return this;
        }

        Builder serverExtensions(String... hosts) {
            GeneralName[] names = new GeneralName[hosts.length];
            for (int i = 0; i < hosts.length; i++) {
                boolean ip = hosts[i].matches("[0-9.]+|.*:.*");
                names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
            }
            add(Extension.basicConstraints, true, new BasicConstraints(false));
            add(Extension.subjectAlternativeName, false, new GeneralNames(names));
            add(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return this;
        }

        Builder clientExtensions() {
            add(Extension.basicConstraints, true, new BasicConstraints(false));
            add(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return this;
        }

        Builder authorityKey(X509Certificate issuer) {
            try {
                add(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("the issuer's certificate does not encode", e);
            }
            return this;
        }

        private void add(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical,
                org.bouncycastle.asn1.ASN1Encodable value) {
            try {
                cert.addExtension(oid, critical, value);
            } catch (CertIOException e) {
                throw new IllegalStateException("extension " + oid + " does not encode", e);
            }
        }
    }
}
