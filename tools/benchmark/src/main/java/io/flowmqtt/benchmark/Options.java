package io.flowmqtt.benchmark;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's command line, parsed and checked once. Every bad argument is refused with one sentence that names
 * it, so that a typo does not silently run a 12-minute benchmark with the wrong settings.
 */
public record Options(boolean quick, int runs, int seconds, int warmupSeconds, int rate, int connections, int restarts,
                      Set<Target> targets, Set<Phase> phases, boolean publish, List<String> commandLine) {

    /** The processes compared. */
    public enum Target {
        RUNTIME("runtime"), NODE_RED("node-red");

        public final String label;

        Target(String label) {
            this.label = label;
        }
    }

    /** The phases; RSS and CPU are read during throughput and latency, so they have no phase of their own. */
    public enum Phase {
        THROUGHPUT, LATENCY, STARTUP, RECONFIGURE
    }

    public static final String USAGE = """
            usage: ./benchmark [--no-build] [--quick] [--runs N] [--seconds N] [--warmup N] [--rate N] [--connections N]
                               [--restarts N] [--only runtime|node-red|throughput|latency|startup|reconfigure[,...]] [--publish]
              --quick        short phases (3 s after 1 s warm-up, 300 msg/s, 1 restart): a smoke run, numbers not for publishing
              --runs N       alternating rounds of everything, N times; each run and the median are reported (default 1)
              --seconds N    length of the throughput and the latency phase (default 20)
              --warmup N     load before each of those phases that is not counted: JIT, pools, caches (default 10)
              --rate N       fixed rate of the latency phase, msg/s, open loop (default 1000)
              --connections N  concurrent HTTP keep-alive connections of the load generator (default 16)
              --restarts N   launches timed per run (default 3)
              --only LIST    only these targets and/or phases (default: all)
              --publish      write docs/benchmark/results.md and chart.svg (default: tools/benchmark/target/)
            """;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with one sentence naming what is wrong. */
    public static Options parse(List<String> args) {
        boolean quick = args.contains("--quick");
        int runs = 1;
        int seconds = quick ? 3 : 20;
        int rate = quick ? 300 : 1000;
        int warmup = quick ? 1 : 10;
        int connections = 16;
        int restarts = quick ? 1 : 3;
        Set<Target> targets = EnumSet.noneOf(Target.class);
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        boolean publish = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick", "--no-build" -> { }
                case "--publish" -> publish = true;
                case "--runs" -> runs = number(args, ++i, arg, 1, 100);
                case "--seconds" -> seconds = number(args, ++i, arg, 1, 3600);
                case "--warmup" -> warmup = number(args, ++i, arg, 0, 600);
                case "--rate" -> rate = number(args, ++i, arg, 1, 1_000_000);
                case "--connections" -> connections = number(args, ++i, arg, 1, 1024);
                case "--restarts" -> restarts = number(args, ++i, arg, 0, 100);
                case "--only" -> only(value(args, ++i, arg), targets, phases);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (targets.isEmpty()) {
            targets = EnumSet.allOf(Target.class);
        }
        if (phases.isEmpty()) {
            phases = EnumSet.allOf(Phase.class);
        }
        List<String> line = new ArrayList<>(List.of("./benchmark"));
        line.addAll(args);
        return new Options(quick, runs, seconds, warmup, rate, connections, restarts, Set.copyOf(targets), Set.copyOf(phases),
                publish, List.copyOf(line));
    }

    public boolean has(Target target) {
        return targets.contains(target);
    }

    public boolean has(Phase phase) {
        return phases.contains(phase);
    }

    private static void only(String list, Set<Target> targets, Set<Phase> phases) {
        for (String item : list.split(",")) {
            String name = item.trim().toLowerCase(Locale.ROOT);
            Target target = switch (name) {
                case "runtime" -> Target.RUNTIME;
                case "node-red", "nodered" -> Target.NODE_RED;
                default -> null;
            };
            if (target != null) {
                targets.add(target);
                continue;
            }
            try {
                phases.add(Phase.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--only: '" + item.trim()
                        + "' is not one of runtime, node-red, throughput, latency, startup, reconfigure");
            }
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(List<String> args, int i, String option, int min, int max) {
        String text = value(args, i, option);
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", got " + n);
        }
        return n;
    }
}
