package jgrad.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import jgrad.data.Csv;
import jgrad.data.Numbers;
import jgrad.io.SavedModel;

/**
 * The CSV that {@code jgrad predict} writes: every input column as {@link Csv.Table#texts} gives
 * it (numbers in canonical form), then the prediction, a classifier's probabilities and the
 * status, each cell RFC 4180 ({@link Csv#field}, honouring {@code --excel-safe}).
 *
 * <p>Written in chunks of about 32K characters as the rows are formatted, rather than as one string
 * of the whole file; numbers are appended to the chunk without a string each, and cells that can
 * never need quoting (finite numbers) skip {@link Csv#field}'s checks.
 */
final class PredictionWriter {
    private static final int CHUNK = 1 << 15;

    private final List<String> header;
    /** Per input column, its numbers (NaN for an empty field) if it is numeric, else null. */
    private final double[][] numbers;
    /** Per input column, its texts if it is not numeric, else null. */
    private final List<List<String>> texts = new ArrayList<>();
    private final List<String> classCells = new ArrayList<>();
    private final double[][] outputs;
    private final double[][] values;
    private final int[] predicted;
    private final boolean[] finite;
    private final boolean excelSafe;

    /**
     * The rows of {@code input} with their predictions: {@code predicted} classes (or, for a
     * regression model, null and the {@code values}), the model's raw {@code outputs} for the
     * probabilities, {@code finite} whether a row's outputs are all finite.
     */
    PredictionWriter(Csv.Table input, List<String> header, List<String> classNames, double[][] outputs,
            double[][] values, int[] predicted, boolean[] finite, boolean excelSafe) {
        this.header = header;
        this.outputs = outputs;
        this.values = values;
        this.predicted = predicted;
        this.finite = finite;
        this.excelSafe = excelSafe;
        List<String> columns = input.columnNames();
        numbers = new double[columns.size()][];
        for (int j = 0; j < columns.size(); j++) {
            boolean numeric = input.isNumeric(columns.get(j));
            numbers[j] = numeric ? input.values(columns.get(j)) : null;
            texts.add(numeric ? null : input.texts(columns.get(j)));
        }
        for (String c : classNames) {
            classCells.add(Csv.field(c, excelSafe));
        }
    }

    /** Writes the header and every row to {@code out} (not flushed). */
    void writeTo(Writer out) throws IOException {
        StringBuilder b = new StringBuilder(CHUNK + 4096);
        for (int j = 0; j < header.size(); j++) {
            b.append(j == 0 ? "" : ",").append(Csv.field(header.get(j), excelSafe));
        }
        b.append('\n');
        for (int i = 0; i < outputs.length; i++) {
            appendRow(b, i);
            if (b.length() >= CHUNK) {
                out.append(b);
                b.setLength(0);
            }
        }
        out.append(b);
    }

    private void appendRow(StringBuilder b, int i) {
        for (int j = 0; j < numbers.length; j++) {
            if (j > 0) {
                b.append(',');
            }
            if (numbers[j] == null) {
                b.append(Csv.field(texts.get(j).get(i), excelSafe));
            } else if (Double.isFinite(numbers[j][i])) {
                Numbers.appendCanonical(b, numbers[j][i]);
            } else if (!Double.isNaN(numbers[j][i])) {   // NaN is an empty field
                b.append(Csv.field(Numbers.canonical(numbers[j][i]), excelSafe));
            }
        }
        b.append(',');
        if (values != null) {
            if (finite[i]) {
                double[] v = values[i];
                if (v.length == 1) {
                    appendNumber(b, v[0]);
                } else {
                    b.append(Csv.field(joinValues(v), excelSafe));
                }
            }
        } else {
            if (predicted[i] >= 0) {
                b.append(classCells.get(predicted[i]));
            }
            double[] p = finite[i] ? SavedModel.probabilities(outputs[i]) : null;
            for (int c = 0; c < classCells.size(); c++) {
                b.append(',');
                if (p != null) {
                    appendNumber(b, p[c]);
                }
            }
        }
        b.append(finite[i] ? ",ok\n" : ",non-finite output\n");
    }

    /** {@code x} as {@link Double#toString} writes it; only infinities can need {@link Csv#field}. */
    private void appendNumber(StringBuilder b, double x) {
        if (Double.isFinite(x)) {
            b.append(x);   // the same text as Double.toString, without making a string
        } else {
            b.append(Csv.field(Double.toString(x), excelSafe));
        }
    }

    private static String joinValues(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < v.length; j++) {
            b.append(j == 0 ? "" : ";").append(v[j]);
        }
        return b.toString();
    }
}
