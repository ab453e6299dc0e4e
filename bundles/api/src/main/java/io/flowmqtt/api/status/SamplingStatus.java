package io.flowmqtt.api.status;

import java.time.Instant;

/**
 * How the sampling of a sampled data source ({@code io.flowmqtt.api.spi.SampledDataSource}) goes: whether it is
 * failing now, since when and why, for status displays (an output bound to the source shows it in its detail).
 * Built with {@link #builder()}; a field left unset is 0 or {@code null}, which reads "sampling works".
 */
public final class SamplingStatus extends RecordBacked {
    /** All values in one record: {@link RecordBacked} compares and prints them. */
    private record Values(String source, long failedSamples, long failingInRow, long failingSince, String currentError,
            String lastError) {
    }

    private final Values v;

    private SamplingStatus(Values v) {
        super(v);
        this.v = v;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this status's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().source(v.source()).failedSamples(v.failedSamples()).failingInRow(v.failingInRow())
                .failingSince(v.failingSince()).currentError(v.currentError()).lastError(v.lastError());
    }

    /** The source's type. */
    public String source() { return v.source(); }

    /** Samples that threw since the source started. */
    public long failedSamples() { return v.failedSamples(); }

    /** Samples that threw since the last one that worked; 0 while sampling works. */
    public long failingInRow() { return v.failingInRow(); }

    /** When the current series of failures began (epoch ms); 0 while sampling works. */
    public long failingSince() { return v.failingSince(); }

    /** The error of the latest sample of the current series; {@code null} while sampling works. */
    public String currentError() { return v.currentError(); }

    /** The last sampling error, also after sampling works again; {@code null} if none ever. */
    public String lastError() { return v.lastError(); }

    /** Whether the latest sample failed. */
    public boolean failing() {
        return failingInRow() > 0;
    }

    /**
     * In words: {@code sampling failing since 2026-11-25T14:01:47.123Z (12 samples in a row): java.io.IOException: ...},
     * or {@code sampling works} (with the number of failed samples since start, if any).
     */
    public String describe() {
        if (failing()) {
            return "sampling failing since " + Instant.ofEpochMilli(failingSince()) + " (" + failingInRow()
                    + (failingInRow() == 1 ? " sample" : " samples in a row") + "): " + currentError();
        }
        return failedSamples() == 0 ? "sampling works" : "sampling works (" + failedSamples() + " failed since start)";
    }

    /** Collects the values of a {@link SamplingStatus}. */
    public static final class Builder {
        private String source;
        private long failedSamples;
        private long failingInRow;
        private long failingSince;
        private String currentError;
        private String lastError;

        private Builder() {
        }

        public Builder source(String source) { this.source = source; return this; }
        public Builder failedSamples(long failedSamples) { this.failedSamples = failedSamples; return this; }
        public Builder failingInRow(long failingInRow) { this.failingInRow = failingInRow; return this; }
        public Builder failingSince(long failingSince) { this.failingSince = failingSince; return this; }
        public Builder currentError(String currentError) { this.currentError = currentError; return this; }
        public Builder lastError(String lastError) { this.lastError = lastError; return this; }

        public SamplingStatus build() {
            return new SamplingStatus(new Values(source, failedSamples, failingInRow, failingSince, currentError,
                    lastError));
        }
    }
}
