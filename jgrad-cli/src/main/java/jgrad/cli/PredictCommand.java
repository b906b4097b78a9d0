package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.data.Csv;
import jgrad.data.CsvFormatException;
import jgrad.data.Numbers;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad predict}: applies a saved model to the rows of a CSV file and, with
 * {@code --label}, measures the accuracy against the file's class column.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Applies a saved model to every row of a CSV file and writes the predictions as CSV:"
                + " the row's features, the predicted class, and the network's outputs.",
                "The CSV needs a header. Columns named like the model's features are used (others, such as a"
                + " label, are ignored); without such names it must have exactly the model's number of columns"
                + " (besides the --label column).",
                "With --label, the accuracy against that column is printed on standard error at the end; its values"
                + " must be the model's class names (as in model.json's \"classes\", e.g. -1 and +1 for the demo;"
                + " numbers also match numerically, so 1 matches +1)."},
        footer = {"", "Examples:", "  jgrad predict --model jgrad-out/demo/model.json points.csv -o predictions.csv",
                "  jgrad predict --model flowers/model.json --label species test.csv -o predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'jgrad train' or 'jgrad demo'.")
    Path model;

    @Parameters(index = "0", paramLabel = "CSV", description = "The rows to predict.")
    Path csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The class column (the file must have it): print the accuracy against it.")
    String label;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "The CSV's text encoding (default ${DEFAULT-VALUE}; e.g. ISO-8859-1, windows-1252, UTF-16).")
    String encoding;

    @Option(names = "--excel-safe",
            description = "Prefix text cells that start with =, +, -, @ (and are not numbers) with ', so that a"
                    + " spreadsheet shows them instead of running them as formulas.")
    boolean excelSafe;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        java.nio.charset.Charset charset = TrainCommand.charset(encoding);
        if (output != null) {
            OutputPaths.checkFile(output, "-o");
        }
        if (!Files.exists(model)) {
            throw new IOException("cannot read model " + model + ": no such file");
        }
        if (!Files.exists(csv)) {
            throw new IOException("cannot read " + csv + ": no such file");
        }
        Main.stage("reading the model " + model);
        SavedModel saved = ModelFile.load(model);
        Main.stage("reading " + csv);
        Csv.Table rows = Csv.readTable(csv, charset);
        if (label != null && !rows.columnNames().contains(label)) {
            throw new Main.UsageException("--label " + label + ": " + csv + " has no such column; its columns are "
                    + rows.columnNames());
        }
        FeatureTable table = FeatureTable.read(rows, csv, saved.featureNames(), saved.model().inputs(), label, model);
        List<String> classNames = saved.classNames();
        int outputs = saved.model().outputs();
        int[] truth = label == null ? null : LabelColumn.read(rows, csv, label, classes(classNames, outputs), model);

        Main.stage("predicting " + table.rows.length + " rows");
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>(table.columns);
        header.add("prediction");
        if (outputs == 1) {
            header.add("score");
        } else {
            for (int j = 0; j < outputs; j++) {
                header.add("output_" + (classNames.isEmpty() ? Integer.toString(j) : classNames.get(j)));
            }
        }
        header.add("status");
        appendRow(text, header);
        int correct = 0;
        int nonFinite = 0;
        List<String> cells = new ArrayList<>();
        double[][] allOutputs = saved.outputs(table.rows);   // batched tensor code: big models in seconds
        for (int i = 0; i < table.rows.length; i++) {
            double[] row = table.rows[i];
            double[] out = allOutputs[i];
            boolean finite = true;
            for (double o : out) {
                finite &= Double.isFinite(o);
            }
            int k = finite ? jgrad.nn.ClassificationLoss.predict(out) : -1;
            if (!finite) {
                nonFinite++;
            } else if (truth != null && truth[i] == k) {
                correct++;
            }
            cells.clear();
            for (double x : row) {
                cells.add(Double.toString(x));
            }
            cells.add(k < 0 ? "" : classNames.isEmpty() ? Integer.toString(k) : classNames.get(k));
            for (double o : out) {
                cells.add(Double.toString(o));
            }
            cells.add(finite ? "ok" : "non-finite output");
            appendRow(text, cells);
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            Main.stage("writing " + output);
            GraphCommand.writeText(output, text.toString());
            spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d predictions to %s%n", table.rows.length, output);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (nonFinite > 0) {
            err.printf(Locale.ROOT, "warning: %d of %d rows gave a non-finite output (NaN or infinity) and have no"
                    + " prediction (status \"non-finite output\"): their inputs overflow the network%n",
                    nonFinite, table.rows.length);
        }
        if (truth != null && truth.length == 0) {
            err.printf("no accuracy: %s has no rows%n", csv);
        } else if (truth != null) {
            err.printf(Locale.ROOT, "accuracy %.1f%% (%d/%d) against column '%s'%s%n",
                    100.0 * correct / truth.length, correct, truth.length, label,
                    nonFinite > 0 ? " (rows without a prediction count as wrong)" : "");
        }
        err.flush();
        if (nonFinite > 0 && nonFinite == table.rows.length) {
            err.println("jgrad predict: every row gave a non-finite output; nothing was predicted");
            err.flush();
            return Main.FAILURE;
        }
        return 0;
    }

    /** One CSV row, RFC 4180 ({@link Csv#field}), honouring --excel-safe. */
    private void appendRow(StringBuilder text, List<String> cells) {
        for (int j = 0; j < cells.size(); j++) {
            if (j > 0) {
                text.append(',');
            }
            text.append(Csv.field(cells.get(j), excelSafe));
        }
        text.append('\n');
    }

    /** The model's class names, or "0", "1", ... (as the prediction column shows them) for a model without names. */
    private static List<String> classes(List<String> classNames, int outputs) {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        List<String> indices = new ArrayList<>();
        for (int k = 0; k < (outputs == 1 ? 2 : outputs); k++) {
            indices.add(Integer.toString(k));
        }
        return indices;
    }

    /** The model's feature columns of a CSV file, as numbers (read by {@link Csv#readTable}). */
    static final class FeatureTable {
        final List<String> header;
        final List<String> columns;
        final double[][] rows;

        private FeatureTable(List<String> header, List<String> columns, double[][] rows) {
            this.header = header;
            this.columns = columns;
            this.rows = rows;
        }

        /**
         * The columns named like the model's features or, without such names, all columns but
         * {@code label} (null for none) when there are exactly as many as the model's inputs.
         *
         * @throws jgrad.data.CsvFormatException naming the file, line and column of a missing or
         *     non-numeric field
         * @throws IllegalArgumentException naming both widths when the file does not fit the model
         */
        static FeatureTable read(Csv.Table table, Path file, List<String> featureNames, int inputs, String label,
                Path model) {
            List<String> header = table.columnNames();
            List<String> unlabelled = new ArrayList<>(header);
            unlabelled.remove(label);
            List<String> columns;
            if (!featureNames.isEmpty() && header.containsAll(featureNames)) {
                columns = featureNames;
            } else if (unlabelled.size() == inputs) {
                columns = unlabelled;
            } else {
                throw new IllegalArgumentException(model + " takes " + inputs + " features"
                        + (featureNames.isEmpty() ? "" : " " + featureNames) + " but " + file + " has "
                        + header.size() + " columns " + header + (featureNames.isEmpty() ? "" : " without all of those names"));
            }
            return new FeatureTable(header, columns, table.numbers(columns));
        }
    }

    /** A CSV's class column ({@link Csv.Table#texts}) as indices into a model's classes. */
    static final class LabelColumn {
        private LabelColumn() {
        }

        /**
         * Each row's class in {@code classes}, or null when the header has no {@code column}.
         *
         * @throws CsvFormatException naming the file, line, column and value of a label that is none
         *     of the classes
         */
        static int[] read(Csv.Table rows, Path file, String column, List<String> classes, Path model) {
            int index = rows.columnNames().indexOf(column);
            if (index < 0) {
                return null;
            }
            List<String> values = rows.texts(column);
            int[] labels = new int[values.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = classOf(values.get(i), classes);
                if (labels[i] < 0) {
                    throw new CsvFormatException(file.toString(), rows.lineNumber(i), index + 1, "(" + column + ") \""
                            + values.get(i) + "\" is not one of the classes " + classes + " of " + model
                            + "; give the label column the model was trained on");
                }
            }
            return labels;
        }

        /** The index of {@code value} in {@code classes}: the same text or, for numbers, the same number; else -1. */
        static int classOf(String value, List<String> classes) {
            int k = classes.indexOf(value);
            if (k >= 0 || !Numbers.isDecimal(value)) {
                return k;
            }
            for (int c = 0; c < classes.size(); c++) {
                if (Numbers.isDecimal(classes.get(c))
                        && Double.parseDouble(classes.get(c)) == Double.parseDouble(value)) {
                    return c;
                }
            }
            return -1;
        }
    }
}
