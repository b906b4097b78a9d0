package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jgrad.io.Idx;
import jgrad.io.SafeTensors;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad train --engine tensor --model cnn} on the committed 8×8 digits: IDX files and CSV pixel columns. */
class TrainCnnTest {
    static final Path DIGITS = Path.of("../jgrad-core/src/test/resources/jgrad/digits");

    @TempDir
    Path dir;

    @Test
    void cnnTrainsOnIdxDigitsAndSavesPyTorchNamedSafetensors() throws IOException {
        Path out = dir.resolve("cnn");
        Cli r = Cli.run("train", "--engine", "tensor", "--model", "cnn",
                "--idx-images", DIGITS.resolve("digits-images-idx3-ubyte.gz").toString(),
                "--idx-labels", DIGITS.resolve("digits-labels-idx1-ubyte.gz").toString(),
                "--optimizer", "adam", "--lr", "0.005", "--schedule", "cosine", "--epochs", "8", "--batch", "32",
                "--seed", "1", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("LeNet-style CNN of 8x8 images, 10 outputs").contains("epoch 8/8")
                .contains("wrote " + out.resolve("model.safetensors")).contains("wrote " + out.resolve("loss_accuracy.png"));
        double val = Double.parseDouble(r.out.replaceAll("(?s).*final accuracy: train [0-9.]+%, validation ([0-9.]+)%.*", "$1"));
        assertThat(val).as(r.out).isGreaterThan(90);
        Map<String, Tensor> w = SafeTensors.load(out.resolve("model.safetensors"));
        assertThat(w.keySet()).containsExactly("1.weight", "1.bias", "4.weight", "4.bias", "8.weight", "8.bias",
                "10.weight", "10.bias", "12.weight", "12.bias");
        assertThat(w.get("1.weight").shape().toString()).isEqualTo("[6, 1, 5, 5]");
        assertThat(w.get("8.weight").shape().toString()).isEqualTo("[120, 64]");
    }

    @Test
    void cnnTrainsOnCsvPixelColumnsWithImageSize() throws IOException {
        Tensor x = Idx.readImages(DIGITS.resolve("digits-images-idx3-ubyte.gz"));
        int[] y = Idx.readLabels(DIGITS.resolve("digits-labels-idx1-ubyte.gz"));
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            csv.append("p").append(j).append(',');
        }
        csv.append("digit\n");
        float[] px = x.toFloatArray();
        for (int i = 0; i < 600; i++) {
            for (int j = 0; j < 64; j++) {
                csv.append(Math.round(px[i * 64 + j] * 16)).append(',');
            }
            csv.append(y[i]).append('\n');
        }
        Path file = dir.resolve("digits.csv");
        Files.writeString(file, csv);
        Cli r = Cli.run("train", "--engine", "tensor", "--model", "cnn", "--csv", file.toString(), "--label", "digit",
                "--image", "8x8", "--optimizer", "adam", "--lr", "0.005", "--epochs", "6", "--batch", "32",
                "--out", dir.resolve("csv").toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("LeNet-style CNN of 8x8 images");
        double val = Double.parseDouble(r.out.replaceAll("(?s).*final accuracy: train [0-9.]+%, validation ([0-9.]+)%.*", "$1"));
        assertThat(val).as(r.out).isGreaterThan(70);

        Cli wrong = Cli.run("train", "--engine", "tensor", "--model", "cnn", "--csv", file.toString(), "--label", "digit",
                "--image", "7x9", "--out", dir.resolve("bad").toString());
        assertThat(wrong.exitCode).isNotZero();
        assertThat(wrong.err).contains("--image 7x9 has 63 pixels but the data has 64 feature columns");
        Cli noSize = Cli.run("train", "--engine", "tensor", "--model", "cnn", "--csv", file.toString(), "--label", "digit",
                "--out", dir.resolve("bad").toString());
        assertThat(noSize.err).contains("give --image HxW");
        Cli scalar = Cli.run("train", "--engine", "scalar", "--model", "cnn", "--csv", file.toString(), "--label", "digit",
                "--image", "8x8");
        assertThat(scalar.err).contains("--model cnn trains on the tensor engine only");
    }
}
