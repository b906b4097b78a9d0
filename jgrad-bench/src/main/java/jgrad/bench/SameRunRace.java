package jgrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import jgrad.engine.CompiledGraph;

/**
 * Python micrograd and jgrad on the moons demo's training step, in one run on one machine, with
 * the ratios: micrograd (rebuilt every step, as it must be), jgrad's {@link LearnersLoop} in a
 * fresh JVM with default flags (the first 40 steps after 5 warm-ups), and jgrad warmed up, rebuilt
 * ({@link MoonsDemo}) and replayed ({@link CompiledGraph}). Every side checks its losses against
 * micrograd's reference numbers, so no row times a wrong computation. Each row gives the median
 * wall time and the median CPU time of the thread that runs the step; the ratios divide CPU times,
 * which other processes on a busy machine disturb far less than wall time (caches are still shared).
 *
 * <p>{@code MICROGRAD_PATH=/path/to/micrograd java -cp jgrad-bench/target/benchmarks.jar
 * jgrad.bench.SameRunRace [python-steps] [seconds]}. {@code MICROGRAD_PATH} is a checkout of
 * karpathy/micrograd (pure Python, no dependencies), which the driver script imports; nothing of
 * micrograd is in this repository. {@code PYTHON} names the interpreter ({@code python3} if unset).
 * Without {@code MICROGRAD_PATH} the micrograd row is skipped, saying why, and no ratio is printed.
 * Defaults: 5 timed micrograd steps after 1 warm-up, 6 s for each in-process jgrad row.
 */
public final class SameRunRace {
    private SameRunRace() {
    }

    /** Runs the race and prints the table; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int pythonSteps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;

        Path dataFile = Files.createTempFile("jgrad-moons", ".txt");
        Path script = Files.createTempFile("jgrad-micrograd-moons", ".py");
        try {
            copyResource("moons_demo.txt", dataFile);
            copyResource("micrograd_moons.py", script);

            String skipped = null;
            double[] micrograd = {Double.NaN, Double.NaN};
            String pythonVersion = "";
            String path = System.getenv("MICROGRAD_PATH");
            String python = System.getenv().getOrDefault("PYTHON", "python3");
            if (path == null || path.isBlank()) {
                skipped = "MICROGRAD_PATH is not set; set it to a checkout of https://github.com/karpathy/micrograd";
            } else if (!Files.isRegularFile(Path.of(path, "micrograd", "engine.py"))) {
                skipped = "MICROGRAD_PATH=" + path + " has no micrograd/engine.py; point it at a micrograd checkout";
            } else {
                System.out.println("micrograd: " + (pythonSteps + 1) + " steps (about a second each)...");
                pythonVersion = firstLine(run(List.of(python, "--version"), null));
                List<String> out = run(List.of(python, script.toString(), dataFile.toString(), "1",
                        Integer.toString(pythonSteps)), path);
                micrograd = new double[] {medianOfSteps(out, 1, 2), medianOfSteps(out, 1, 4)};
            }

            System.out.println("jgrad, the learner's loop in a fresh JVM (default flags)...");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> loop = run(List.of(java, "-cp", System.getProperty("java.class.path"),
                    LearnersLoop.class.getName()), null);
            String[] last = lastLine(loop).split(" ");
            double[] learner = {Double.parseDouble(last[1]), Double.parseDouble(last[2])};

            System.out.println("jgrad, warmed up, rebuilt and replayed (" + seconds + " s each)...");
            MoonsDemo demo = new MoonsDemo(MoonsData.load());
            demo.verify();
            double[] rebuilt = medianMillis(seconds, k -> demo.step(k % 100), demo::reset);
            demo.reset();
            CompiledGraph compiled = CompiledGraph.compile(demo.loss());
            double[] replayed = medianMillis(seconds, k -> {
                double loss = compiled.forward();
                demo.zeroGrad();
                compiled.backward();
                demo.update(k % 100);
                return loss;
            }, demo::reset);

            System.out.println();
            System.out.println("Machine: " + cpu() + "; " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version") + ", in-process GC " + collectors()
                    + (pythonVersion.isEmpty() ? "" : "; " + pythonVersion));
            System.out.println();
            System.out.println("| moons step (65,818 nodes) | wall ms/step | CPU ms/step | × micrograd (CPU) |");
            System.out.println("|---|---:|---:|---:|");
            if (skipped == null) {
                row("Python micrograd, rebuilt (" + pythonSteps + " steps after 1)", micrograd, micrograd);
            }
            row("jgrad, learner's loop, fresh default JVM (40 steps after 5)", learner, micrograd);
            row("jgrad rebuilt, warmed up", rebuilt, micrograd);
            row("jgrad replayed (CompiledGraph), warmed up", replayed, micrograd);
            if (skipped != null) {
                System.out.println();
                System.out.println("micrograd skipped: " + skipped + ". No ratios without it.");
            }
        } finally {
            Files.deleteIfExists(dataFile);
            Files.deleteIfExists(script);
        }
    }

    private static void row(String what, double[] ms, double[] micrograd) {
        String ratio = Double.isNaN(micrograd[1]) ? "n/a" : String.format(Locale.ROOT, "%,.0f×", micrograd[1] / ms[1]);
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %s |%n", what, ms[0], ms[1], ratio);
    }

    /** Median wall time and thread CPU time of one call, after 40% of {@code seconds} of warm-up. */
    static double[] medianMillis(double seconds, IntToDoubleFunction step, Runnable reset) {
        double sink = 0;
        int k = 0;
        long end = System.nanoTime() + (long) (seconds * 0.4e9);
        while (System.nanoTime() < end) {
            if (k == 100) {
                reset.run();
                k = 0;
            }
            sink += step.applyAsDouble(k++);
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ms = new double[1 << 20];
        double[] cpu = new double[ms.length];
        int n = 0;
        end = System.nanoTime() + (long) (seconds * 0.6e9);
        while ((System.nanoTime() < end || n < 5) && n < ms.length) {
            if (k == 100) {
                reset.run();
                k = 0;
            }
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            sink += step.applyAsDouble(k++);
            cpu[n] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            ms[n++] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {LearnersLoop.median(java.util.Arrays.copyOf(ms, n)),
            LearnersLoop.median(java.util.Arrays.copyOf(cpu, n))};
    }

    /** The median of field {@code field} of the "step K WALL_MS LOSS CPU_MS" lines from step {@code skip} on. */
    private static double medianOfSteps(List<String> lines, int skip, int field) {
        List<Double> ms = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length >= 5 && f[0].equals("step") && Integer.parseInt(f[1]) >= skip) {
                ms.add(Double.parseDouble(f[field]));
            }
        }
        if (ms.isEmpty()) {
            throw new IllegalStateException("the micrograd driver printed no timed step: " + lines);
        }
        return LearnersLoop.median(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Runs a command, returns its output lines; fails with the output if it exits non-zero. */
    private static List<String> run(List<String> command, String micrograd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (micrograd != null) {
            pb.environment().put("MICROGRAD_PATH", micrograd);
        }
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + rc + ":\n"
                    + String.join("\n", lines));
        }
        return lines;
    }

    private static String firstLine(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static String lastLine(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = SameRunRace.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource jgrad/bench/" + name + " is missing from the class path");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The CPU model and whether it has AVX2 and AVX-512, from /proc/cpuinfo (Linux). */
    static String cpu() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            String simd = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
            return model + " (" + Runtime.getRuntime().availableProcessors() + " cores, " + simd + ")";
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch") + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        }
    }

    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("/"));
    }
}
