package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import jgrad.data.Csv;
import jgrad.data.InputFormatException;
import jgrad.data.Standardizer;
import jgrad.nn.MLP;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 17: every reader, fed mutations of a valid file (bytes flipped, inserted, deleted,
 * duplicated, the file cut short), either loads it or throws the library's own
 * {@link InputFormatException} with a message that names the file. Nothing else escapes, nothing
 * hangs (each input has a time limit), and nothing runs out of memory: this class runs in a JVM of
 * its own with a small heap (jgrad-core's pom, execution {@code fuzz}). Seeded, so a failure repeats.
 */
class ReaderFuzzTest {
    private static final Duration PER_INPUT = Duration.ofSeconds(5);
    private static Path dir;
    private static byte[] csv;
    private static byte[] model;
    private static byte[] safetensors;
    private static byte[] idx;
    private static byte[] idxGz;
    private static ExecutorService pool;

    @BeforeContainer
    static void seeds() throws IOException {
        dir = Files.createTempDirectory("jgrad-fuzz");
        pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true);
            return t;
        });
        csv = ("x1,x2,\"label\"\n0.5,-1.25,cat\n1e3,.5,\"dog, big\"\n\n-0,7,cat\r\n3.25,+2,\"say \"\"hi\"\"\"\n")
                .getBytes(StandardCharsets.UTF_8);
        MLP mlp = MLP.builder(2, 3, 2).build(new Random(3));
        model = ModelFile.toJson(new SavedModel(mlp, new Standardizer(new double[] {0.5, -1}, new double[] {2, 0.25}),
                List.of("x1", "x2"), List.of("cat", "dog"), Map.of("loss", "cross-entropy"))).getBytes(StandardCharsets.UTF_8);
        safetensors = SafeTensors.toBytes(Map.of("0.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2),
                "0.bias", Tensor.of(new double[] {0.5, -0.5, 1}, 3)), Map.of("format", "pt"));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(raw);
        out.write(new byte[] {0, 0, 8, 3});
        out.writeInt(2);
        out.writeInt(3);
        out.writeInt(3);
        for (int i = 0; i < 18; i++) {
            out.write(i * 14);
        }
        idx = raw.toByteArray();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(idx);
        }
        idxGz = gz.toByteArray();
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        pool.shutdownNow();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Property(tries = 400, seed = "170")
    void csvFiles(@ForAll long seed) throws Exception {
        Path f = write("fuzz.csv", mutate(csv, seed));
        fuzz(f, () -> Csv.load(f, "label"));
        fuzz(f, () -> Csv.readTable(f).numbers());
    }

    @Property(tries = 400, seed = "171")
    void modelFiles(@ForAll long seed) throws Exception {
        Path f = write("fuzz.json", mutate(model, seed));
        fuzz(f, () -> ModelFile.load(f));
    }

    @Property(tries = 400, seed = "172")
    void safetensorsFiles(@ForAll long seed) throws Exception {
        Path f = write("fuzz.safetensors", mutate(safetensors, seed));
        fuzz(f, () -> SafeTensors.load(f));
    }

    @Property(tries = 300, seed = "173")
    void idxFiles(@ForAll long seed) throws Exception {
        Path f = write("fuzz.idx", mutate(idx, seed));
        fuzz(f, () -> Idx.read(f, DType.FLOAT64));
        fuzz(f, () -> Idx.readImages(f));
        Path g = write("fuzz.idx.gz", mutate(idxGz, seed));
        fuzz(g, () -> Idx.read(g, DType.FLOAT32));
    }

    /** A reader call. */
    private interface Read {
        Object run() throws Exception;
    }

    private static void fuzz(Path file, Read read) throws Exception {
        Future<Object> result = pool.submit(read::run);
        try {
            result.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            fail("reading " + file + " took longer than " + PER_INPUT + ":\n" + describe(file));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof InputFormatException)) {
                throw new AssertionError("reading " + file + " threw " + cause + " instead of an InputFormatException:\n"
                        + describe(file), cause);
            }
            assertThat(cause.getMessage()).as("the message names the file").contains(file.toString());
            assertThat(cause.getMessage().length()).as("the message is short").isLessThan(2000);
        }
    }

    /** The valid file with 1 to 4 random edits. */
    static byte[] mutate(byte[] valid, long seed) {
        Random rng = new Random(seed);
        byte[] b = valid.clone();
        int edits = 1 + rng.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : rng.nextInt(b.length);
            switch (rng.nextInt(6)) {
                case 0 -> { if (b.length > 0) { b[at] ^= (byte) (1 << rng.nextInt(8)); } }
                case 1 -> { if (b.length > 0) { b[at] = (byte) rng.nextInt(256); } }
                case 2 -> b = splice(b, at, new byte[] {(byte) rng.nextInt(256)}, 0);
                case 3 -> b = splice(b, at, new byte[0], Math.min(1 + rng.nextInt(8), b.length - at));
                case 4 -> b = java.util.Arrays.copyOf(b, at);   // cut short
                default -> {
                    int len = Math.min(1 + rng.nextInt(16), b.length - at);
                    b = splice(b, at, java.util.Arrays.copyOfRange(b, at, at + len), 0);   // a chunk twice
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String describe(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            return new String(b, 0, Math.min(b.length, 600), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
