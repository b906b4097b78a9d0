package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.engine.Value;
import jgrad.io.ModelFile;
import jgrad.io.SafeTensors;
import jgrad.io.SavedModel;
import jgrad.nn.Trainer;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code jgrad train --engine tensor}: tables, IDX files, the saved files, errors, and the scalar engine as reference. */
class TrainTensorTest {

    @TempDir
    Path dir;

    @Test
    void tensorEngineLearnsMoonsAndWritesJsonSafetensorsAndPlots() throws IOException {
        Path out = dir.resolve("moons");

        Cli r = Cli.run("train", "moons", "--engine", "tensor", "--samples", "100", "--epochs", "60", "--batch", "16",
                "--lr", "0.02", "--out", out.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("tensor engine, float32").contains("epoch 60/60  train loss")
                .contains("validation loss").contains("wrote " + out.resolve("model.safetensors"));
        for (String png : List.of("decision_boundary.png", "loss_accuracy.png")) {
            assertThat(Files.readAllBytes(out.resolve(png))).as(png).startsWith(0x89, 'P', 'N', 'G');
        }
        // the JSON model classifies fresh moons points it never saw
        SavedModel saved = ModelFile.load(out.resolve("model.json"));
        Dataset fresh = Datasets.moons(200, 0.1, new Random(99));
        int correct = 0;
        for (int i = 0; i < fresh.size(); i++) {
            correct += saved.predict(fresh.features(i)) == fresh.label(i) ? 1 : 0;
        }
        assertThat(correct).as("correct of 200 fresh points").isGreaterThanOrEqualTo(190);
        // model.safetensors holds the same numbers, in PyTorch's nn.Sequential layout
        Map<String, Tensor> weights = SafeTensors.load(out.resolve("model.safetensors"));
        assertThat(weights.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(weights.get("2.weight").shape().toString()).isEqualTo("[16, 16]");
        List<Value> neuron = saved.model().layers().get(1).neurons().get(3).parameters();
        float[] row = Arrays.copyOfRange(weights.get("2.weight").toFloatArray(), 3 * 16, 4 * 16);
        for (int j = 0; j < 16; j++) {
            assertThat(row[j]).isEqualTo((float) neuron.get(j).data());
        }
        assertThat(weights.get("2.bias").toFloatArray()[3]).isEqualTo((float) neuron.get(16).data());
    }

    @Test
    void jgradPredictUsesTheTensorTrainedModel() throws IOException {
        Path out = dir.resolve("xor");
        Cli train = Cli.run("train", "xor", "--engine", "tensor", "--samples", "200", "--epochs", "80", "--batch", "0",
                "--lr", "0.05", "--val-split", "0", "--out", out.toString());
        assertThat(train.exitCode).as(train.toString()).isZero();
        Path csv = dir.resolve("corners.csv");
        // xor's classes: label 1 where x1·x2 < 0 (see Datasets.xor)
        Files.writeString(csv, "x1,x2\n0.8,0.8\n-0.8,-0.8\n0.8,-0.8\n-0.8,0.8\n");

        Cli predict = Cli.run("predict", "--model", out.resolve("model.json").toString(), csv.toString());

        assertThat(predict.exitCode).as(predict.toString()).isZero();
        List<String> lines = predict.out.lines().toList();
        int column = Arrays.asList(lines.get(0).split(",")).indexOf("prediction");
        assertThat(lines.stream().skip(1).map(l -> l.split(",")[column]))
                .containsExactly(xorClass(0.8, 0.8), xorClass(-0.8, -0.8), xorClass(0.8, -0.8), xorClass(-0.8, 0.8));
    }

    /** The class name Datasets.xor gives a point far inside a quadrant, read off the generated data. */
    private static String xorClass(double x1, double x2) {
        Dataset xor = Datasets.xor(200, 0.0, new Random(1));
        for (int i = 0; i < xor.size(); i++) {
            if (Math.signum(xor.feature(i, 0)) == Math.signum(x1) && Math.signum(xor.feature(i, 1)) == Math.signum(x2)) {
                return xor.classNames().get(xor.label(i));
            }
        }
        throw new AssertionError("no xor point in the quadrant of " + x1 + ", " + x2);
    }

    // ---- IDX ---------------------------------------------------------------------------------

    /** 0, 0, 0x08 (unsigned bytes), rank, the dims big-endian, then the bytes: LeCun's IDX format. */
    private Path idx(String name, int[] dims, byte[] payload, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.write(new byte[] {0, 0, 0x08, (byte) dims.length});
        for (int d : dims) {
            data.writeInt(d);
        }
        data.write(payload);
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(bytes.toByteArray());
        }
        return p;
    }

    /** n 4×4 images: class 0 is bright in the top half, class 1 in the bottom half, with noise. */
    private Path[] tinyImages(String prefix, int n, long seed, boolean gzip) throws IOException {
        Random rng = new Random(seed);
        byte[] pixels = new byte[n * 16];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 2);
            for (int p = 0; p < 16; p++) {
                boolean bright = (p < 8) == (i % 2 == 0);
                pixels[i * 16 + p] = (byte) ((bright ? 180 : 0) + rng.nextInt(60));
            }
        }
        String gz = gzip ? ".gz" : "";
        return new Path[] {idx(prefix + "-images-idx3-ubyte" + gz, new int[] {n, 4, 4}, pixels, gzip),
                idx(prefix + "-labels-idx1-ubyte" + gz, new int[] {n}, labels, gzip)};
    }

    @ParameterizedTest(name = "gzipped {0}")
    @ValueSource(booleans = {false, true})
    void trainsOnIdxFilesEndToEnd(boolean gzip) throws IOException {
        Path[] files = tinyImages("tiny", 20, 1, gzip);
        Path out = dir.resolve("idx");

        Cli r = Cli.run("train", "--engine", "tensor", "--idx-images", files[0].toString(), "--idx-labels",
                files[1].toString(), "--layers", "8", "--epochs", "30", "--batch", "0", "--val-split", "0.25",
                "--out", out.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("data: tiny, 20 rows, 16 features, 2 classes [0, 1]; 15 for training, 5 for validation")
                .contains("MLP(16, [8, 1])").contains("epoch 30/30").contains("final accuracy: train 100.0%, validation 100.0%")
                .contains("no decision boundary");
        assertThat(out.resolve("model.json")).exists();
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(Files.readAllBytes(out.resolve("loss_accuracy.png"))).startsWith(0x89, 'P', 'N', 'G');
        SavedModel saved = ModelFile.load(out.resolve("model.json"));
        double[] top = new double[16];
        Arrays.fill(top, 0, 8, 0.9);
        double[] bottom = new double[16];
        Arrays.fill(bottom, 8, 16, 0.9);
        assertThat(saved.predict(top)).isEqualTo(0);
        assertThat(saved.predict(bottom)).isEqualTo(1);
    }

    @Test
    void validatesOnSeparateIdxFiles() throws IOException {
        Path[] train = tinyImages("train", 20, 1, true);
        Path[] test = tinyImages("t10k", 6, 2, false);

        Cli r = Cli.run("train", "--engine", "tensor", "--idx-images", train[0].toString(), "--idx-labels",
                train[1].toString(), "--val-idx-images", test[0].toString(), "--val-idx-labels", test[1].toString(),
                "--layers", "8", "--epochs", "30", "--batch", "0", "--out", dir.resolve("out").toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("26 rows, 16 features, 2 classes [0, 1]; 20 for training, 6 for validation")
                .contains("validation 100.0%");
    }

    @Test
    void idxMistakesAreOneLine() throws IOException {
        Path[] files = tinyImages("tiny", 20, 1, false);
        Path[] other = tinyImages("other", 6, 1, false);
        Path out = dir.resolve("out");

        Cli scalar = Cli.run("train", "--engine", "scalar", "--idx-images", files[0].toString(), "--idx-labels",
                files[1].toString());
        assertThat(scalar.exitCode).isEqualTo(2);
        assertThat(scalar.err.strip()).isEqualTo(
                "jgrad train: IDX data (--idx-images, --idx-labels) trains on the tensor engine only: add --engine tensor");

        Cli dtype = Cli.run("train", "moons", "--dtype", "float64");
        assertThat(dtype.exitCode).isEqualTo(2);
        assertThat(dtype.err).contains("--dtype").contains("add --engine tensor");

        Cli noLabels = Cli.run("train", "--engine", "tensor", "--idx-images", files[0].toString());
        assertThat(noLabels.exitCode).isEqualTo(2);
        assertThat(noLabels.err).contains("--idx-images and --idx-labels go together");

        Cli both = Cli.run("train", "moons", "--engine", "tensor", "--idx-images", files[0].toString(),
                "--idx-labels", files[1].toString());
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("not several");

        Cli mismatch = Cli.run("train", "--engine", "tensor", "--idx-images", files[0].toString(), "--idx-labels",
                other[1].toString(), "--out", out.toString());
        assertThat(mismatch.exitCode).isEqualTo(1);
        assertThat(mismatch.err.lines()).hasSize(1);
        assertThat(mismatch.err).contains(files[0] + " has 20 images but " + other[1] + " has 6 labels");

        Path garbage = dir.resolve("garbage-idx3-ubyte");
        Files.writeString(garbage, "not an idx file");
        Cli bad = Cli.run("train", "--engine", "tensor", "--idx-images", garbage.toString(), "--idx-labels",
                files[1].toString(), "--out", out.toString());
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err.lines()).hasSize(1);
        assertThat(bad.err).startsWith("jgrad train: ").contains(garbage.toString()).contains("magic");

        Cli swapped = Cli.run("train", "--engine", "tensor", "--idx-images", files[1].toString(), "--idx-labels",
                files[0].toString(), "--out", out.toString());
        assertThat(swapped.exitCode).isEqualTo(1);
        assertThat(swapped.err.lines()).hasSize(1);
        assertThat(swapped.err).contains(files[1].toString()).contains("idx3");

        Path noImages = idx("empty-images", new int[] {0, 4, 4}, new byte[0], false);
        Path noLabels2 = idx("empty-labels", new int[] {0}, new byte[0], true);
        Cli empty = Cli.run("train", "--engine", "tensor", "--idx-images", noImages.toString(), "--idx-labels",
                noLabels2.toString(), "--out", out.toString());
        assertThat(empty.exitCode).isEqualTo(1);
        assertThat(empty.err.strip()).isEqualTo("jgrad train: " + noLabels2 + " holds no labels; give a label file with at least one");

        Cli missing = Cli.run("train", "--engine", "tensor", "--idx-images", dir.resolve("nope").toString(),
                "--idx-labels", files[1].toString(), "--out", out.toString());
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err.strip()).isEqualTo("jgrad train: no such file: " + dir.resolve("nope"));
        assertThat(out).doesNotExist();
    }

    // ---- the scalar engine as the reference -----------------------------------------------------

    /** Runs train in-process and returns the command, whose history holds the full-precision metrics. */
    private static TrainCommand train(String... args) {
        TrainCommand command = new TrainCommand();
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        assertThat(code).as(out.toString()).isZero();
        return command;
    }

    /**
     * Same seed, SGD, float64: the tensor engine repeats the scalar engine's data, split, initial
     * weights, batches and updates, so every epoch's losses agree to rounding.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xor --loss max-margin", "xor --loss bce", "blobs --classes 3"})
    void tensorEngineInFloat64RepeatsTheScalarEngine(String dataset) throws IOException {
        String common = dataset + " --samples 24 --layers 5,4 --activation tanh --epochs 4 --batch 7"
                + " --optimizer sgd --lr 0.1 --seed 7 --val-split 0.25";
        Path scalarOut = dir.resolve("scalar");
        Path tensorOut = dir.resolve("tensor");

        TrainCommand scalar = train((common + " --out " + scalarOut).split(" "));
        TrainCommand tensor = train((common + " --engine tensor --dtype float64 --out " + tensorOut).split(" "));

        assertThat(tensor.history).hasSameSizeAs(scalar.history).hasSize(4);
        for (int e = 0; e < 4; e++) {
            Trainer.Epoch s = scalar.history.get(e), t = tensor.history.get(e);
            assertThat(t.train().loss()).as("epoch %d train loss", e).isCloseTo(s.train().loss(), within(1e-9));
            assertThat(t.validation().loss()).as("epoch %d validation loss", e)
                    .isCloseTo(s.validation().loss(), within(1e-9));
            assertThat(t.train().accuracy()).isEqualTo(s.train().accuracy());
            assertThat(t.steps()).isEqualTo(s.steps()).isEqualTo((e + 1) * 3);
        }
        List<Value> ps = ModelFile.load(scalarOut.resolve("model.json")).model().parameters();
        List<Value> pt = ModelFile.load(tensorOut.resolve("model.json")).model().parameters();
        assertThat(pt).hasSameSizeAs(ps);
        for (int i = 0; i < ps.size(); i++) {
            assertThat(pt.get(i).data()).as("parameter %d", i).isCloseTo(ps.get(i).data(), within(1e-9));
        }
        assertThat(scalar.history.get(3).train().loss()).as("it trained").isNotCloseTo(
                scalar.history.get(0).train().loss(), within(1e-3));
    }
}
