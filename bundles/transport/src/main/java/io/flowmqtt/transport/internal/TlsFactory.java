package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.CertificateInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Turns the TLS settings into an {@link SSLSocketFactory}. PEM in every common form is read with
 * BouncyCastle (without registering it as a JVM-wide provider). Every failure names the property.
 */
final class TlsFactory {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private TlsFactory() {
    }

    static TlsMaterial build(TlsOptions options) throws InvalidSettingException {
        List<CertificateInfo> infos = new ArrayList<>();
        KeyManager[] keyManagers = null;
        if (options.useClientCertificate()) {
            keyManagers = clientKeyManagers(options, infos);
        }
        TrustManager[] trustManagers;
        boolean trustAll = !options.verifyServerCertificate();
        if (trustAll) {
            trustManagers = new TrustManager[] {new TrustEverything()};
        } else if (options.useCaCertificate()) {
            List<X509Certificate> cas = readCertificates("caCertificate", options.caCertificate());
            for (X509Certificate ca : cas) {
                infos.add(info("ca", ca));
            }
            trustManagers = pinnedTrust(cas);
        } else {
            trustManagers = null; // the JVM's default trust store
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, new SecureRandom());
            boolean hostnameVerification = !trustAll && !options.disableHostnameVerification();
            return new TlsMaterial(context.getSocketFactory(), List.copyOf(infos), trustAll, hostnameVerification);
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException("useClientCertificate", "cannot set up TLS: " + e.getMessage());
        }
    }

    private static KeyManager[] clientKeyManagers(TlsOptions options, List<CertificateInfo> infos) throws InvalidSettingException {
        String certText = options.clientCertificate();
        if (certText.isBlank()) {
            throw new InvalidSettingException("clientCertificate", "is required when useClientCertificate=true");
        }
        char[] keyPassword = options.clientKeyPassword().toCharArray();
        KeyStore store;
        X509Certificate leaf;
        if (isPkcs12(certText)) {
            store = loadPkcs12(certText.strip(), keyPassword);
            leaf = firstKeyCertificate(store);
        } else {
            List<X509Certificate> chain = readCertificates("clientCertificate", certText);
            if (options.clientKey().isBlank()) {
                throw new InvalidSettingException("clientKey", "is required with a PEM client certificate");
            }
            PrivateKey key = readPrivateKey(options.clientKey(), keyPassword);
            leaf = chain.get(0);
            if (!keyMatches(key, leaf)) {
                throw new InvalidSettingException("clientKey", "does not belong to the client certificate ("
                        + leaf.getSubjectX500Principal().getName() + ")");
            }
            try {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", key, keyPassword, chain.toArray(new X509Certificate[0]));
            } catch (GeneralSecurityException | IOException e) {
                throw new InvalidSettingException("clientKey", "cannot be used: " + e.getMessage());
            }
        }
        infos.add(info("client", leaf));
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, keyPassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException("clientKeyPassword", "cannot unlock the client key: " + e.getMessage());
        }
    }

    private static boolean isPkcs12(String text) {
        String lower = text.strip().toLowerCase();
        return !text.contains("-----BEGIN") && (lower.endsWith(".p12") || lower.endsWith(".pfx"));
    }

    private static KeyStore loadPkcs12(String path, char[] password) throws InvalidSettingException {
        Path file = existingFile("clientCertificate", path);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException("clientCertificate", "PKCS#12 file " + path
                    + " cannot be read (wrong clientKeyPassword or not PKCS#12): " + e.getMessage());
        }
    }

    private static X509Certificate firstKeyCertificate(KeyStore store) throws InvalidSettingException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    return cert;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException("clientCertificate", "PKCS#12 file cannot be read: " + e.getMessage());
        }
        throw new InvalidSettingException("clientCertificate", "PKCS#12 file holds no private key with a certificate");
    }

    static List<X509Certificate> readCertificates(String property, String value) throws InvalidSettingException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(pemReader(property, value))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certs.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidSettingException(property, "is not valid PEM: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new InvalidSettingException(property, "contains no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    static PrivateKey readPrivateKey(String value, char[] password) throws InvalidSettingException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(pemReader("clientKey", value))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(password);
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(password);
                    return converter.getKeyPair(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))).getPrivate();
                }
            }
        } catch (InvalidSettingException e) {
            throw e;
        } catch (Exception e) {
            // BouncyCastle's messages for a wrong password are vague; name the likely cause.
            throw new InvalidSettingException("clientKey", "cannot be read (malformed PEM, or wrong clientKeyPassword): "
                    + e.getMessage());
        }
        throw new InvalidSettingException("clientKey", "contains no PEM private key");
    }

    private static void requirePassword(char[] password) throws InvalidSettingException {
        if (password.length == 0) {
            throw new InvalidSettingException("clientKeyPassword", "is required: the client key is encrypted");
        }
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // unusual key type: let the handshake decide
        }
        try {
            byte[] probe = "flow-mqtt key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static TrustManager[] pinnedTrust(List<X509Certificate> cas) throws InvalidSettingException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidSettingException("caCertificate", "cannot be used as a trust anchor: " + e.getMessage());
        }
    }

    private static Reader pemReader(String property, String value) throws InvalidSettingException {
        if (value.contains("-----BEGIN")) {
            return new StringReader(value);
        }
        Path file = existingFile(property, value.strip());
        try {
            return new StringReader(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new InvalidSettingException(property, "file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static Path existingFile(String property, String path) throws InvalidSettingException {
        if (path.isEmpty()) {
            throw new InvalidSettingException(property, "is empty");
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingException(property, "file " + path + " does not exist (give a path or inline PEM)");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidSettingException(property, "file " + path + " is not readable");
        }
        return file;
    }

    private static CertificateInfo info(String role, X509Certificate cert) {
        return CertificateInfo.builder().role(role).subject(cert.getSubjectX500Principal().getName())
                .notAfter(cert.getNotAfter().getTime()).build();
    }

    /** verifyServerCertificate=false: accepts any server. Extended, so the JDK adds no checks of its own. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
