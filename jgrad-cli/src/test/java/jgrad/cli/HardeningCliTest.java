package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the CLI defects of issue 17: checks before work, honest predictions, safe output, one-line errors. */
class HardeningCliTest {
    @TempDir
    Path dir;

    /** score = x1 - x2 + 0.5, one linear neuron, classes named to test quoting. */
    private Path model(String negative, String positive) throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"format\": \"jgrad-mlp\", \"version\": 1, \"inputs\": 2, \"features\": [\"x1\", \"x2\"],"
                + " \"classes\": [" + jgrad.io.Json.write(negative) + ", " + jgrad.io.Json.write(positive) + "],"
                + " \"standardization\": null, \"layers\": [{\"activation\": \"linear\", \"weights\": [[1.0, -1.0]],"
                + " \"biases\": [0.5]}], \"metadata\": {}}");
        return model;
    }

    @Test
    void aFileGivenAsTheOutputFolderFailsBeforeTraining() throws IOException {
        // used to print "jgrad train: afile", and only after training had finished
        Path afile = Files.writeString(dir.resolve("afile"), "x");
        Cli r = Cli.run("train", "moons", "--epochs", "1", "--out", afile.toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.out).doesNotContain("epoch");
        assertThat(r.err.strip()).isEqualTo("jgrad train: --out " + afile + ": that is a file, not a folder; give a folder"
                + " (it is created if it does not exist)");
        Cli below = Cli.run("train", "moons", "--epochs", "1", "--out", afile.resolve("sub").toString());
        assertThat(below.err.strip()).isEqualTo("jgrad train: --out " + afile.resolve("sub") + ": " + afile
                + " is a file, so no folder can be made inside it; give another folder");
    }

    @Test
    void predictChecksItsOutputPathFirst() throws IOException {
        Path afile = Files.writeString(dir.resolve("afile"), "x");
        Path csv = Files.writeString(dir.resolve("p.csv"), "x1,x2\n1,2\n");
        Cli r = Cli.run("predict", "--model", model("a", "b").toString(), csv.toString(), "-o", afile.resolve("x.csv").toString());
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("jgrad predict: -o " + afile.resolve("x.csv") + ": " + afile
                + " is a file, not a folder; give a path whose folders exist or can be created");
    }

    @Test
    void emptyLayerListsAndOverflowingStepCountsAreUsageErrors() {
        Cli layers = Cli.run("train", "moons", "--layers", ",,", "--out", dir.toString());
        assertThat(layers.exitCode).isEqualTo(2);
        assertThat(layers.err.strip()).isEqualTo("jgrad train: --layers must list at least one hidden layer size,"
                + " such as --layers 16,16");
        // epochs x steps used to overflow: "steps must be >= 1, got -160"
        Cli steps = Cli.run("train", "moons", "--samples", "200", "--batch", "1", "--val-split", "0",
                "--epochs", "20000000", "--out", dir.toString());
        assertThat(steps.exitCode).isEqualTo(2);
        assertThat(steps.err.strip()).isEqualTo("jgrad train: --epochs 20000000 x 200 steps per epoch is 4000000000"
                + " steps, more than 2^31 - 1; lower --epochs or raise --batch");
    }

    @Test
    void rowsThatOverflowTheNetworkAreFlaggedNotGivenAClass() throws IOException {
        // finite inputs of 1.7e308 overflow inside the network: predict used to print a class and exit 0
        Path csv = Files.writeString(dir.resolve("p.csv"), "x1,x2\n1.0,0.25\n1.7e308,-1.7e308\n");
        Cli r = Cli.run("predict", "--model", model("-1", "+1").toString(), csv.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines()).containsExactly("x1,x2,prediction,p_-1,p_+1,status", CommandsTest.row("1,0.25", "+1", 1.25),
                "1.7E308,-1.7E308,,,,non-finite output");
        assertThat(r.err).contains("warning: 1 of 2 rows gave a non-finite output (NaN or infinity) and have no prediction");
        Path all = Files.writeString(dir.resolve("all.csv"), "x1,x2\n1.7e308,-1.7e308\n");
        Cli none = Cli.run("predict", "--model", model("-1", "+1").toString(), all.toString());
        assertThat(none.exitCode).isEqualTo(1);
        assertThat(none.err).contains("every row gave a non-finite output; nothing was predicted");
    }

    @Test
    void predictionsAreRfc4180AndExcelSafeOnRequest() throws IOException {
        Path csv = Files.writeString(dir.resolve("p.csv"), "x1,x2\n1.0,0.25\n-1.0,2.0\n");
        Path m = model("=cmd|' /C calc'!A0", "big, \"red\"\nline");
        Cli plain = Cli.run("predict", "--model", m.toString(), csv.toString());
        assertThat(plain.exitCode).as(plain.toString()).isZero();
        // the header's output columns hold the class names too; parse the whole output back as CSV
        jgrad.data.Csv.Table t = jgrad.data.Csv.parseTable(plain.out, "out.csv");
        assertThat(t.texts("prediction")).containsExactly("big, \"red\"\nline", "=cmd|' /C calc'!A0");
        Cli safe = Cli.run("predict", "--model", m.toString(), csv.toString(), "--excel-safe");
        assertThat(jgrad.data.Csv.parseTable(safe.out, "safe.csv").texts("prediction"))
                .containsExactly("big, \"red\"\nline", "'=cmd|' /C calc'!A0");
        assertThat(Cli.run("predict", "--help").out).contains("--excel-safe");
    }

    @Test
    void duplicateClassNamesInAModelAreRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("p.csv"), "x1,x2\n1,2\n");
        Cli r = Cli.run("predict", "--model", model("same", "same").toString(), csv.toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("jgrad predict: " + dir.resolve("m.json")
                + ": SavedModel: class names repeat: [same, same]; each output needs its own name");
    }

    @Test
    void inputsThatAreNotFilesAreNamedForWhatTheyAre() throws IOException {
        // a directory, a FIFO or /dev/zero used to say "no such file"
        Cli d = Cli.run("train", "--csv", dir.toString(), "--label", "y", "--out", dir.resolve("o").toString());
        assertThat(d.err.strip()).isEqualTo("jgrad train: " + dir + " is a directory, not a CSV file; give the path of the"
                + " file inside it");
        Cli z = Cli.run("predict", "--model", model("a", "b").toString(), "/dev/zero");
        assertThat(z.err.strip()).startsWith("jgrad predict: /dev/zero is a pipe, socket or device, not a regular CSV file");
        Cli limit = Cli.run("--max-input-bytes", "lots", "train", "moons");
        assertThat(limit.exitCode).isEqualTo(2);
        assertThat(limit.err).contains("--max-input-bytes: \"lots\" is not a size");
    }

    @Test
    void aLongBadCellGivesAShortErrorLine() throws IOException {
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "a,b,label\n1,2,x\n" + "1".repeat(200_000) + "x,4,y\n");
        Cli r = Cli.run("train", "--csv", csv.toString(), "--label", "label", "--out", dir.resolve("o").toString());
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).startsWith("jgrad train: " + csv + ", line 3, column 1: (a) \"111")
                .endsWith("(199801 more characters)\" is not a number; feature columns must hold decimal numbers");
    }

    @Test
    void runningOutOfMemoryIsOneLineThatSaysWhatWasGoingOn() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx24m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "moons", "--samples", "4000000", "--epochs", "1", "--out", dir.resolve("o").toString()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        List<String> lines = err.lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("jgrad train: out of memory while making the moons data (4000000 samples)")
                .contains("JGRAD_JAVA_OPTS=-Xmx8g");
    }
}
