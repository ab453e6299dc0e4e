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
public final class ConnectionCheck {
    private final String address;
    private final List<Step> steps;

    private ConnectionCheck(Builder b) {
        this.address = b.address;
        this.steps = List.copyOf(b.steps);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this outcome's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().address(address).steps(steps);
    }

    /** The address tested, without credentials. */
    public String address() { return address; }

    /** The steps that ran. */
    public List<Step> steps() { return steps; }

    /** Whether every step passed. */
    public boolean ok() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::ok);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionCheck c && Objects.equals(address, c.address) && steps.equals(c.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, steps);
    }

    @Override
    public String toString() {
        return "ConnectionCheck[address=" + address + ", steps=" + steps + "]";
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
            return new ConnectionCheck(this);
        }
    }

    /** One step of a connection test. Built with {@link #builder()}. */
    public static final class Step {
        private final String name;
        private final boolean ok;
        private final long millis;
        private final String detail;

        private Step(Builder b) {
            this.name = b.name;
            this.ok = b.ok;
            this.millis = b.millis;
            this.detail = b.detail;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding this step's values, to derive a changed copy. */
        public Builder toBuilder() {
            return new Builder().name(name).ok(ok).millis(millis).detail(detail);
        }

        /** dns, tcp, socket, tls, connack, puback or qos. */
        public String name() { return name; }

        /** Whether it passed. */
        public boolean ok() { return ok; }

        /** How long it took. */
        public long millis() { return millis; }

        /** What was found (addresses, the certificate, ...) or why it failed; never a secret. */
        public String detail() { return detail; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && ok == s.ok && millis == s.millis && Objects.equals(name, s.name)
                    && Objects.equals(detail, s.detail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, ok, millis, detail);
        }

        @Override
        public String toString() {
            return "Step[name=" + name + ", ok=" + ok + ", millis=" + millis + ", detail=" + detail + "]";
        }

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
                return new Step(this);
            }
        }
    }
}
