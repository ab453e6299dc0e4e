package io.flowmqtt.operator.api.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Checks that an upload is what it is meant to be, with Bouncy Castle (as the transport reads it), and says
 * what it is in one line: a client certificate chain or a CA bundle (PEM certificates and nothing else: a
 * private key pasted along would otherwise sit in a file that is not treated as secret), a private key
 * (exactly one, plain or encrypted), or a PKCS#12 file for the client certificate. Summaries never hold key
 * material.
 */
final class PemInspector {
    /** What was uploaded: a one-line summary, and the file extension the transport recognises it by. */
    record Inspection(String summary, String extension) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final Map<String, String> ALGORITHMS = Map.of("1.2.840.113549.1.1.1", "RSA", "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448", "1.2.840.10040.4.1", "DSA");

    private PemInspector() {
    }

    static Inspection inspect(String kind, byte[] upload, boolean pkcs12, long now) throws ApiException {
        if (pkcs12) {
            if (!kind.equals("certificate")) {
                throw new ApiException(400, "a PKCS#12 file can only be a client certificate (kind=certificate)");
            }
            try {
                new PKCS12PfxPdu(upload);
            } catch (IOException | RuntimeException e) {
                throw new ApiException(400, "this is not a PKCS#12 file");
            }
            return new Inspection("PKCS#12 file (" + upload.length + " bytes); its password goes into clientKeyPassword", ".p12");
        }
        List<Object> objects = read(upload);
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof X509CertificateHolder c) {
                certificates.add(c);
            } else if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                    || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                keys.add(o);
            } else {
                throw new ApiException(400, "the PEM text holds a " + o.getClass().getSimpleName()
                        + ", which is neither a certificate nor a private key");
            }
        }
        switch (kind) {
            case "certificate", "ca" -> {
                if (!keys.isEmpty()) {
                    throw new ApiException(400, "the PEM text holds a private key: upload it on its own with kind=key");
                }
                if (certificates.isEmpty()) {
                    throw new ApiException(400, "the PEM text holds no certificate (-----BEGIN CERTIFICATE-----)");
                }
                return new Inspection(describe(certificates, kind.equals("ca"), now), ".pem");
            }
            case "key" -> {
                if (keys.size() != 1 || !certificates.isEmpty()) {
                    throw new ApiException(400, "a key upload must hold exactly one private key and nothing else; it holds "
                            + keys.size() + " key(s) and " + certificates.size() + " certificate(s)");
                }
                return new Inspection(describe(keys.get(0)), ".pem");
            }
            default -> throw new ApiException(400, "kind must be certificate, key or ca");
        }
    }

    private static List<Object> read(byte[] upload) throws ApiException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(upload, StandardCharsets.US_ASCII)))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "this is not readable PEM text (" + e.getClass().getSimpleName() + ")");
        }
        if (objects.isEmpty()) {
            throw new ApiException(400, "this is not PEM text: send the file's text, from -----BEGIN ...----- to -----END ...-----");
        }
        return objects;
    }

    private static String describe(List<X509CertificateHolder> certificates, boolean ca, long now) {
        X509CertificateHolder first = certificates.get(0);
        Instant notAfter = first.getNotAfter().toInstant();
        String validity = notAfter.toEpochMilli() < now ? "expired on " + DAY.format(notAfter) : "valid until " + DAY.format(notAfter);
        String text = first.getSubject() + ", " + validity;
        int more = certificates.size() - 1;
        if (more > 0) {
            text += ca ? "; and " + more + " more CA certificate(s)" : "; with " + more + " more certificate(s) of its chain";
        }
        return text;
    }

    private static String describe(Object key) throws ApiException {
        if (key instanceof PEMEncryptedKeyPair || key instanceof PKCS8EncryptedPrivateKeyInfo) {
            return "encrypted private key; its password goes into clientKeyPassword";
        }
        PrivateKeyInfo info = key instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) key;
        String algorithm = ALGORITHMS.getOrDefault(info.getPrivateKeyAlgorithm().getAlgorithm().getId(), "private");
        if (algorithm.equals("RSA")) {
            try {
                int bits = RSAPrivateKey.getInstance(info.parsePrivateKey()).getModulus().bitLength();
                return "RSA private key (" + bits + " bit)";
            } catch (IOException | RuntimeException e) {
                throw new ApiException(400, "the RSA private key cannot be read");
            }
        }
        return algorithm + (algorithm.equals("private") ? " key" : " private key");
    }
}
