package io.flowmqtt.api.status;

import java.util.Objects;

/**
 * A certificate an interface is configured with, so that expiry can be watched as data. Built with
 * {@link #builder()}.
 */
public final class CertificateInfo {
    private final String role;
    private final String subject;
    private final long notAfter;

    private CertificateInfo(Builder b) {
        this.role = b.role;
        this.subject = b.subject;
        this.notAfter = b.notAfter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this certificate's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().role(role).subject(subject).notAfter(notAfter);
    }

    /** {@code client} or {@code ca}. */
    public String role() { return role; }

    /** The subject's distinguished name. */
    public String subject() { return subject; }

    /** Expiry, epoch milliseconds. */
    public long notAfter() { return notAfter; }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateInfo c && notAfter == c.notAfter && Objects.equals(role, c.role)
                && Objects.equals(subject, c.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, subject, notAfter);
    }

    @Override
    public String toString() {
        return "CertificateInfo[role=" + role + ", subject=" + subject + ", notAfter=" + notAfter + "]";
    }

    /** Collects the values of a {@link CertificateInfo}. */
    public static final class Builder {
        private String role;
        private String subject;
        private long notAfter;

        private Builder() {
        }

        public Builder role(String role) { this.role = role; return this; }
        public Builder subject(String subject) { this.subject = subject; return this; }
        public Builder notAfter(long notAfter) { this.notAfter = notAfter; return this; }

        public CertificateInfo build() {
            return new CertificateInfo(this);
        }
    }
}
