package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.data.Dataset;
import jgrad.data.Datasets;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs demo, train and predict in-process and checks exit codes, files and messages. */
class CommandsTest {

    @TempDir
    Path dir;

    /**
     * A model written by hand: score = x1 - x2 + 0.5, one linear neuron; class "+1" when the
     * score is above 0.
     */
    private Path handWrittenModel() throws IOException {
        Path model = dir.resolve("linear.json");
        Files.writeString(model, """
                {
                  "format": "jgrad-mlp",
                  "version": 1,
                  "inputs": 2,
                  "features": ["x1", "x2"],
                  "classes": ["-1", "+1"],
                  "standardization": null,
                  "layers": [{"activation": "linear", "weights": [[1.0, -1.0]], "biases": [0.5]}],
                  "metadata": {}
                }
                """);
        return model;
    }

    @Test
    void demoReproducesMicrogradsNotebookAndWritesPicturesAndModel() throws IOException {
        Path out = dir.resolve("demo");

        Cli r = Cli.run("demo", "--out", out.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).isEmpty();
        // the notebook's numbers (shared/REFERENCE.md): step 0 loss 0.8958 at 50%, step 99 0.0110 at 100%
        assertThat(r.out).contains("step   0  loss 0.8958  accuracy 50.0%")
                .contains("step  99  loss 0.0110  accuracy 100.0%")
                .contains("final accuracy: 100.0% (100/100)")
                .contains("accuracy equal at every step");
        Matcher within = Pattern.compile("loss at every step within (\\S+),").matcher(r.out);
        assertThat(within.find()).as(r.out).isTrue();
        assertThat(Double.parseDouble(within.group(1))).isLessThanOrEqualTo(1e-9);
        for (String png : List.of("decision_boundary.png", "loss_accuracy.png")) {
            assertThat(Files.readAllBytes(out.resolve(png))).as(png).startsWith(0x89, 'P', 'N', 'G');
        }
        SavedModel saved = ModelFile.load(out.resolve("model.json"));
        assertThat(saved.model().parameters()).hasSize(337); // MLP(2, [16, 16, 1]), micrograd's count
        Dataset points = DemoCommand.Reference.load().data;
        for (int i = 0; i < points.size(); i++) {
            assertThat(saved.predict(points.features(i))).as("row " + i).isEqualTo(points.label(i));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemosCopyOfTheNotebookIsTheReferenceFixture() throws IOException {
        Path fixture = Path.of(System.getProperty("jgrad.shared", "../shared"), "fixtures", "moons_demo.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(fixture) || "true".equals(System.getenv("CI")),
                "shared/fixtures/moons_demo.json is not beside this clone");
        Map<String, Object> root = (Map<String, Object>) jgrad.io.Json.parse(Files.readString(fixture), fixture.toString());
        DemoCommand.Reference copy = DemoCommand.Reference.load();
        assertThat(copy.initialParameters).containsExactly(numbers(root.get("initial_parameters")));
        List<Object> rows = (List<Object>) root.get("X");
        double[] y = numbers(root.get("y"));
        for (int i = 0; i < rows.size(); i++) {
            assertThat(copy.data.features(i)).containsExactly(numbers(rows.get(i)));
            assertThat(copy.data.label(i)).isEqualTo(y[i] > 0 ? 1 : 0);
        }
        List<Object> steps = (List<Object>) root.get("steps");
        for (int k = 0; k < steps.size(); k++) {
            Map<String, Object> step = (Map<String, Object>) steps.get(k);
            assertThat(copy.loss[k]).isEqualTo(((Number) step.get("loss")).doubleValue());
            assertThat(copy.accuracy[k]).isEqualTo(((Number) step.get("accuracy")).doubleValue());
        }
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Test
    void demoOnJgradsOwnMoonsReachesFullAccuracy() throws IOException {
        Path out = dir.resolve("demo-jgrad");

        Cli r = Cli.run("demo", "--data", "jgrad", "--out", out.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("on jgrad's moons").contains("final accuracy: 100.0% (100/100)")
                .doesNotContain("against micrograd's notebook");
        SavedModel saved = ModelFile.load(out.resolve("model.json"));
        Dataset moons = Datasets.moons(100, 0.1, new Random(1337));
        for (int i = 0; i < moons.size(); i++) {
            assertThat(saved.predict(moons.features(i))).as("row " + i).isEqualTo(moons.label(i));
        }
    }

    @Test
    void trainOnABuiltinDatasetPrintsEveryEpochAndWritesFiles() throws IOException {
        Path out = dir.resolve("xor");

        Cli r = Cli.run("train", "xor", "--samples", "40", "--epochs", "3", "--batch", "0", "--layers", "4",
                "--val-split", "0.25", "--out", out.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("xor, 40 rows, 2 features, 2 classes").contains("30 for training, 10 for validation")
                .contains("epoch 1/3  train loss").contains("epoch 3/3  train loss").contains("validation loss")
                .contains("final accuracy: train");
        assertThat(out.resolve("model.json")).exists();
        assertThat(out.resolve("loss_accuracy.png")).exists();
        assertThat(out.resolve("decision_boundary.png")).exists();
        assertThat(ModelFile.load(out.resolve("model.json")).model().parameters()).hasSize(3 * 4 + 5);
    }

    @Test
    void trainOnACsvWithStringLabelsStandardisesAndSavesNames() throws IOException {
        Path csv = dir.resolve("flowers.csv");
        StringBuilder text = new StringBuilder("a,b,c,species\n");
        Random rng = new Random(3);
        for (int i = 0; i < 30; i++) {
            String species = i % 3 == 0 ? "setosa" : i % 3 == 1 ? "versicolor" : "virginica";
            text.append(i % 3 + rng.nextGaussian() * 0.1).append(',').append(10 * rng.nextDouble()).append(',')
                    .append(100 + i % 3).append(',').append(species).append('\n');
        }
        Files.writeString(csv, text);
        Path out = dir.resolve("flowers");

        Cli r = Cli.run("train", "--csv", csv.toString(), "--label", "species", "--epochs", "2", "--out", out.toString());

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("3 classes [setosa, versicolor, virginica]").contains("standardised")
                .contains("no decision boundary: it is drawn for two features, the data has 3");
        SavedModel saved = ModelFile.load(out.resolve("model.json"));
        assertThat(saved.featureNames()).containsExactly("a", "b", "c");
        assertThat(saved.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(saved.standardizer()).isPresent();
        assertThat(saved.model().outputs()).isEqualTo(3);
    }

    @Test
    void trainReportsTheLineOfANonNumericCell() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x1,x2,y\n1.0,2.0,a\n3.0,oops,b\n");

        Cli r = Cli.run("train", "--csv", csv.toString(), "--label", "y", "--out", dir.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.err.lines()).hasSize(1);
        assertThat(r.err).startsWith("jgrad train: ").contains("bad.csv").contains("line 3").contains("oops");
    }

    @Test
    void trainUsageMistakesExitWith2() {
        Cli bogus = Cli.run("train", "--bogus");
        assertThat(bogus.exitCode).isEqualTo(2);
        assertThat(bogus.err.strip()).isEqualTo("jgrad train: unknown option '--bogus' (see 'jgrad train --help')");

        Cli noLabel = Cli.run("train", "--csv", "data.csv");
        assertThat(noLabel.exitCode).isEqualTo(2);
        assertThat(noLabel.err.strip()).isEqualTo("jgrad train: --csv needs --label COLUMN, the name of the class column");

        Cli badNumber = Cli.run("train", "--epochs", "ten");
        assertThat(badNumber.exitCode).isEqualTo(2);
        assertThat(badNumber.err).contains("--epochs").contains("ten");

        Cli twoClassLoss = Cli.run("train", "spiral", "--loss", "max-margin", "--out", dir.toString());
        assertThat(twoClassLoss.exitCode).isEqualTo(2);
        assertThat(twoClassLoss.err).contains("max-margin").contains("3 classes").contains("cross-entropy");

        Cli badActivation = Cli.run("train", "--activation", "swish");
        assertThat(badActivation.exitCode).isEqualTo(2);
        assertThat(badActivation.err).contains("swish").contains("relu, tanh");

        Cli negativeNoise = Cli.run("train", "--noise", "-1", "--out", dir.toString());
        assertThat(negativeNoise.exitCode).as(negativeNoise.toString()).isEqualTo(2);
        assertThat(negativeNoise.err.strip()).isEqualTo("jgrad train: --noise must be a finite number >= 0, got -1.0");

        Cli oneClass = Cli.run("train", "spiral", "--classes", "1", "--out", dir.toString());
        assertThat(oneClass.exitCode).isEqualTo(2);
        assertThat(oneClass.err.strip()).isEqualTo("jgrad train: --classes must be at least 2, got 1");

        Cli fewSamples = Cli.run("train", "blobs", "--classes", "5", "--samples", "4", "--out", dir.toString());
        assertThat(fewSamples.exitCode).isEqualTo(2);
        assertThat(fewSamples.err).contains("--samples must be at least --classes").contains("4 samples for 5 classes");

        Cli oneSample = Cli.run("train", "--samples", "1", "--out", dir.toString());
        assertThat(oneSample.exitCode).isEqualTo(2);

        Cli negativeL2 = Cli.run("train", "--l2", "-0.5", "--out", dir.toString());
        assertThat(negativeL2.exitCode).isEqualTo(2);
        assertThat(negativeL2.err.strip()).isEqualTo("jgrad train: --l2 must be a finite number >= 0, got -0.5");
    }

    @Test
    void aMissingFileIsAFailureWithOneLine() {
        Cli train = Cli.run("train", "--csv", dir.resolve("nope.csv").toString(), "--label", "y");
        assertThat(train.exitCode).isEqualTo(1);
        assertThat(train.err.strip()).isEqualTo("jgrad train: cannot read " + dir.resolve("nope.csv") + ": no such file");

        Cli predict = Cli.run("predict", "--model", dir.resolve("nope.json").toString(), "x.csv");
        assertThat(predict.exitCode).isEqualTo(1);
        assertThat(predict.err.strip()).isEqualTo("jgrad predict: cannot read model " + dir.resolve("nope.json") + ": no such file");

        Cli graph = Cli.run("graph", "--model", dir.resolve("nope.json").toString(), "--input", "1,2");
        assertThat(graph.exitCode).isEqualTo(1);
        assertThat(graph.err.strip()).startsWith("jgrad graph: no such file: ").contains("nope.json");
    }

    @Test
    void predictWritesClassesAndScoresOfAHandWrittenModel() throws IOException {
        Path model = handWrittenModel();
        Path csv = dir.resolve("points.csv");
        // a label column is ignored; features are found by name, in any order
        Files.writeString(csv, "x2,label,x1\n0.25,a,1.0\n2.0,b,-1.0\n");

        Cli r = Cli.run("predict", "--model", model.toString(), csv.toString());

        // score = x1 - x2 + 0.5: 1.0 - 0.25 + 0.5 = 1.25 (+1); -1.0 - 2.0 + 0.5 = -2.5 (-1)
        assertThat(r.exitCode).as(r.toString()).isZero();
        // every input column is kept, the label too; p_-1 and p_+1 are the sigmoid of the score
        assertThat(r.out.lines()).containsExactly("x2,label,x1,prediction,p_-1,p_+1,status",
                row("0.25,a,1", "+1", 1.25), row("2,b,-1", "-1", -2.5));

        Path file = dir.resolve("out/predictions.csv");
        Cli toFile = Cli.run("predict", "--model", model.toString(), csv.toString(), "-o", file.toString());
        assertThat(toFile.exitCode).isZero();
        assertThat(toFile.out).isEmpty();
        assertThat(toFile.err).contains("wrote 2 predictions to");
        assertThat(Files.readAllLines(file)).containsExactly("x2,label,x1,prediction,p_-1,p_+1,status",
                row("0.25,a,1", "+1", 1.25), row("2,b,-1", "-1", -2.5));
    }

    @Test
    void predictRefusesDataOfTheWrongWidth() throws IOException {
        Path csv = dir.resolve("wide.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");

        Cli r = Cli.run("predict", "--model", handWrittenModel().toString(), csv.toString());

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("jgrad predict: " + dir.resolve("linear.json") + " takes 2 features [x1, x2] but "
                + csv + " has 3 columns [a, b, c] without all of those names");

        Cli graph = Cli.run("graph", "--model", dir.resolve("linear.json").toString(), "--input", "1,2,3");
        assertThat(graph.exitCode).isEqualTo(1);
        assertThat(graph.err.strip()).isEqualTo("jgrad graph: --input has 3 values but " + dir.resolve("linear.json")
                + " takes 2 features [x1, x2]");
    }

    @Test
    void predictReportsTheLineAndColumnOfANonNumericCell() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x1,x2\n1,2\n\n3,4x\n");

        Cli r = Cli.run("predict", "--model", handWrittenModel().toString(), csv.toString());

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("jgrad predict: " + csv + ", line 4, column 2: (x2) \"4x\" is not a number;"
                + " feature columns must hold decimal numbers");

        // the same rules as 'jgrad train --csv' (jgrad.data.Csv): an unterminated quote is an error
        Files.writeString(csv, "x1,x2\n1,\"2\n");
        Cli quote = Cli.run("predict", "--model", handWrittenModel().toString(), csv.toString());
        assertThat(quote.exitCode).isEqualTo(1);
        assertThat(quote.err.strip()).startsWith("jgrad predict: " + csv + ", line 2, column 2: unterminated quoted field");
    }

    @Test
    void predictRefusesAFileThatIsNotUtf8AndReadsItWithItsEncoding() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        // "é" in ISO-8859-1 is not UTF-8: issue 17, no silent U+FFFD; --encoding reads it
        Files.write(csv, "x1,x2,caf\u00e9\n1.0,0.25,\u00e9t\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Cli bad = Cli.run("predict", "--model", handWrittenModel().toString(), csv.toString());
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err.strip()).startsWith("jgrad predict: " + csv + ": byte offset 9 (E9) is not valid UTF-8 text")
                .contains("--encoding ISO-8859-1");
        Cli r = Cli.run("predict", "--model", handWrittenModel().toString(), "--encoding", "ISO-8859-1", csv.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines()).containsExactly("x1,x2,caf\u00e9,prediction,p_-1,p_+1,status",
                row("1,0.25,\u00e9t\u00e9", "+1", 1.25));
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path csv = dir.resolve("wide.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");
        String model = handWrittenModel().toString();

        Cli quiet = Cli.run("predict", "--model", model, csv.toString());
        Cli verbose = Cli.run("predict", "--model", model, csv.toString(), "--verbose");

        assertThat(quiet.err).doesNotContain("\tat ");
        assertThat(verbose.exitCode).isEqualTo(1);
        assertThat(verbose.err).startsWith(quiet.err).contains("\tat jgrad.cli.PredictCommand");
    }

    @Test
    void graphOfASavedModelOnOneRowEndsInItsScore() throws IOException {
        Cli r = Cli.run("graph", "--model", handWrittenModel().toString(), "--input", "1.0,0.25", "-o", "-");

        assertThat(r.exitCode).as(r.toString()).isZero();
        // score = 1.0·1 + 0.25·(-1) + 0.5 = 1.25; d score / d w = x
        assertThat(r.out).contains("{ score (class +1) | data 1.2500 | grad 1.0000 }")
                .contains("{ w1.1.1 | data 1.0000 | grad 1.0000 }").contains("{ w1.1.2 | data -1.0000 | grad 0.2500 }")
                .contains("{ x2 | data 0.2500 | grad -1.0000 }");
    }

    @Test
    void graphOfTheLectureMlpHasItsParametersColoured() {
        Cli r = Cli.run("graph", "mlp", "-o", "-");

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("fillcolor=\"#ffdca8\", label=\"{ w1.1.1 |").contains("{ loss | data");
        // MLP(3, [4, 4, 1]): 41 parameters, the lecture's count
        assertThat(r.out.lines().filter(l -> l.contains("shape=record") && l.contains("#ffdca8"))).hasSize(41);
    }

    /** A predicted row of the hand-written model: the inputs, the class, then sigmoid(score) as p(+1) by hand. */
    static String row(String inputs, String predicted, double score) {
        double p = 1 / (1 + Math.exp(-score));
        return inputs + "," + predicted + "," + (1 - p) + "," + p + ",ok";
    }
}
