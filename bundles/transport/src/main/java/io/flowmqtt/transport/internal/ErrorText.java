package io.flowmqtt.transport.internal;

import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Says in words why a connect or a connection failed: the CONNACK return code, the TLS step, or the
 * socket error. Paho's messages alone ("Unable to connect to server") do not tell an operator what to fix.
 */
final class ErrorText {
    private ErrorText() {
    }

    static boolean isTimeout(Throwable e) {
        return e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT;
    }

    static String describe(Throwable e) {
        if (e instanceof MqttException m) {
            int code = m.getReasonCode();
            switch (code) {
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION:
                    return "broker refused the connection: CONNACK return code 1 (unacceptable protocol version)";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "broker refused the connection: CONNACK return code 2 (client identifier rejected)";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "broker refused the connection: CONNACK return code 3 (server unavailable)";
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    // the operator's fix is in the interface's configuration, so the sentence names it
                    return "broker refused the connection: CONNACK return code 4 (bad user name or password):"
                            + " check the interface's username and password";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    // Mosquitto 2 answers a wrong password with 5, not 4; 5 can also be the broker's ACL
                    return "broker refused the connection: CONNACK return code 5 (not authorized):"
                            + " check the interface's username and password, and the broker's ACL for this client";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "no answer from the broker within the connect timeout";
                default:
                    break;
            }
            Throwable cause = m.getCause();
            if (cause != null) {
                return describeCause(cause);
            }
            return m.getMessage() + " (Paho reason " + code + ")";
        }
        return describeCause(e);
    }

    private static String describeCause(Throwable cause) {
        Throwable root = cause;
        SSLException ssl = null;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException s) {
                ssl = s;
            }
            root = root.getCause();
        }
        if (root instanceof SSLException s) {
            ssl = s;
        }
        String text = String.valueOf(root.getMessage());
        if (ssl != null || root instanceof java.security.cert.CertificateException) {
            String all = chain(cause);
            if (all.contains("No subject alternative") || all.contains("No name matching")) {
                return "TLS: the broker's certificate does not match the host name (" + text + ")";
            }
            if (all.contains("PKIX") || all.contains("unable to find valid certification path")
                    || all.contains("signature check failed") || all.contains("Certificate signature validation")) {
                return "TLS: the broker's certificate is not trusted (" + text + ")";
            }
            if (all.contains("bad_certificate") || all.contains("certificate_required") || all.contains("unknown_ca")) {
                return "TLS: the broker rejected the client certificate (" + text + ")";
            }
            return "TLS handshake failed: " + text;
        }
        if (root instanceof java.io.EOFException) {
            return "the broker closed the connection";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + text;
    }

    private static String chain(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null && all.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t).append(" | ");
        }
        return all.toString();
    }
}
