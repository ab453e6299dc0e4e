package io.flowmqtt.source.network.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.flowmqtt.source.network.internal.RateCalculator.Counters;
import io.flowmqtt.source.network.internal.RateCalculator.Rates;
import java.util.HashMap;
import java.util.Map;

/**
 * The rate state of one run: fills the {@code *_per_s} fields of each interface in a body from
 * the counters of the same interface in the run's previous event. Used from the run's sampling
 * thread only.
 */
final class RunRates {
    private record Reading(Counters counters, long millis) {
    }

    private Map<String, Reading> previous = Map.of();

    /** Fills the rates into {@code body} (changed in place) for a sample taken at {@code millis}. */
    JsonObject apply(JsonObject body, long millis) {
        Map<String, Reading> current = new HashMap<>();
        if (body.has("interfaces") && body.get("interfaces").isJsonArray()) {
            for (JsonElement element : body.getAsJsonArray("interfaces")) {
                JsonObject nif = element.getAsJsonObject();
                String name = nif.get("name").getAsString();
                Counters counters = counters(nif);
                Reading before = previous.get(name);
                Rates rates = before == null
                        ? Rates.UNKNOWN : RateCalculator.rates(before.counters(), before.millis(), counters, millis);
                nif.add("bytes_in_per_s", number(rates.bytesIn()));
                nif.add("bytes_out_per_s", number(rates.bytesOut()));
                nif.add("packets_in_per_s", number(rates.packetsIn()));
                nif.add("packets_out_per_s", number(rates.packetsOut()));
                if (counters != null) {
                    current.put(name, new Reading(counters, millis));
                }
            }
        }
        previous = current;
        return body;
    }

    private static Counters counters(JsonObject nif) {
        try {
            return new Counters(nif.get("bytes_in").getAsLong(), nif.get("bytes_out").getAsLong(),
                    nif.get("packets_in").getAsLong(), nif.get("packets_out").getAsLong());
        } catch (RuntimeException e) {
            return null; // a counter was not readable in this sample
        }
    }

    private static JsonElement number(Double value) {
        return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
    }
}
