package io.flowmqtt.api;

/**
 * A certificate an interface is configured with, so that expiry can be watched as data.
 *
 * @param role     {@code client} or {@code ca}
 * @param subject  the subject's distinguished name
 * @param notAfter expiry, epoch milliseconds
 */
public record CertificateInfo(String role, String subject, long notAfter) {
}
