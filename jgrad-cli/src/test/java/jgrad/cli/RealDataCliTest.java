package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.data.Csv;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jgrad train} and {@code predict} end to end on two real public tables committed as test
 * resources (see {@code src/test/resources/data/README.md}): Fisher's iris (classification) and
 * the diabetes data of Efron et al. (regression, 442 rows, target "progression").
 */
class RealDataCliTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(RealDataCliTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void irisTrainsAsClassesAndPredictsWithProbabilities() throws IOException {
        Path out = dir.resolve("iris");
        Cli t = Cli.run("train", "--csv", resource("iris.csv").toString(), "--label", "species", "--epochs", "60",
                "--out", out.toString());
        assertThat(t.exitCode).as(t.toString()).isZero();
        assertThat(t.out).contains("task: classification (the label column 'species' holds text")
                .contains("tensor engine, float32")            // the default for CSV
                .contains("loss cross-entropy")
                .contains("confusion matrix (rows: true class, columns: predicted)")
                .contains("wrote " + out.resolve("confusion_matrix.png"));
        // the summary repeats the last epoch line's numbers
        Matcher last = Pattern.compile("epoch 60/60  train loss \\S+  accuracy +(\\S+)%  validation loss \\S+"
                + "  accuracy +(\\S+)%").matcher(t.out);
        assertThat(last.find()).as(t.out).isTrue();
        assertThat(t.out).contains("final accuracy: train " + last.group(1) + "%, validation " + last.group(2)
                + "% (epoch 60 of 60)");
        assertThat(Double.parseDouble(last.group(2))).as("validation accuracy").isGreaterThanOrEqualTo(90);
        assertThat(t.out).contains(String.format(Locale.ROOT, "validation rows: accuracy %s%%", last.group(2)));

        Cli p = Cli.run("predict", "--model", out.resolve("model.json").toString(), "--label", "species",
                resource("iris.csv").toString());
        assertThat(p.exitCode).as(p.toString()).isZero();
        List<String> lines = p.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("sepal_length,sepal_width,petal_length,petal_width,species,prediction,"
                + "p_setosa,p_versicolor,p_virginica,status");
        assertThat(lines).hasSize(151);
        Csv.Table table = Csv.parseTable(p.out, "predictions");
        List<String> truth = table.texts("species");
        List<String> predicted = table.texts("prediction");
        int right = 0;
        double[][] probabilities = table.numbers(List.of("p_setosa", "p_versicolor", "p_virginica"));
        for (int i = 0; i < 150; i++) {
            right += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
            double[] row = probabilities[i];
            assertThat(row[0] + row[1] + row[2]).isCloseTo(1, within(1e-12));
            int best = row[0] >= row[1] && row[0] >= row[2] ? 0 : row[1] >= row[2] ? 1 : 2;
            assertThat(List.of("setosa", "versicolor", "virginica").get(best)).isEqualTo(predicted.get(i));
        }
        assertThat(p.err.strip()).isEqualTo(String.format(Locale.ROOT, "accuracy %.1f%% (%d/150) against column 'species'",
                100.0 * right / 150, right));
        assertThat(right).isGreaterThanOrEqualTo(140);
    }

    @Test
    void diabetesIsChosenAsRegressionAndPredictsInTheTargetsUnits() throws IOException {
        Path out = dir.resolve("diabetes");
        Cli t = Cli.run("train", "--csv", resource("diabetes.csv").toString(), "--label", "progression", "--epochs", "80",
                "--layers", "32", "--patience", "15", "--log-every", "10", "--out", out.toString());
        assertThat(t.exitCode).as(t.toString()).isZero();
        assertThat(t.out).contains("task: regression (the label column 'progression' is numeric with 214 distinct values"
                        + " (more than 20)); override with --task classification")
                .contains("loss mse").contains("standardised (features and target)")
                .contains("wrote " + out.resolve("predicted_vs_actual.png")).contains("wrote " + out.resolve("residuals.png"));
        double r2 = number(t.out, "validation rows \\(progression units\\): MSE \\S+  RMSE \\S+  MAE \\S+  R² (\\S+)");
        assertThat(r2).as("validation R² (a linear model gets about 0.45 on this table)").isGreaterThan(0.3);
        // MAE in the target's units: the target's std is about 77, so z-units would be below 2
        double mae = number(t.out, "validation rows \\(progression units\\): MSE \\S+  RMSE \\S+  MAE (\\S+)");
        assertThat(mae).isBetween(25.0, 70.0);

        SavedModel model = ModelFile.load(out.resolve("model.json"));
        assertThat(model.isRegression()).isTrue();
        assertThat(model.targetNames()).containsExactly("progression");
        assertThat(model.targetStandardizer().orElseThrow().mean()[0]).isBetween(140.0, 165.0);

        Cli p = Cli.run("predict", "--model", out.resolve("model.json").toString(), "--label", "progression",
                resource("diabetes.csv").toString());
        assertThat(p.exitCode).as(p.toString()).isZero();
        Csv.Table table = Csv.parseTable(p.out, "predictions");
        assertThat(table.columnNames()).containsExactly("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6",
                "progression", "prediction", "status");
        double[][] yp = table.numbers(List.of("progression", "prediction"));
        // R², MAE and RMSE by hand from the written columns
        double mean = 0;
        for (double[] r : yp) {
            mean += r[0] / yp.length;
        }
        double ss = 0, tot = 0, abs = 0;
        for (double[] r : yp) {
            ss += (r[1] - r[0]) * (r[1] - r[0]);
            tot += (r[0] - mean) * (r[0] - mean);
            abs += Math.abs(r[1] - r[0]);
        }
        assertThat(p.err.strip()).isEqualTo(String.format(Locale.ROOT,
                "R² %.4f  MAE %.6g  RMSE %.6g (442 rows) against column 'progression'", 1 - ss / tot, abs / yp.length,
                Math.sqrt(ss / yp.length)));
    }

    @Test
    void bothEnginesGiveTheSameRegressionInFloat64() {
        String[] common = {"train", "--csv", resource("diabetes.csv").toString(), "--label", "progression", "--epochs", "3",
                "--layers", "8", "--loss", "huber", "--batch", "64"};
        TrainCommand scalar = run(common, "--engine", "scalar", "--out", dir.resolve("s").toString());
        TrainCommand tensor = run(common, "--engine", "tensor", "--dtype", "float64", "--out", dir.resolve("t").toString());
        assertThat(tensor.history).hasSameSizeAs(scalar.history).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(tensor.history.get(e).train().loss()).isCloseTo(scalar.history.get(e).train().loss(), within(1e-10));
            assertThat(tensor.history.get(e).validation().regression().r2())
                    .isCloseTo(scalar.history.get(e).validation().regression().r2(), within(1e-10));
        }
    }

    private static TrainCommand run(String[] common, String... more) {
        TrainCommand command = new TrainCommand();
        picocli.CommandLine cl = new picocli.CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        java.io.StringWriter sink = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(sink));
        cl.setErr(new java.io.PrintWriter(sink));
        String[] args = new String[common.length - 1 + more.length];
        System.arraycopy(common, 1, args, 0, common.length - 1);
        System.arraycopy(more, 0, args, common.length - 1, more.length);
        assertThat(cl.execute(args)).as(sink.toString()).isZero();
        return command;
    }

    @Test
    void earlyStoppingSaysWhichEpochItKept() {
        Cli t = Cli.run("train", "--csv", resource("diabetes.csv").toString(), "--label", "progression", "--epochs", "400",
                "--layers", "64,64", "--lr", "0.03", "--patience", "5", "--quiet", "--out", dir.resolve("p").toString());
        assertThat(t.exitCode).as(t.toString()).isZero();
        assertThat(t.out).doesNotContain("epoch  1/").doesNotContain("data: ");
        Matcher m = Pattern.compile("final \\(epoch (\\d+) of (\\d+), kept by --patience 5 \\(lowest validation loss,"
                + " stopped early\\)\\)").matcher(t.out);
        assertThat(m.find()).as(t.out).isTrue();
        assertThat(Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1))).isEqualTo(5);
    }

    @Test
    void runsNeverOverwriteEachOther() throws IOException {
        Path saved = TrainCommand.outputRoot;
        TrainCommand.outputRoot = dir.resolve("jgrad-out");
        try {
            String[] args = {"train", "xor", "--samples", "20", "--epochs", "1"};
            Cli first = Cli.run(args);
            Cli second = Cli.run(args);
            assertThat(first.exitCode).as(first.toString()).isZero();
            assertThat(second.exitCode).as(second.toString()).isZero();
            assertThat(first.out).contains("wrote " + dir.resolve("jgrad-out/train/xor/model.json"));
            assertThat(second.out).contains("wrote " + dir.resolve("jgrad-out/train/xor-2/model.json"));
        } finally {
            TrainCommand.outputRoot = saved;
        }
        Path out = dir.resolve("mine");
        assertThat(Cli.run("train", "xor", "--samples", "20", "--epochs", "1", "--out", out.toString()).exitCode).isZero();
        Cli again = Cli.run("train", "xor", "--samples", "20", "--epochs", "1", "--out", out.toString());
        assertThat(again.exitCode).isEqualTo(2);
        assertThat(again.err.strip()).startsWith("jgrad train: --out " + out + " already holds a model")
                .contains("--force");
        assertThat(Cli.run("train", "xor", "--samples", "20", "--epochs", "1", "--out", out.toString(), "--force")
                .exitCode).isZero();
        assertThat(Cli.run("train", "--help").out).contains("NAME-2").contains("--force");
    }
}
