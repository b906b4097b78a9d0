package jgrad.playground;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.io.Json;

/**
 * The playground's speed, as a table (a main, not a test): train-view updates a second for
 * MLP(2, [16, 16, 1]) on 200 moons points (one step, the boundary and heatmaps, the JSON the stream
 * sends), and the expression view's answer time over HTTP, which holds every backward step of the
 * expression (the page then applies one step per click without asking again). The train rows also
 * give the CPU time per update of the measuring thread, which on a busy machine tells what a free
 * core would do.
 *
 * <pre>
 * ./jgrad --version &amp;&amp; java -cp jgrad-cli/target/jgrad.jar jgrad.playground.PlaygroundBenchmark
 * </pre>
 */
public final class PlaygroundBenchmark {
    /** CPU time of this thread: on a shared machine it says what a free core would do. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private PlaygroundBenchmark() {
    }

    /** Runs the measurements and prints the table. */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.println("jgrad playground benchmark (" + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + ", " + seconds + " s per row, load average "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")");
        System.out.printf(Locale.ROOT, "%-62s %12s %10s %12s%n", "what", "per second", "ms each", "CPU ms each");
        TrainConfig config = TrainConfig.fromJson(Map.of("dataset", "moons", "samples", 200L, "init", "seed"));
        for (boolean details : new boolean[] {false, true}) {
            TrainSession s = new TrainSession(config, null);
            run(s, details, 1);   // warm-up
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            int before = s.steps();
            double rate = run(s, details, seconds);
            double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6 / (s.steps() - before);
            System.out.printf(Locale.ROOT, "%-62s %12.1f %10.2f %12.2f%n", "train update, MLP(2,[16,16,1]), 200 points"
                    + (details ? ", + params, point graph" : ", step+boundary+heatmaps+JSON"), rate, 1000 / rate, cpuMs);
        }
        PlaygroundServer server = PlaygroundServer.start(0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (String preset : List.of("lecture", "neuron", "readme")) {
                String body = Json.write(Map.of("source", ExpressionParser.presets().get(preset)));
                HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "api/expression"))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                int n = 0;
                long end = System.nanoTime() + (long) (1e9 * Math.max(1, seconds / 3));
                double[] ms = new double[100_000];
                while (System.nanoTime() < end || n < 50) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("expression request failed: " + r.body());
                    }
                    ms[n++ % ms.length] = (System.nanoTime() - t) / 1e6;
                }
                double[] sorted = Arrays.copyOf(ms, Math.min(n, ms.length));
                Arrays.sort(sorted);
                int steps = ((List<?>) ((Map<?, ?>) Json.parse(client.send(req, HttpResponse.BodyHandlers.ofString()).body()))
                        .get("steps")).size();
                System.out.printf(Locale.ROOT, "%-62s %12.1f %10.2f   (p99 %.2f ms)%n",
                        "expression '" + preset + "' over HTTP, all " + steps + " backward steps", 1000 / sorted[sorted.length / 2],
                        sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)]);
            }
        } finally {
            server.stop();
        }
    }

    private static double run(TrainSession s, boolean details, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int n = 0;
        long bytes = 0;
        while (System.nanoTime() < end) {
            if (details) {
                s.step();
                bytes += Json.write(s.update(true)).length();
            } else {
                bytes += Json.write(s.stepAndUpdate()).length();
            }
            n++;
        }
        if (bytes == 0) {
            throw new AssertionError("nothing written");
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
