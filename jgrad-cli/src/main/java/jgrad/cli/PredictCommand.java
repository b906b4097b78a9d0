package jgrad.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.data.Csv;
import jgrad.data.CsvFormatException;
import jgrad.data.Numbers;
import jgrad.io.AtomicFiles;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import jgrad.nn.RegressionMetrics;
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
                + " every column of the input (the label too), then 'prediction' (the class, or for a regression"
                + " model the value in the target's units), for a classifier one probability column p_CLASS per class"
                + " (softmax of the outputs, or the sigmoid of a single output), and 'status' (ok, or non-finite"
                + " output).",
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
            description = "The true class column (the file must have it): print the accuracy against it, or for a"
                    + " regression model R², MAE and RMSE.")
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
        Phases.mark("csv read");
        if (label != null && !rows.columnNames().contains(label)) {
            throw new Main.UsageException("--label " + label + ": " + csv + " has no such column; its columns are "
                    + rows.columnNames());
        }
        FeatureTable table = saved.categorical().isEmpty()
                ? FeatureTable.read(rows, csv, saved.featureNames(), saved.model().inputs(), label, model)
                : FeatureTable.encoded(rows, csv, saved, model);
        boolean regression = saved.isRegression();
        List<String> classNames = classes(saved.classNames(), saved.model().outputs());
        int[] truth = label == null || regression ? null : LabelColumn.read(rows, csv, label, classNames, model);
        double[] truthValues = label != null && regression ? TargetColumn.read(rows, csv, label) : null;

        Phases.mark("features and labels");
        Main.stage("predicting " + table.rows.length + " rows");
        List<String> inputColumns = rows.columnNames();
        List<String> header = new ArrayList<>(inputColumns);
        header.add(unique("prediction", inputColumns));
        if (!regression) {
            for (String c : classNames) {
                header.add(unique("p_" + c, inputColumns));
            }
        }
        header.add(unique("status", inputColumns));
        double[][] allOutputs = saved.outputs(table.rows);   // batched, by the tensor engine in float64
        double[][] allValues = null;
        if (regression) {
            allValues = new double[allOutputs.length][];
            for (int r = 0; r < allOutputs.length; r++) {
                allValues[r] = allOutputs[r].clone();
            }
            saved.toTargetUnits(allValues);
        }
        Phases.mark("model outputs");
        int n = table.rows.length;
        int correct = 0;
        int nonFinite = 0;
        boolean[] finite = new boolean[n];
        int[] predicted = regression ? null : new int[n];
        for (int i = 0; i < n; i++) {
            finite[i] = true;
            for (double o : allOutputs[i]) {
                finite[i] &= Double.isFinite(o);
            }
            if (!finite[i]) {
                nonFinite++;
            }
            if (!regression) {
                predicted[i] = finite[i] ? jgrad.nn.ClassificationLoss.predict(allOutputs[i]) : -1;
                if (truth != null && finite[i] && truth[i] == predicted[i]) {
                    correct++;
                }
            }
        }
        PredictionWriter predictions = new PredictionWriter(rows, header, classNames, allOutputs, allValues, predicted,
                finite, excelSafe);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            predictions.writeTo(out);
            out.flush();
        } else {
            Main.stage("writing " + output);
            Files.createDirectories(output.toAbsolutePath().getParent());
            AtomicFiles.write(output, stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                predictions.writeTo(w);
                w.flush();
            });
            spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d predictions to %s%n", table.rows.length, output);
        }
        Phases.mark("output written");
        PrintWriter err = spec.commandLine().getErr();
        if (nonFinite > 0) {
            err.printf(Locale.ROOT, "warning: %d of %d rows gave a non-finite output (NaN or infinity) and have no"
                    + " prediction (status \"non-finite output\"): their inputs overflow the network%n",
                    nonFinite, table.rows.length);
        }
        if (label != null && table.rows.length == 0) {
            err.printf("no %s: %s has no rows%n", regression ? "scores" : "accuracy", csv);
        } else if (truth != null) {
            err.printf(Locale.ROOT, "accuracy %.1f%% (%d/%d) against column '%s'%s%n",
                    100.0 * correct / truth.length, correct, truth.length, label,
                    nonFinite > 0 ? " (rows without a prediction count as wrong)" : "");
        } else if (truthValues != null) {
            List<double[]> t = new ArrayList<>();
            List<double[]> p = new ArrayList<>();
            for (int i = 0; i < truthValues.length; i++) {
                if (Double.isFinite(allValues[i][0])) {
                    t.add(new double[] {truthValues[i]});
                    p.add(new double[] {allValues[i][0]});
                }
            }
            if (!t.isEmpty()) {
                RegressionMetrics m = RegressionMetrics.of(t.toArray(new double[0][]), p.toArray(new double[0][]));
                err.printf(Locale.ROOT, "R² %.4f  MAE %.6g  RMSE %.6g (%d rows) against column '%s'%s%n", m.r2(), m.mae(),
                        m.rmse(), t.size(), label, nonFinite > 0 ? " (rows without a prediction left out)" : "");
            }
        }
        err.flush();
        if (nonFinite > 0 && nonFinite == table.rows.length) {
            err.println("jgrad predict: every row gave a non-finite output; nothing was predicted");
            err.flush();
            return Main.FAILURE;
        }
        return 0;
    }

    /** {@code name}, or {@code name_2}, ... if the input already has a column of that name. */
    private static String unique(String name, List<String> taken) {
        String n = name;
        for (int k = 2; taken.contains(n); k++) {
            n = name + "_" + k;
        }
        return n;
    }

    /** A regression model's target column: every value a finite number. */
    static final class TargetColumn {
        private TargetColumn() {
        }

        /** @throws CsvFormatException naming the line and column of an empty or non-numeric value */
        static double[] read(Csv.Table rows, Path file, String column) {
            int index = rows.columnNames().indexOf(column);
            List<String> values = rows.texts(column);
            double[] out = new double[values.size()];
            for (int i = 0; i < out.length; i++) {
                String v = values.get(i);
                out[i] = Numbers.isDecimal(v) ? Double.parseDouble(v) : Double.NaN;
                if (!Double.isFinite(out[i])) {
                    throw new CsvFormatException(file.toString(), rows.lineNumber(i), index + 1, "(" + column + ") "
                            + (v.isEmpty() ? "the value is missing" : "\"" + v + "\" is not a finite number")
                            + "; the --label column of a regression model must hold the true values");
                }
            }
            return out;
        }
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

        /**
         * The model's inputs from a file of raw columns: numeric features by name, and each one-hot
         * encoded text column ({@link SavedModel#categorical()}) expanded as in training.
         *
         * @throws IllegalArgumentException naming the missing columns
         * @throws CsvFormatException naming a missing or non-numeric field
         */
        static FeatureTable encoded(Csv.Table table, Path file, SavedModel saved, Path model) {
            List<String> header = table.columnNames();
            List<String> numeric = new ArrayList<>(saved.featureNames());
            List<String> needed = new ArrayList<>();
            for (jgrad.data.Categorical c : saved.categorical()) {
                numeric.removeAll(c.featureNames());
                needed.add(c.column());
            }
            needed.addAll(numeric);
            List<String> missing = new ArrayList<>(needed);
            missing.removeAll(header);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(model + " needs the columns " + needed + " but " + file
                        + " lacks " + missing + "; its columns are " + header);
            }
            double[][] numbers = table.numbers(numeric);
            int n = table.size();
            double[][] rows = new double[n][saved.featureNames().size()];
            for (int j = 0; j < saved.featureNames().size(); j++) {
                String f = saved.featureNames().get(j);
                int k = numeric.indexOf(f);
                if (k >= 0) {
                    for (int i = 0; i < n; i++) {
                        rows[i][j] = numbers[i][k];
                    }
                    continue;
                }
                for (jgrad.data.Categorical c : saved.categorical()) {
                    int at = c.featureNames().indexOf(f);
                    if (at >= 0) {
                        List<String> texts = table.texts(c.column());
                        for (int i = 0; i < n; i++) {
                            rows[i][j] = texts.get(i).equals(c.categories().get(at)) ? 1 : 0;
                        }
                    }
                }
            }
            return new FeatureTable(header, saved.featureNames(), rows);
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
