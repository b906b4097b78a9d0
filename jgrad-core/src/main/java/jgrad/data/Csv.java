package jgrad.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a classification dataset from a CSV file: a header row of column names, then one row per
 * example. One column, chosen by name, holds the class label (any text); every other column must
 * be a number.
 *
 * <p>Fields are separated by commas; a field may be quoted with {@code "}, with {@code ""} for a
 * quote inside (a quoted field cannot span lines). Spaces around fields are ignored, as are blank
 * lines and a UTF-8 byte-order mark. Class labels become indices in sorted order, numerically if
 * every label is a number ({@code "2" < "10"}), else alphabetically, so the mapping does not
 * depend on row order; {@link Dataset#classNames()} keeps it.
 *
 * <pre>{@code
 * // flowers.csv:  sepal_length,sepal_width,species
 * //               5.1,3.5,setosa
 * Dataset d = Csv.load(Path.of("flowers.csv"), "species");
 * d.featureNames();   // [sepal_length, sepal_width]
 * d.classNames();     // [setosa, versicolor, virginica]
 * }</pre>
 *
 * <p>Problems in the file throw {@link CsvFormatException}, naming the file, line and column:
 * a missing label column, duplicate column names, a row with too few or too many fields, an empty
 * field, a field that is not a finite decimal number, fewer than two classes, no data rows.
 */
public final class Csv {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {
    }

    /**
     * Reads {@code file} (UTF-8) with {@code labelColumn} as the class label.
     *
     * @throws IOException if the file cannot be read
     * @throws CsvFormatException if its content is not a dataset, as described above
     */
    public static Dataset load(Path file, String labelColumn) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return parse(text, file.toString(), labelColumn);
    }

    /**
     * Parses CSV text; {@code source} names it in error messages.
     *
     * @throws CsvFormatException if it is not a dataset, as described above
     */
    public static Dataset parse(String text, String source, String labelColumn) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        int headerLine = 0;
        while (headerLine < lines.length && lines[headerLine].isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.length) {
            throw new CsvFormatException(source, 1, 0, "the file is empty; expected a header row of column names");
        }
        List<String> header = fields(lines[headerLine], source, headerLine + 1);
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j);
            if (name.isEmpty()) {
                throw new CsvFormatException(source, headerLine + 1, j + 1, "empty column name in the header");
            }
            Integer before = seen.put(name, j);
            if (before != null) {
                throw new CsvFormatException(source, headerLine + 1, j + 1, "column name \"" + name
                        + "\" repeats column " + (before + 1));
            }
        }
        Integer labelIndex = seen.get(labelColumn);
        if (labelIndex == null) {
            throw new CsvFormatException(source, headerLine + 1, 0, "no column named \"" + labelColumn
                    + "\" for the label; the columns are " + header);
        }
        if (header.size() < 2) {
            throw new CsvFormatException(source, headerLine + 1, 0, "need at least one feature column besides the label \""
                    + labelColumn + "\"");
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove((int) labelIndex);

        List<double[]> rows = new ArrayList<>();
        List<String> labelText = new ArrayList<>();
        for (int ln = headerLine + 1; ln < lines.length; ln++) {
            if (lines[ln].isBlank()) {
                continue;
            }
            int lineNo = ln + 1;
            List<String> f = fields(lines[ln], source, lineNo);
            if (f.size() != header.size()) {
                throw new CsvFormatException(source, lineNo, 0, "expected " + header.size() + " fields as in the header, found "
                        + f.size());
            }
            double[] row = new double[header.size() - 1];
            int k = 0;
            for (int j = 0; j < f.size(); j++) {
                String v = f.get(j);
                String where = header.get(j);
                if (v.isEmpty()) {
                    throw new CsvFormatException(source, lineNo, j + 1, "(" + where + ") the value is missing");
                }
                if (j == labelIndex) {
                    labelText.add(v);
                    continue;
                }
                if (!NUMBER.matcher(v).matches()) {
                    throw new CsvFormatException(source, lineNo, j + 1, "(" + where + ") \"" + v
                            + "\" is not a number; feature columns must hold decimal numbers");
                }
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new CsvFormatException(source, lineNo, j + 1, "(" + where + ") \"" + v + "\" is too large for a double");
                }
                row[k++] = d;
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(source, headerLine + 1, 0, "no data rows after the header");
        }

        List<String> classNames = sortedClasses(labelText);
        if (classNames.size() < 2) {
            throw new CsvFormatException(source, headerLine + 1, labelIndex + 1, "(" + labelColumn
                    + ") the label column has only the class " + classNames + "; a classifier needs at least two");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
        }
        int[] labels = new int[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(labelText.get(i));
        }
        return new Dataset(rows.toArray(new double[0][]), labels, classNames, featureNames);
    }

    /** The distinct labels: numerically sorted if all are numbers, else alphabetically. */
    private static List<String> sortedClasses(List<String> labels) {
        boolean numeric = labels.stream().allMatch(s -> NUMBER.matcher(s).matches());
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        distinct.addAll(labels);
        return new ArrayList<>(distinct);
    }

    /** Splits one line into trimmed fields, honouring double quotes. */
    private static List<String> fields(String line, String source, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                int start = i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new CsvFormatException(source, lineNo, out.size() + 1,
                                "unterminated quoted field starting at character " + (start + 1));
                    }
                    char c = line.charAt(i++);
                    if (c == '"' && i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        field.append(c);
                    }
                }
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new CsvFormatException(source, lineNo, out.size() + 1,
                            "unexpected text after a closing quote; put the whole field in quotes");
                }
                out.add(field.toString());
            } else {
                int end = line.indexOf(',', i);
                if (end < 0) {
                    end = line.length();
                }
                out.add(line.substring(i, end).trim());
                i = end;
            }
            field.setLength(0);
            if (i >= line.length()) {
                return out;
            }
            i++; // the comma
        }
    }
}
