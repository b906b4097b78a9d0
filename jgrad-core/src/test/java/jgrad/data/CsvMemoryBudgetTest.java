package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented memory budget of {@link Csv}: a numeric table loads as a {@link Dataset} in a heap
 * of 3 times the file's size (the Javadoc says about twice at the peak). A child JVM with the serial
 * collector and {@code -Xmx} of 3× the file plus 8 MB for the JVM itself must load a 24 MB table of
 * 20 features; with 1.5× it must refuse it with a one-line error that names the file and {@code -Xmx},
 * not an {@code OutOfMemoryError}.
 */
class CsvMemoryBudgetTest {
    @TempDir
    Path dir;

    /** The child: loads args[0] with label column "label" and prints the row count. */
    public static final class Load {
        public static void main(String[] args) throws IOException {
            try {
                System.out.println("rows " + Csv.load(Path.of(args[0]), "label").size());
            } catch (InputFormatException e) {
                System.out.println("refused " + e.getMessage());
            }
        }
    }

    @Test
    void aNumericTableLoadsInThreeTimesItsSize() throws Exception {
        Path file = dir.resolve("numbers.csv");
        Random rng = new Random(7);
        int rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int j = 0; j < 20; j++) {
                w.write("f" + j + ",");
            }
            w.write("label\n");
            long written = 0;
            while (written < 24_000_000) {
                StringBuilder line = new StringBuilder(200);
                for (int j = 0; j < 20; j++) {
                    line.append(String.format(Locale.ROOT, "%.6f,", rng.nextDouble() * 20 - 10));
                }
                line.append(rng.nextInt(3)).append('\n');
                w.write(line.toString());
                written += line.length();
                rows++;
            }
        }
        long size = Files.size(file);
        String fits = run(file, 3 * size + (8 << 20));
        assertThat(fits).isEqualTo("rows " + rows);
        String tight = run(file, size * 3 / 2);
        assertThat(tight).startsWith("refused " + file + ": reading it needs about").contains("-Xmx");
    }

    private static String run(Path file, long heap) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx" + (heap >> 20) + "m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Load.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
