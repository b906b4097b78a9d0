package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.data.Csv;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code jgrad train} takes a table as a new user brings it: column choice, id columns,
 * headerless files, R's index column, text columns, and one-line errors with file, line and
 * column for data it must not train on.
 */
class TableColumnsCliTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** 24 rows: id (sorted), x, colour (text), size (numeric), y (two classes). */
    private static String table() {
        StringBuilder b = new StringBuilder("id,x,colour,size,y\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 24; i++) {
            b.append(i + 1).append(',').append(i % 5 * 0.5).append(',').append(colours[i % 3]).append(',')
                    .append(i % 7).append(',').append(i < 12 ? "a" : "b").append('\n');
        }
        return b.toString();
    }

    private Cli train(Path file, String label, String... more) {
        String[] args = new String[8 + more.length];
        String[] head = {"train", "--csv", file.toString(), "--label", label, "--epochs", "2", "--force"};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(more, 0, args, head.length, more.length);
        String[] withOut = new String[args.length + 2];
        System.arraycopy(args, 0, withOut, 0, args.length);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = dir.resolve("out").toString();
        return Cli.run(withOut);
    }

    @Test
    void anIdColumnIsNamedTextIsOneHotEncodedAndPredictUsesTheSavedEncoding() throws IOException {
        Path file = csv("t.csv", table());
        Cli r = train(file, "y");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).contains("warning: column 'id' looks like a row id (unique, increasing integers)")
                .contains("--drop id");
        assertThat(r.out).contains("note: column 'colour' holds text: one-hot encoded as 3 inputs"
                + " [colour=blue, colour=green, colour=red]; the encoding is saved with the model")
                .contains("6 features");
        SavedModel model = ModelFile.load(dir.resolve("out/model.json"));
        assertThat(model.featureNames()).containsExactly("id", "x", "colour=blue", "colour=green", "colour=red", "size");
        assertThat(model.categorical().get(0).categories()).containsExactly("blue", "green", "red");

        Cli p = Cli.run("predict", "--model", dir.resolve("out/model.json").toString(), file.toString());
        assertThat(p.exitCode).as(p.toString()).isZero();
        assertThat(Csv.parseTable(p.out, "p").columnNames())
                .containsExactly("id", "x", "colour", "size", "y", "prediction", "p_a", "p_b", "status");

        Cli dropped = train(file, "y", "--drop", "id");
        assertThat(dropped.exitCode).as(dropped.toString()).isZero();
        assertThat(dropped.err).doesNotContain("row id");
        assertThat(dropped.out).contains("5 features");

        Cli chosen = train(file, "y", "--features", "x,size");
        assertThat(chosen.exitCode).as(chosen.toString()).isZero();
        assertThat(ModelFile.load(dir.resolve("out/model.json")).featureNames()).containsExactly("x", "size");
    }

    @Test
    void aFreeTextColumnIsNotOneHotEncoded() throws IOException {
        StringBuilder b = new StringBuilder("name,x,y\n");
        for (int i = 0; i < 150; i++) {
            b.append("person").append(i).append(',').append(i % 9).append(',').append(i % 2).append('\n');
        }
        Path file = csv("names.csv", b.toString());
        Cli r = train(file, "y");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("jgrad train: " + file + ", line 1, column 1: (name) the text column has 150"
                + " distinct values, too many to one-hot encode (at most 100): it looks like names or free text; leave it"
                + " out with --drop name");
        assertThat(train(file, "y", "--drop", "name").exitCode).isZero();
    }

    @Test
    void anRStyleIndexColumnIsDroppedWithANote() throws IOException {
        StringBuilder b = new StringBuilder("\"\",\"a\",\"b\",\"Species\"\n");
        for (int i = 0; i < 20; i++) {
            b.append('"').append(i + 1).append("\",").append(i * 0.1).append(',').append(i % 3).append(",\"")
                    .append(i % 2 == 0 ? "s" : "v").append("\"\n");
        }
        Cli r = train(csv("r.csv", b.toString()), "Species");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("note: column 1 has no name (an R-style row index").contains("2 features");
    }

    @Test
    void aHeaderlessFileIsAnErrorThatSaysSo() throws IOException {
        Path file = csv("h.csv", "5.1,3.5,setosa\n4.9,3.0,setosa\n6.2,2.9,virginica\n");
        Cli r = train(file, "setosa");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err.strip()).isEqualTo("jgrad train: " + file + ", line 1, column 1: the first line looks like"
                + " data, not a header: 2 of its 3 fields are numbers (such as \"5.1\"); add a first line of column names");
    }

    @Test
    void badInputIsOneLineWithFileLineAndColumn() throws IOException {
        Path ragged = csv("ragged.csv", "a,b,y\n1,2,p\n3,q\n");
        assertThat(train(ragged, "y").err.strip()).isEqualTo("jgrad train: " + ragged
                + ", line 3: expected 3 fields as in the header, found 2");

        Path word = csv("word.csv", "a,b,y\n1,2,p\n3,4,q\nfive,6,p\n7,8,q\n");
        assertThat(train(word, "y").err.strip()).isEqualTo("jgrad train: " + word
                + ", line 4, column 1: (a) \"five\" is not a number; feature columns must hold decimal numbers");

        Path emptyTarget = csv("empty.csv", "a,y\n1,2.5\n2,\n3,4.5\n");
        Cli e = train(emptyTarget, "y", "--task", "regression");
        assertThat(e.err.strip()).isEqualTo("jgrad train: " + emptyTarget
                + ", line 3, column 2: (y) the target is missing; every row needs a value to learn");
        Cli ec = train(emptyTarget, "y", "--task", "classification");
        assertThat(ec.err.strip()).startsWith("jgrad train: " + emptyTarget + ", line 3, column 2: (y) the label is missing");

        Path single = csv("single.csv", "a,y\n1,p\n2,p\n");
        assertThat(train(single, "y").err.strip()).startsWith("jgrad train: " + single
                + ", line 1, column 2: (y) the label column has only the class [p]");

        Path nan = csv("nan.csv", "a,y\n1,2.5\n2,NaN\n3,4.5\n");
        Cli n = train(nan, "y", "--task", "regression");
        assertThat(n.exitCode).isEqualTo(1);
        assertThat(n.err.strip()).isEqualTo("jgrad train: " + nan + ", line 3, column 2: (y) \"NaN\" is not a finite"
                + " number; a regression target must be one (use --task classification for classes)");

        Path ok = csv("ok.csv", "a,b,y\n1,2,p\n3,4,q\n");
        Cli unknown = train(ok, "y", "--features", "a,c");
        assertThat(unknown.err.strip()).isEqualTo("jgrad train: " + ok + ", line 1: --features names \"c\", which is"
                + " not a column; the columns are [a, b, y]");
        Cli wrongLabel = train(ok, "Y");
        assertThat(wrongLabel.err.strip()).isEqualTo("jgrad train: " + ok + ", line 1: no column named \"Y\" for"
                + " --label; the columns are [a, b, y]");
        assertThat(Cli.run("train", "--csv", ok.toString(), "--label", "y", "--task", "guess").err)
                .contains("--task must be classification or regression");
        Path values = csv("values.csv", "a,y\n1,2.5\n3,3.5\n2,1.5\n");
        Cli bce = train(values, "y", "--loss", "bce");
        assertThat(bce.exitCode).isEqualTo(2);
        assertThat(bce.err.strip()).isEqualTo("jgrad train: --loss bce: the task is regression; use mse, mae (l1) or"
                + " huber, or --task classification for classes");
    }

    @Test
    void theTaskIsChosenFromTheTargetAndCanBeOverridden() throws IOException {
        StringBuilder b = new StringBuilder("a,level\n");
        for (int i = 0; i < 30; i++) {
            b.append(i * 0.3).append(',').append(i % 4).append('\n');
        }
        Path file = csv("levels.csv", b.toString());
        Cli classes = train(file, "level");
        assertThat(classes.out).contains("task: classification (the label column 'level' holds 4 distinct integers);"
                + " override with --task regression");
        Cli values = train(file, "level", "--task", "regression", "--loss", "mae");
        assertThat(values.exitCode).as(values.toString()).isZero();
        assertThat(values.out).contains("task: regression (given by --task)").contains("loss mae");
        Path fractions = csv("fractions.csv", "a,v\n1,0.5\n2,1\n3,1.5\n4,2\n");
        assertThat(train(fractions, "v", "--val-split", "0").out)
                .contains("task: regression (the label column 'v' is numeric with non-integer values such as 0.5)");
    }
}
