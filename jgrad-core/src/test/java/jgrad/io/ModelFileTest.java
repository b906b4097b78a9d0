package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import jgrad.data.Standardizer;
import jgrad.nn.Activation;
import jgrad.nn.Init;
import jgrad.nn.MLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static SavedModel sample() {
        MLP model = MLP.builder(2, 3, 1).hiddenActivation(Activation.TANH).biasInit(Init.uniform(-1, 1))
                .build(new Random(5));
        Standardizer s = new Standardizer(new double[] {0.5, -0.25}, new double[] {0.8660254037844386, 0.1});
        return new SavedModel(model, s, List.of("x", "y"), List.of("blue", "red"), Map.of("loss", "max-margin"));
    }

    @Test
    void roundTripsEveryBit() throws IOException {
        SavedModel saved = sample();
        Path file = dir.resolve("m.json");
        ModelFile.save(file, saved);
        SavedModel back = ModelFile.load(file);
        double[] a = saved.model().parameterData();
        double[] b = back.model().parameterData();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(Double.doubleToRawLongBits(b[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
        }
        assertThat(back.model()).hasToString(saved.model().toString());
        assertThat(back.standardizer().orElseThrow().mean()).containsExactly(0.5, -0.25);
        assertThat(back.standardizer().orElseThrow().std()).containsExactly(0.8660254037844386, 0.1);
        assertThat(back.classNames()).containsExactly("blue", "red");
        assertThat(back.featureNames()).containsExactly("x", "y");
        assertThat(back.metadata()).containsEntry("loss", "max-margin");
        assertThat(back.outputs(0.3, 0.7)).containsExactly(saved.outputs(0.3, 0.7));
        assertThat(back.predict(0.3, 0.7)).isEqualTo(saved.predict(0.3, 0.7));
        String text = Files.readString(file);
        assertThat(text).startsWith("{\n  \"format\": \"jgrad-mlp\",\n  \"version\": 2,\n  \"task\": \"classification\",\n  \"inputs\": 2,");
        assertThat(ModelFile.toJson(back)).isEqualTo(text);
    }

    @Test
    void versionOneFilesLoadAsTheSameClassifier() throws IOException {
        String v1 = valid().replace("\"version\": 2,\n  \"task\": \"classification\",", "\"version\": 1,");
        assertThat(v1).contains("\"version\": 1,").doesNotContain("task");
        SavedModel back = ModelFile.fromJson(v1, "old.json");
        assertThat(back.isRegression()).isFalse();
        assertThat(back.outputs(0.3, 0.7)).containsExactly(sample().outputs(0.3, 0.7));
        assertThat(ModelFile.toJson(back)).as("saved again as version 2").isEqualTo(valid());
        assertThatThrownBy(() -> ModelFile.fromJson(v1.replace("\"version\": 1,", "\"version\": 1, \"task\": \"regression\","),
                "old.json")).hasMessageContaining("unknown field \"task\"; a version 1 file has");
    }

    @Test
    void regressionModelsKeepTargetsTheirScaleAndEncodings() throws IOException {
        MLP model = MLP.builder(3, 4, 2).build(new Random(5));
        SavedModel saved = new SavedModel(model, null, List.of("age", "sex=F", "sex=M"), List.of(),
                List.of("y1", "y2"), new Standardizer(new double[] {150, -2}, new double[] {75, 0.5}),
                List.of(new jgrad.data.Categorical("sex", List.of("F", "M"))), Map.of("loss", "mse"));
        Path file = dir.resolve("r.json");
        ModelFile.save(file, saved);
        assertThat(Files.readString(file)).contains("\"task\": \"regression\"").contains("\"targets\": [\"y1\", \"y2\"]");
        SavedModel back = ModelFile.load(file);
        assertThat(back.isRegression()).isTrue();
        assertThat(back.targetNames()).containsExactly("y1", "y2");
        assertThat(back.categorical().get(0).categories()).containsExactly("F", "M");
        double[] raw = back.outputs(40, 1, 0);
        // by hand: value = output * std + mean for each target
        assertThat(back.values(40, 1, 0)).containsExactly(raw[0] * 75 + 150, raw[1] * 0.5 - 2);
        assertThatThrownBy(() -> ModelFile.fromJson(Files.readString(file).replace("\"targets\": [\"y1\", \"y2\"],", ""),
                "r.json")).hasMessageContaining("a regression model needs \"targets\"");
    }

    @Test
    void probabilitiesAreSoftmaxOrSigmoid() {
        double[] p = SavedModel.probabilities(new double[] {1, 2, 3});
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(p[2]).isCloseTo(Math.exp(3) / z, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(SavedModel.probabilities(new double[] {0})).containsExactly(0.5, 0.5);
        assertThat(SavedModel.probabilities(new double[] {Math.log(3)})[1]).isCloseTo(0.75,
                org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void savedModelAppliesTheStandardizerBeforeTheNetwork() {
        MLP model = MLP.builder(1, 1).weightInit(Init.uniform(1, 1)).build(new Random(0)); // out = x
        SavedModel m = new SavedModel(model, new Standardizer(new double[] {10}, new double[] {2}), List.of(),
                List.of("neg", "pos"), Map.of());
        assertThat(m.outputs(14)).containsExactly(2.0); // (14 - 10) / 2
        assertThat(m.predict(9)).isZero();
    }

    /** A valid file with one substitution, as text. */
    private String valid() {
        return ModelFile.toJson(sample());
    }

    private void assertLoadFails(String text, String message) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file + ": ").hasMessageContaining(message);
    }

    @Test
    void corruptTruncatedAndMismatchedFilesFailWithAReason() throws IOException {
        String v = valid();
        assertLoadFails(v.substring(0, v.length() / 2), "not valid JSON (is the file truncated or not a model?)");
        assertLoadFails("", "empty input");
        assertLoadFails(v.replace("\"jgrad-mlp\"", "\"keras\""), "\"format\" is \"keras\", expected \"jgrad-mlp\"");
        assertLoadFails("[1, 2]", "the top level must be a JSON object, found an array");
        assertLoadFails(v.replace("\"version\": 2", "\"version\": 3"), "version 3 is not supported: this jgrad reads versions 1 to 2");
        assertLoadFails(v.replace("\"inputs\": 2", "\"inputs\": 3"),
                "layers[0].weights[0] has 2 numbers but the layer has 3 inputs (\"inputs\")");
        assertLoadFails(v.replace("\"activation\": \"tanh\"", "\"activation\": \"gelu\""), "layers[0].activation: unknown activation \"gelu\"");
        assertLoadFails(v.replace("\"classes\": [\"blue\", \"red\"]", "\"classes\": [\"blue\", \"red\", \"green\"]"),
                "3 class names [blue, red, green] do not fit a network with 1 output(s)");
        assertLoadFails(v.replace("\"mean\": [0.5, -0.25]", "\"mean\": [0.5]"),
                "standardization has 1 means and 2 stds but the network takes 2 inputs");
        assertLoadFails(v.replace("\"std\": [0.8660254037844386, 0.1]", "\"std\": [0.8660254037844386, 0.0]"),
                "standardization: Standardizer: feature 1 has mean -0.25 and std 0.0");
        assertLoadFails(v.replace("\"version\": 2,", "\"version\": 2, \"extra\": 3,"), "unknown field \"extra\"");
        assertLoadFails(v.replace("\"version\": 2,", ""), "the field \"version\" is missing");
        assertLoadFails(v.replace("\"version\": 2", "\"version\": \"1\""), "version must be a whole number, found the string \"1\"");
        assertLoadFails(v.replace("\"loss\": \"max-margin\"", "\"loss\": 3"), "metadata.loss must be a string, found the number 3");
    }

    @Test
    void wrongNumbersInsideLayersAreLocated() throws IOException {
        SavedModel s = sample();
        String v = ModelFile.toJson(s);
        // the second layer's only weight row has 3 numbers; drop its last one
        int layer1 = v.indexOf("\"activation\": \"linear\"");
        int rowStart = v.indexOf("[", v.indexOf("\"weights\"", layer1) + 12);
        int rowEnd = v.indexOf("]", rowStart);
        String row = v.substring(rowStart, rowEnd);
        String shorter = row.substring(0, row.lastIndexOf(','));
        assertLoadFails(v.substring(0, rowStart) + shorter + v.substring(rowEnd),
                "layers[1].weights[0] has 2 numbers but the layer has 3 inputs (the outputs of layers[0])");
        assertLoadFails(v.substring(0, rowStart) + row.replaceFirst("-?[0-9][0-9.E-]*", "\"w\"") + v.substring(rowEnd),
                "layers[1].weights[0][0] must be a number, found the string \"w\"");
        int biases = v.indexOf("\"biases\": [", layer1);
        assertLoadFails(v.substring(0, biases) + "\"biases\": [0.0, " + v.substring(biases + 11),
                "layers[1].biases has 2 numbers but weights has 1 rows (one per neuron)");
    }

    @Test
    void anInterruptedSaveLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.json");
        ModelFile.save(file, sample());
        byte[] before = Files.readAllBytes(file);
        String replacement = "x".repeat(100_000);
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(replacement.getBytes(StandardCharsets.UTF_8), 0, 50_000); // half written ...
            throw new IOException("disk full");                               // ... then the failure
        })).isInstanceOf(IOException.class)   // issue 17: the error names the target, not the temporary file
                .hasMessage("cannot write " + file + ": disk full (the previous file is kept)");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listDir()).containsExactly("model.json");
        assertThat(ModelFile.load(file).model().parameterData()).containsExactly(sample().model().parameterData());
    }

    @Test
    void aModelThatCannotBeWrittenLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("model.json");
        ModelFile.save(file, sample());
        byte[] before = Files.readAllBytes(file);
        SavedModel broken = sample();
        broken.model().parameters().get(3).setData(Double.NaN);
        assertThatThrownBy(() -> ModelFile.save(file, broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is NaN");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listDir()).containsExactly("model.json");
    }

    @Test
    void atomicWriteReplacesAndCreates() throws IOException {
        Path file = dir.resolve("a.txt");
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two");
        assertThat(Files.readString(file)).isEqualTo("two");
        AtomicFiles.write(dir.resolve("b.bin"), (OutputStream out) -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(dir.resolve("b.bin"))).containsExactly(1, 2, 3);
        assertThat(listDir()).containsExactly("a.txt", "b.bin");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir.resolve("missing").resolve("c.txt"), "x"))
                .isInstanceOf(IOException.class);
    }

    private List<String> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
