package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jgrad.nn.MLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a save interrupted by Ctrl-C, SIGTERM or {@code kill -9} leaves the old file or the new
 * one, complete, and no temporary file (after {@code kill -9}, the next save sweeps it). A child JVM
 * ({@link SaveLoop}) saves a model of about 1.6 MB over and over through {@link ModelFile#save}, the
 * path {@code jgrad train} and {@code jgrad demo} save through; the test signals it at seeded random
 * moments.
 */
class InterruptedSaveTest {
    @TempDir
    Path dir;

    /** The child: saves versions "A" and "B" of a large model to args[0] in turn, until it is stopped. */
    public static final class SaveLoop {
        public static void main(String[] args) throws IOException {
            Path target = Path.of(args[0]);
            MLP model = MLP.builder(2, 200, 200, 2).build(new Random(1));   // 41,002 parameters, ~1.6 MB of JSON
            SavedModel a = new SavedModel(model, null, List.of(), List.of(), Map.of("v", "A"));
            SavedModel b = new SavedModel(model, null, List.of(), List.of(), Map.of("v", "B"));
            System.out.println("ready");
            System.out.flush();
            for (long k = 0; ; k++) {
                ModelFile.save(target, k % 2 == 0 ? a : b);
            }
        }
    }

    @Test
    void signalsLeaveTheOldOrTheNewFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("model.json");
        ModelFile.save(target, new SavedModel(MLP.builder(2, 1).build(new Random(0)), null, List.of(), List.of(),
                Map.of("v", "old")));
        Random rng = new Random(17);
        List<String> seen = new ArrayList<>();
        // a child inherits an ignored SIGINT (a build started with '&' from a script): then Ctrl-C
        // cannot reach it at all, so those trials send SIGTERM instead of failing on the environment
        boolean intIgnored = sigintIgnored();
        for (int trial = 0; trial < 24; trial++) {
            String signal = trial % 2 == 0 && !intIgnored ? "INT" : "TERM";
            Process p = start(target);
            Thread.sleep(rng.nextInt(800));
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the child stops on SIG" + signal).isTrue();
            seen.add(check(target, "SIG" + signal + " in trial " + trial));
            assertThat(temporaries()).as("temporary files after SIG" + signal + " in trial " + trial).isEmpty();
        }
        assertThat(seen).as("the signals landed between saves of both versions").contains("A", "B");

        for (int trial = 0; trial < 6; trial++) {
            Process p = start(target);
            Thread.sleep(100 + rng.nextInt(400));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            check(target, "kill -9 in trial " + trial);
            // a kill -9 cannot clean up; the next save to the target sweeps what it left
            ModelFile.save(target, ModelFile.load(target));
            assertThat(temporaries()).as("temporary files after kill -9 and one more save").isEmpty();
        }
    }

    private Process start(Path target) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the child's first line").isEqualTo("ready");
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the child's output, if any, is not needed
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    /** Whether this process ignores SIGINT (Linux: bit 2 of /proc/self/status's SigIgn mask), as its children then do. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** The target parses as a whole model; returns its version. */
    private static String check(Path target, String when) throws IOException {
        SavedModel m = ModelFile.load(target);
        String v = m.metadata().get("v");
        assertThat(v).as("the version after " + when).isIn("old", "A", "B");
        return v;
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
