package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad predict --label}: the accuracy against the CSV's class column, and bad labels. */
class PredictLabelTest {

    @TempDir
    Path dir;

    /** The demo's kind of model, by hand: score = x1 - x2 + 0.5, class "+1" above 0, else "-1". */
    private Path handWrittenModel() throws IOException {
        Path model = dir.resolve("linear.json");
        Files.writeString(model, """
                {"format": "jgrad-mlp", "version": 1, "inputs": 2, "features": ["x1", "x2"],
                 "classes": ["-1", "+1"], "standardization": null,
                 "layers": [{"activation": "linear", "weights": [[1.0, -1.0]], "biases": [0.5]}], "metadata": {}}
                """);
        return model;
    }

    @Test
    void accuracyOfAModelTrainedOnACsvAgainstItsStringLabels() throws IOException {
        // cat when x1 + x2 > 0, a margin of 0.5 around the line
        Random rng = new Random(5);
        StringBuilder train = new StringBuilder("x1,x2,animal\n");
        for (int i = 0; i < 80; i++) {
            double x1 = -2 + 4 * rng.nextDouble();
            double x2 = -2 + 4 * rng.nextDouble();
            if (Math.abs(x1 + x2) > 0.5) {
                train.append(x1).append(',').append(x2).append(',').append(x1 + x2 > 0 ? "cat" : "dog").append('\n');
            }
        }
        Files.writeString(dir.resolve("pets.csv"), train);
        Path out = dir.resolve("pets");
        Cli t = Cli.run("train", "--csv", dir.resolve("pets.csv").toString(), "--label", "animal", "--epochs", "30",
                "--batch", "0", "--lr", "0.05", "--val-split", "0", "--out", out.toString());
        assertThat(t.exitCode).as(t.toString()).isZero();
        SavedModel saved = ModelFile.load(out.resolve("model.json"));
        assertThat(saved.classNames()).containsExactly("cat", "dog");

        // 20 new points; the label column comes first, and the last 3 labels are wrong on purpose
        StringBuilder test = new StringBuilder("animal,x2,x1\n");
        int expected = 0;
        for (int i = 0; i < 20; i++) {
            double x1 = -2 + 4 * rng.nextDouble();
            double x2 = -2 + 4 * rng.nextDouble();
            String truth = x1 + x2 > 0 ? "cat" : "dog";
            String written = i >= 17 ? (truth.equals("cat") ? "dog" : "cat") : truth;
            expected += saved.classNames().get(saved.predict(x1, x2)).equals(written) ? 1 : 0;
            test.append(written).append(',').append(x2).append(',').append(x1).append('\n');
        }
        assertThat(expected).as("the model is not perfect against the wrong labels").isLessThan(20);
        Path csv = dir.resolve("pets-test.csv");
        Files.writeString(csv, test);

        Cli r = Cli.run("predict", "--model", out.resolve("model.json").toString(), "--label", "animal", csv.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines()).hasSize(21).first().isEqualTo("animal,x2,x1,prediction,p_cat,p_dog,status");
        assertThat(r.err.strip()).isEqualTo(String.format(Locale.ROOT, "accuracy %.1f%% (%d/20) against column 'animal'",
                100.0 * expected / 20, expected));
    }

    @Test
    void labelsMatchTheDemosClassNamesAsTextOrAsNumbers() throws IOException {
        Path csv = dir.resolve("points.csv");
        // scores: 1.25 (+1), -2.5 (-1), 0.5 (+1), 1.5 (+1); labels as text, number, quoted, spaced
        Files.writeString(csv, "x1,x2,label\n1.0,0.25,+1\n-1.0,2.0,-1.0\n0,0,\"-1\"\n\n 1 , 0 ,  1 \n");

        Cli r = Cli.run("predict", "--model", handWrittenModel().toString(), csv.toString(), "--label", "label");
        // input columns come back as read, numbers in canonical form (+1 and 1.0 as 1)

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines()).containsExactly("x1,x2,label,prediction,p_-1,p_+1,status",
                CommandsTest.row("1,0.25,1", "+1", 1.25), CommandsTest.row("-1,2,-1", "-1", -2.5),
                CommandsTest.row("0,0,-1", "+1", 0.5), CommandsTest.row("1,0,1", "+1", 1.5));
        assertThat(r.err.strip()).isEqualTo("accuracy 75.0% (3/4) against column 'label'");

        Path file = dir.resolve("predictions.csv");
        Cli toFile = Cli.run("predict", "--model", dir.resolve("linear.json").toString(), csv.toString(), "--label",
                "label", "-o", file.toString());
        assertThat(toFile.err.lines()).containsExactly("wrote 4 predictions to " + file,
                "accuracy 75.0% (3/4) against column 'label'");
    }

    @Test
    void aLabelThatIsNoneOfTheModelsClassesFailsWithItsLine() throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x1,x2,label\n1.0,0.25,+1\n\n2.0,0.0,maybe\n");
        Path model = handWrittenModel();

        Cli r = Cli.run("predict", "--model", model.toString(), csv.toString(), "--label", "label");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).isEqualTo("jgrad predict: " + csv + ", line 4, column 3: (label) \"maybe\" is not one"
                + " of the classes [-1, +1] of " + model + "; give the label column the model was trained on");
    }

    @Test
    void aModelWithoutFeatureNamesSkipsTheLabelColumn() throws IOException {
        Path model = dir.resolve("unnamed.json");
        Files.writeString(model, Files.readString(handWrittenModel()).replace("\"features\": [\"x1\", \"x2\"],", ""));
        assertThat(ModelFile.load(model).featureNames()).isEmpty();
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "a,y,b\n1.0,+1,0.25\n-1.0,+1,2.0\n");

        Cli r = Cli.run("predict", "--model", model.toString(), csv.toString(), "--label", "y");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines()).containsExactly("a,y,b,prediction,p_-1,p_+1,status",
                CommandsTest.row("1,1,0.25", "+1", 1.25), CommandsTest.row("-1,1,2", "-1", -2.5));
        assertThat(r.err.strip()).isEqualTo("accuracy 50.0% (1/2) against column 'y'");
    }

    @Test
    void aLabelColumnTheFileLacksIsAUsageError() throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x1,x2\n1.0,0.25\n");

        Cli r = Cli.run("predict", "--model", handWrittenModel().toString(), csv.toString(), "--label", "label");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).isEqualTo("jgrad predict: --label label: " + csv
                + " has no such column; its columns are [x1, x2]");
        assertThat(Cli.run("predict", "--help").out).contains("--label=COLUMN").contains("accuracy against it");
    }
}
