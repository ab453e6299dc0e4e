package io.flowmqtt.simulator.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.api.EventState;
import io.flowmqtt.api.widgets.TimeBlock;
import io.flowmqtt.api.widgets.WidgetEventReport;
import io.flowmqtt.api.widgets.WidgetRef;
import io.flowmqtt.api.widgets.WidgetSnapshot;
import io.flowmqtt.api.widgets.WidgetType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The traffic of one simulated analytic (one camera view), advanced one tick at a time. The same
 * seed and the same tick times give the same reports, so tests can rely on them.
 *
 * <p>Widgets: 1 vehicle counts per category (value, time blocks), 2 speed statistics (statistical
 * value, time blocks), 3 category distribution (distribution, no time blocks), 4 zone events
 * (trajectory events: created on entering the zone, updated while inside, closed on leaving).
 */
final class Traffic {
    static final String[] CATEGORIES = {"car", "van", "light", "heavy", "bus", "motorcycle", "bicycle", "pedestrian"};
    private static final double[] WEIGHTS = {0.60, 0.12, 0.06, 0.05, 0.02, 0.04, 0.06, 0.05};
    private static final double[] MEAN_SPEED = {50, 48, 45, 42, 40, 52, 18, 5};

    final WidgetRef counts;
    final WidgetRef speeds;
    final WidgetRef distribution;
    final WidgetRef zoneEvents;
    private final SplittableRandom random;
    private final long blockMillis;
    private final int analytic;

    private long blockStart = Long.MIN_VALUE;
    private final long[] blockCounts = new long[CATEGORIES.length];
    private final long[] totalCounts = new long[CATEGORIES.length];
    private final List<Double> blockSpeeds = new ArrayList<>();
    private final Map<String, Track> inZone = new LinkedHashMap<>();
    private long tracks;
    long framesProcessed;
    long framesDropped;

    Traffic(int cube, int analytic, long seed, long blockMillis) {
        this.analytic = analytic;
        this.random = new SplittableRandom(seed * 31 + analytic);
        this.blockMillis = blockMillis;
        String view = "View " + (analytic + 1);
        counts = new WidgetRef(cube, analytic, 1, view + " vehicle count", WidgetType.VALUE);
        speeds = new WidgetRef(cube, analytic, 2, view + " speed", WidgetType.STATISTICAL_VALUE);
        distribution = new WidgetRef(cube, analytic, 3, view + " category distribution", WidgetType.DISTRIBUTION);
        zoneEvents = new WidgetRef(cube, analytic, 4, view + " zone events", WidgetType.EVENTS);
    }

    /** Advances to {@code now} (epoch ms) and returns what the analytics would report. */
    List<Object> tick(long now, long tickMillis) {
        List<Object> reports = new ArrayList<>();
        long start = now - Math.floorMod(now, blockMillis);
        if (start != blockStart) {
            blockStart = start;
            java.util.Arrays.fill(blockCounts, 0);
            blockSpeeds.clear();
        }
        framesProcessed += Math.max(1, tickMillis * 25 / 1000);
        if (random.nextDouble() < 0.02) {
            framesDropped += 1 + random.nextInt(3);
        }
        int arrivals = random.nextDouble() < 0.35 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < arrivals; i++) {
            int category = pickCategory();
            double speed = Math.max(1, MEAN_SPEED[category] + random.nextGaussian() * MEAN_SPEED[category] * 0.15);
            blockCounts[category]++;
            totalCounts[category]++;
            blockSpeeds.add(speed);
            if (random.nextDouble() < 0.5) {
                String id = "traj-" + analytic + "-" + now + "-" + (++tracks);
                Track track = new Track(id, CATEGORIES[category], speed, now, 2 + random.nextInt(4));
                inZone.put(id, track);
                reports.add(new WidgetEventReport(zoneEvents, id, EventState.CREATED, now, track.data(now)));
            }
        }
        for (Iterator<Track> it = inZone.values().iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (track.enteredAt == now) {
                continue;
            }
            track.ticksLeft--;
            track.speed = Math.max(1, track.speed + random.nextGaussian() * 2);
            EventState state = track.ticksLeft <= 0 ? EventState.CLOSED : EventState.UPDATED;
            reports.add(new WidgetEventReport(zoneEvents, track.id, state, now, track.data(now)));
            if (state == EventState.CLOSED) {
                it.remove();
            }
        }
        TimeBlock block = new TimeBlock(blockStart, blockStart + blockMillis);
        reports.add(new WidgetSnapshot(counts, block, now, countData()));
        reports.add(new WidgetSnapshot(speeds, block, now, speedData()));
        reports.add(new WidgetSnapshot(distribution, null, now, distributionData()));
        return reports;
    }

    private int pickCategory() {
        double r = random.nextDouble();
        for (int i = 0; i < WEIGHTS.length; i++) {
            r -= WEIGHTS[i];
            if (r <= 0) {
                return i;
            }
        }
        return 0;
    }

    private JsonObject countData() {
        JsonObject data = base(sum(blockCounts));
        JsonObject categories = new JsonObject();
        for (int i = 0; i < CATEGORIES.length; i++) {
            categories.addProperty(CATEGORIES[i], blockCounts[i]);
        }
        data.add("categories", categories);
        return data;
    }

    private JsonObject speedData() {
        JsonObject data = base(blockSpeeds.size());
        data.addProperty("unit", "km/h");
        if (blockSpeeds.isEmpty()) {
            data.add("mean", null);
            data.add("min", null);
            data.add("max", null);
            data.add("p85", null);
            return data;
        }
        List<Double> sorted = new ArrayList<>(blockSpeeds);
        sorted.sort(Double::compare);
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        data.addProperty("mean", round(mean));
        data.addProperty("min", round(sorted.get(0)));
        data.addProperty("max", round(sorted.get(sorted.size() - 1)));
        data.addProperty("p85", round(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.85) - 1))));
        return data;
    }

    private JsonObject distributionData() {
        long total = sum(totalCounts);
        JsonObject data = base(total);
        JsonObject shares = new JsonObject();
        for (int i = 0; i < CATEGORIES.length; i++) {
            shares.addProperty(CATEGORIES[i], total == 0 ? 0.0 : round(100.0 * totalCounts[i] / total));
        }
        data.add("percent", shares);
        return data;
    }

    private static JsonObject base(long objectCount) {
        JsonObject data = new JsonObject();
        data.addProperty("data_validity", "ok");
        data.addProperty("object_count", objectCount);
        return data;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static final class Track {
        final String id;
        final String category;
        final long enteredAt;
        double speed;
        int ticksLeft;

        Track(String id, String category, double speed, long enteredAt, int ticks) {
            this.id = id;
            this.category = category;
            this.speed = speed;
            this.enteredAt = enteredAt;
            this.ticksLeft = ticks;
        }

        JsonObject data(long now) {
            JsonObject data = base(1);
            data.addProperty("trajectory_id", id);
            data.addProperty("category", category);
            data.addProperty("zone", "Zone A");
            data.addProperty("entered_at", enteredAt);
            data.addProperty("dwell_ms", now - enteredAt);
            data.addProperty("speed_kmh", round(speed));
            return data;
        }
    }
}
