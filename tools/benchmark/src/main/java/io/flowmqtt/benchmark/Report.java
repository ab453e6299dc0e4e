package io.flowmqtt.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a results page states: how it was run (command, date, machine, load before and after, settings),
 * each run's figures per bridge, and their medians.
 */
public record Report(String command, String date, Machine machine, String loadBefore, String loadAfter, Options options,
                     String nodeRedVersion, List<Map<String, Measured>> runs) {

    /** The bridges in the order the runs measured them first, runtime before node-red. */
    public List<String> bridges() {
        List<String> names = new ArrayList<>();
        for (String name : List.of("runtime", "node-red")) {
            if (runs.stream().anyMatch(r -> r.containsKey(name))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Each bridge's medians over the runs. */
    public Map<String, Measured> medians() {
        Map<String, Measured> medians = new LinkedHashMap<>();
        for (String bridge : bridges()) {
            medians.put(bridge, Measured.median(runs.stream().filter(r -> r.containsKey(bridge)).map(r -> r.get(bridge)).toList()));
        }
        return medians;
    }

    /** A number for a table: grouped thousands, {@code digits} decimals, "–" for not measured. */
    static String number(double value, int digits) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + digits + "f", value);
    }

    /** A latency in ms for a table: two significant decimals below 10 ms, whole milliseconds above. */
    static String millis(double value) {
        return Double.isNaN(value) ? "–" : number(value, value < 10 ? 2 : value < 100 ? 1 : 0);
    }

    /** Seconds as a table cell: the median and, for several values, the range. */
    static String seconds(List<Double> values) {
        if (values.isEmpty()) {
            return "–";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String median = number(Measured.medianOf(values), 2);
        return values.size() == 1 ? median : median + " (" + number(min, 2) + "–" + number(max, 2) + ")";
    }

    /** runtime / node-red, or "–" when either is missing. */
    static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : number(a / b, 2) + "×";
    }
}
