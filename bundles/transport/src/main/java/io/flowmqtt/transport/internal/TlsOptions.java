package io.flowmqtt.transport.internal;

/**
 * The TLS settings as configured (raw text, before loading). Compared to decide whether a
 * reconfiguration needs a new client. {@link #toString()} leaves out the key and its password.
 */
public record TlsOptions(boolean useClientCertificate, String clientCertificate, String clientKey, String clientKeyPassword,
                         boolean useCaCertificate, String caCertificate, boolean verifyServerCertificate,
                         boolean disableHostnameVerification) {
    @Override
    public String toString() {
        return "TlsOptions[clientCertificate=" + useClientCertificate + ", caCertificate=" + useCaCertificate
                + ", verifyServerCertificate=" + verifyServerCertificate
                + ", disableHostnameVerification=" + disableHostnameVerification + "]";
    }
}
