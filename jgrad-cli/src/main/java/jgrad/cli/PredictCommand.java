package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.data.Csv;
import jgrad.io.ModelFile;
import jgrad.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jgrad predict}: applies a saved model to the rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Applies a saved model to every row of a CSV file and writes the predictions as CSV:"
                + " the row's features, the predicted class, and the network's outputs.",
                "The CSV needs a header. Columns named like the model's features are used (others, such as a"
                + " label, are ignored); without such names it must have exactly the model's number of columns."},
        footer = {"", "Example:", "  jgrad predict --model jgrad-out/demo/model.json points.csv -o predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'jgrad train' or 'jgrad demo'.")
    Path model;

    @Parameters(index = "0", paramLabel = "CSV", description = "The rows to predict.")
    Path csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new IOException("cannot read model " + model + ": no such file");
        }
        if (!Files.isRegularFile(csv)) {
            throw new IOException("cannot read " + csv + ": no such file");
        }
        SavedModel saved = ModelFile.load(model);
        FeatureTable table = FeatureTable.read(csv, saved.featureNames(), saved.model().inputs(), model);

        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        List<String> classNames = saved.classNames();
        int outputs = saved.model().outputs();
        List<String> header = new ArrayList<>(table.columns);
        header.add("prediction");
        if (outputs == 1) {
            header.add("score");
        } else {
            for (int j = 0; j < outputs; j++) {
                header.add("output_" + (classNames.isEmpty() ? Integer.toString(j) : classNames.get(j)));
            }
        }
        w.println(String.join(",", header.stream().map(PredictCommand::quote).toList()));
        for (double[] row : table.rows) {
            double[] out = saved.outputs(row);
            int k = jgrad.nn.ClassificationLoss.predict(out);
            StringBuilder line = new StringBuilder();
            for (double x : row) {
                line.append(Double.toString(x)).append(',');
            }
            line.append(quote(classNames.isEmpty() ? Integer.toString(k) : classNames.get(k)));
            for (double o : out) {
                line.append(',').append(Double.toString(o));
            }
            w.println(line);
        }
        w.flush();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            GraphCommand.writeText(output, text.toString());
            spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d predictions to %s%n", table.rows.length, output);
        }
        return 0;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The model's feature columns of a CSV file, as numbers (read by {@link Csv#readTable}). */
    static final class FeatureTable {
        final List<String> columns;
        final double[][] rows;

        private FeatureTable(List<String> columns, double[][] rows) {
            this.columns = columns;
            this.rows = rows;
        }

        /**
         * The columns named like the model's features or, without such names, all columns when
         * there are exactly as many as the model's inputs.
         *
         * @throws jgrad.data.CsvFormatException naming the file, line and column of a malformed row
         *     or a missing or non-numeric field
         * @throws IllegalArgumentException naming both widths when the file does not fit the model
         */
        static FeatureTable read(Path file, List<String> featureNames, int inputs, Path model) throws IOException {
            Csv.Table table = Csv.readTable(file);
            List<String> header = table.columnNames();
            List<String> columns;
            if (!featureNames.isEmpty() && header.containsAll(featureNames)) {
                columns = featureNames;
            } else if (header.size() == inputs) {
                columns = header;
            } else {
                throw new IllegalArgumentException(model + " takes " + inputs + " features"
                        + (featureNames.isEmpty() ? "" : " " + featureNames) + " but " + file + " has "
                        + header.size() + " columns " + header + (featureNames.isEmpty() ? "" : " without all of those names"));
            }
            return new FeatureTable(columns, table.numbers(columns));
        }
    }
}
