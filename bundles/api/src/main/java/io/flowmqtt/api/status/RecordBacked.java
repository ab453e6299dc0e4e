package io.flowmqtt.api.status;

/**
 * The equals, hashCode and toString of the status types, written once. Each type keeps all its values in one
 * private record and hands it here, so that these compare and print every value, also one added later, and the
 * types cannot drift apart. Package-private: not part of the API.
 */
abstract class RecordBacked {
    private final Record values;

    RecordBacked(Record values) {
        this.values = values;
    }

    /** Equal to an object of the same type with equal values. */
    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && values.equals(((RecordBacked) o).values);
    }

    @Override
    public final int hashCode() {
        return values.hashCode();
    }

    /** The record's text under the type's name: {@code Counters[queued=0, queuedBytes=0, ...]}. */
    @Override
    public final String toString() {
        String text = values.toString();
        return getClass().getSimpleName() + text.substring(values.getClass().getSimpleName().length());
    }
}
