package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
            spec.commandLine().getErr().printf(Locale.ROOT, "wrote %d predictions to %s%n", table.rows.size(), output);
        }
        return 0;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The model's feature columns of a CSV file, as numbers. */
    static final class FeatureTable {
        /** A decimal number, as jgrad.data.Csv accepts it (no NaN, no hexadecimal, no 1d). */
        private static final java.util.regex.Pattern NUMBER =
                java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

        final List<String> columns;
        final List<double[]> rows = new ArrayList<>();

        private FeatureTable(List<String> columns) {
            this.columns = columns;
        }

        /**
         * @throws IllegalArgumentException naming the file, line and column of a missing or non-numeric
         *     field, or the widths when the file does not fit the model
         */
        static FeatureTable read(Path file, List<String> featureNames, int inputs, Path model) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int h = 0;
            while (h < lines.size() && lines.get(h).isBlank()) {
                h++;
            }
            if (h == lines.size()) {
                throw new IllegalArgumentException(file + ": the file is empty; expected a header row of column names");
            }
            List<String> header = split(lines.get(h).replace("\uFEFF", ""));
            int[] use = new int[inputs];
            if (!featureNames.isEmpty() && header.containsAll(featureNames)) {
                for (int j = 0; j < inputs; j++) {
                    use[j] = header.indexOf(featureNames.get(j));
                }
            } else if (header.size() == inputs) {
                for (int j = 0; j < inputs; j++) {
                    use[j] = j;
                }
            } else {
                throw new IllegalArgumentException(model + " takes " + inputs + " features"
                        + (featureNames.isEmpty() ? "" : " " + featureNames) + " but " + file + " has "
                        + header.size() + " columns " + header + (featureNames.isEmpty() ? "" : " without all of those names"));
            }
            List<String> columns = new ArrayList<>();
            for (int j : use) {
                columns.add(header.get(j));
            }
            FeatureTable table = new FeatureTable(columns);
            for (int i = h + 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> fields = split(lines.get(i));
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(file + ", line " + (i + 1) + ": " + fields.size()
                            + " fields, but the header has " + header.size());
                }
                double[] row = new double[inputs];
                for (int j = 0; j < inputs; j++) {
                    String field = fields.get(use[j]);
                    row[j] = NUMBER.matcher(field).matches() ? Double.parseDouble(field) : Double.NaN;
                    if (!Double.isFinite(row[j])) {
                        throw new IllegalArgumentException(file + ", line " + (i + 1) + ", column " + (use[j] + 1)
                                + " (" + header.get(use[j]) + "): " + (field.isEmpty() ? "empty field" : "\"" + field
                                + "\" is not a number"));
                    }
                }
                table.rows.add(row);
            }
            return table;
        }

        /** Splits one CSV line: commas, fields optionally in double quotes with "" for a quote, trimmed. */
        static List<String> split(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        f.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(f.toString().strip());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
            fields.add(f.toString().strip());
            return fields;
        }
    }
}
