package io.flowmqtt.api.status;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a staged connection test against one broker address: which steps passed, how long each took,
 * and in words why the first failing one failed. Steps run in order and stop at the first failure: {@code dns},
 * {@code tcp} (or {@code socket} for unix), {@code tls} (secure addresses), {@code connack} (MQTT CONNECT with
 * the interface's credentials), {@code puback} (a QoS 1 publish to {@code <root>/status/test}), {@code qos} (a
 * subscription at the interface's QoS: the QoS the broker grants, which the interface sends at most).
 * Built with {@link #builder()}.
 */
public final class ConnectionCheck extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(String address, List<Step> steps) {
    }

    private final Values v;

    private ConnectionCheck(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this outcome's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().address(v.address()).steps(v.steps());
    }

    /** The address tested, without credentials. */
    public String address() { return v.address(); }

    /** The steps that ran. */
    public List<Step> steps() { return v.steps(); }

    /** Whether every step passed. */
    public boolean ok() {
        return !steps().isEmpty() && steps().stream().allMatch(Step::ok);
    }

    /** Collects the values of a {@link ConnectionCheck}; no steps unless set. */
    public static final class Builder {
        private String address;
        private List<Step> steps = List.of();

        private Builder() {
        }

        public Builder address(String address) { this.address = address; return this; }

        public Builder steps(List<Step> steps) {
            this.steps = Objects.requireNonNull(steps, "steps (use an empty list for none)");
            return this;
        }

        public ConnectionCheck build() {
            return new ConnectionCheck(new Values(address, List.copyOf(steps)));
        }
    }

    /** One step of a connection test. Built with {@link #builder()}. */
    public static final class Step extends RecordBacked {
        /** All values in one record: {@link RecordBacked} compares and prints them. */
        private record Values(String name, boolean ok, long millis, String detail) {
        }

        private final Values v;

        private Step(Values v) {
            super(v);
            this.v = v;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding this step's values, to derive a changed copy. */
        public Builder toBuilder() {
            return new Builder().name(v.name()).ok(v.ok()).millis(v.millis()).detail(v.detail());
        }

        /** dns, tcp, socket, tls, connack, puback or qos. */
        public String name() { return v.name(); }

        /** Whether it passed. */
        public boolean ok() { return v.ok(); }

        /** How long it took. */
        public long millis() { return v.millis(); }

        /** What was found (addresses, the certificate, ...) or why it failed; never a secret. */
        public String detail() { return v.detail(); }

        /** Collects the values of a {@link Step}. */
        public static final class Builder {
            private String name;
            private boolean ok;
            private long millis;
            private String detail;

            private Builder() {
            }

            public Builder name(String name) { this.name = name; return this; }
            public Builder ok(boolean ok) { this.ok = ok; return this; }
            public Builder millis(long millis) { this.millis = millis; return this; }
            public Builder detail(String detail) { this.detail = detail; return this; }

            public Step build() {
                return new Step(new Values(name, ok, millis, detail));
            }
        }
    }
}
