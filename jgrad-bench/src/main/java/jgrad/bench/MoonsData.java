package jgrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The inputs of micrograd's moons demo: 100 points X, labels y in {-1, 1}, the 337 initial
 * parameters of MLP(2,[16,16,1]) in {@code parameters()} order, and the reference loss at every
 * step. Copied from {@code shared/fixtures/moons_demo.json} into the resource {@code moons_demo.txt},
 * so that the benchmarks need nothing outside their jar.
 */
final class MoonsData {
    final double[][] x;
    final double[] y;
    final double[] initialParameters;
    final double[] losses;

    private MoonsData(double[][] x, double[] y, double[] initialParameters, double[] losses) {
        this.x = x;
        this.y = y;
        this.initialParameters = initialParameters;
        this.losses = losses;
    }

    /** Reads the resource; a malformed line throws naming the resource and the line. */
    static MoonsData load() {
        String name = "moons_demo.txt";
        try (InputStream in = MoonsData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource jgrad/bench/" + name + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Reader reader = new Reader(r, name);
            double[] x = reader.section("X", 2);
            double[] y = reader.section("y", 1);
            double[] p = reader.section("initial_parameters", 1);
            double[] losses = reader.section("loss", 1);
            double[][] rows = new double[x.length / 2][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new double[] {x[2 * i], x[2 * i + 1]};
            }
            return new MoonsData(rows, y, p, losses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sections of the form "name count", then count lines of numbers separated by spaces. */
    private static final class Reader {
        private final BufferedReader in;
        private final String name;
        private int lineNumber;

        Reader(BufferedReader in, String name) {
            this.in = in;
            this.name = name;
        }

        double[] section(String expected, int perLine) throws IOException {
            String[] header = next().split(" ");
            if (header.length != 2 || !header[0].equals(expected)) {
                throw error("expected a section header '" + expected + " <count>'");
            }
            int count = Integer.parseInt(header[1]);
            double[] out = new double[count * perLine];
            for (int i = 0; i < count; i++) {
                String[] fields = next().split(" ");
                if (fields.length != perLine) {
                    throw error("expected " + perLine + " numbers in section '" + expected + "'");
                }
                for (int j = 0; j < perLine; j++) {
                    try {
                        out[i * perLine + j] = Double.parseDouble(fields[j]);
                    } catch (NumberFormatException e) {
                        throw error("not a number: '" + fields[j] + "'");
                    }
                }
            }
            return out;
        }

        private String next() throws IOException {
            String line;
            do {
                line = in.readLine();
                lineNumber++;
                if (line == null) {
                    throw error("unexpected end of file");
                }
            } while (line.startsWith("#") || line.isBlank());
            return line.trim();
        }

        private IllegalStateException error(String what) {
            return new IllegalStateException(name + ", line " + lineNumber + ": " + what);
        }
    }
}
