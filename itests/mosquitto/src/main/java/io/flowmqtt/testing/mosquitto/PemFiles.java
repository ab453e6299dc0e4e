package io.flowmqtt.testing.mosquitto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Writes certificates and keys in the encodings the TLS code under test must read: PEM certificates, private
 * keys as PKCS#8 ({@code BEGIN PRIVATE KEY}), as the traditional OpenSSL form ({@code BEGIN RSA PRIVATE KEY}
 * for RSA, SEC1 {@code BEGIN EC PRIVATE KEY} for EC), as encrypted PKCS#8, and certificate plus key as PKCS#12.
 */
public final class PemFiles {
    private PemFiles() {
    }

    public static void certificate(Path file, X509Certificate certificate) throws IOException {
        write(file, certificate);
    }

    /** Unencrypted PKCS#8. */
    public static void pkcs8(Path file, PrivateKey key) throws IOException {
        write(file, new JcaPKCS8Generator(key, null).generate());
    }

    /**
     * The traditional OpenSSL form: PKCS#1 for RSA; SEC1 for EC, with the public point included as {@code openssl
     * ecparam -genkey} writes it (JcaPEMWriter leaves it out, and readers that rebuild the key pair need it).
     */
    public static void traditional(Path file, KeyPair keys) throws IOException {
        if (!"EC".equals(keys.getPrivate().getAlgorithm())) {
            write(file, keys.getPrivate());
            return;
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey bare = ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes();
        int bits = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getParams().getOrder().bitLength();
        ECPrivateKey full = new ECPrivateKey(bits, bare.getKey(), new DERBitString(point),
                info.getPrivateKeyAlgorithm().getParameters());
        write(file, new PemObject("EC PRIVATE KEY", full.getEncoded()));
    }

    /** PKCS#8 encrypted with AES-256-CBC under {@code password} (what {@code openssl pkcs8 -topk8} makes). */
    public static void encryptedPkcs8(Path file, PrivateKey key, String password) throws IOException {
        try {
            JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(password.toCharArray());
            write(file, new JcaPKCS8Generator(key, encryptor.build()).generate());
        } catch (OperatorCreationException e) {
            throw new IOException("cannot encrypt the key for " + file, e);
        }
    }

    /** Certificate chain and key in one PKCS#12 file under {@code password}. */
    public static void pkcs12(Path file, PrivateKey key, String password, X509Certificate... chain)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, password.toCharArray(), chain);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static void write(Path file, Object object) throws IOException {
        try (Writer text = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object);
        }
    }
}
