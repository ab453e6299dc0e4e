package io.flowmqtt.api.status;

/**
 * A certificate an interface is configured with, so that expiry can be watched as data. Built with
 * {@link #builder()}.
 */
public final class CertificateInfo extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(String role, String subject, long notAfter) {
    }

    private final Values v;

    private CertificateInfo(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this certificate's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().role(v.role()).subject(v.subject()).notAfter(v.notAfter());
    }

    /** {@code client} or {@code ca}. */
    public String role() { return v.role(); }

    /** The subject's distinguished name. */
    public String subject() { return v.subject(); }

    /** Expiry, epoch milliseconds. */
    public long notAfter() { return v.notAfter(); }

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
            return new CertificateInfo(new Values(role, subject, notAfter));
        }
    }
}
