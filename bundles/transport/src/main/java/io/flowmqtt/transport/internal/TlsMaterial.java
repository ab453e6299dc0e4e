package io.flowmqtt.transport.internal;

import io.flowmqtt.api.status.CertificateInfo;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * Loaded TLS settings, ready for Paho.
 *
 * @param socketFactory        the factory with the configured key and trust managers
 * @param certificates         configured certificates with their expiry, for status
 * @param trustAll             the server certificate is not verified at all
 * @param hostnameVerification the host name is checked against the server certificate
 */
public record TlsMaterial(SSLSocketFactory socketFactory, List<CertificateInfo> certificates, boolean trustAll,
                          boolean hostnameVerification) {
}
