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
 *
 * <p>{@link #readTable} reads the same format without a label column, for data to predict:
 * a {@link Table} of column names and rows, whose columns become numbers on request.
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
        Table table = parseTable(text, source);
        List<String> header = table.columnNames;
        int labelIndex = header.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new CsvFormatException(source, table.headerLine, 0, "no column named \"" + labelColumn
                    + "\" for the label; the columns are " + header);
        }
        if (header.size() < 2) {
            throw new CsvFormatException(source, table.headerLine, 0, "need at least one feature column besides the label \""
                    + labelColumn + "\"");
        }
        if (table.size() == 0) {
            throw new CsvFormatException(source, table.headerLine, 0, "no data rows after the header");
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(labelIndex);
        int[] featureColumns = new int[featureNames.size()];
        for (int j = 0, k = 0; j < header.size(); j++) {
            if (j != labelIndex) {
                featureColumns[k++] = j;
            }
        }

        double[][] rows = new double[table.size()][];
        List<String> labelText = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = table.numbers(i, featureColumns, labelIndex);
            labelText.add(table.rows.get(i)[labelIndex]);
        }

        List<String> classNames = sortedClasses(labelText);
        if (classNames.size() < 2) {
            throw new CsvFormatException(source, table.headerLine, labelIndex + 1, "(" + labelColumn
                    + ") the label column has only the class " + classNames + "; a classifier needs at least two");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(labelText.get(i));
        }
        return new Dataset(rows, labels, classNames, featureNames);
    }

    /**
     * Reads {@code file} (UTF-8, as {@link #load}) as a table: a header row of column names, then
     * rows of fields, with no label column; {@link Table#numbers(List)} then reads the columns it
     * needs as numbers.
     *
     * @throws IOException if the file cannot be read
     * @throws CsvFormatException if it has no header, an empty or repeated column name, a row with
     *     too few or too many fields, or an unterminated quote
     */
    public static Table readTable(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return parseTable(text, file.toString());
    }

    /**
     * Parses CSV text as a table, as {@link #readTable}; {@code source} names it in error messages.
     *
     * @throws CsvFormatException as {@link #readTable}
     */
    public static Table parseTable(String text, String source) {
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
        Table table = new Table(source, header, headerLine + 1);
        for (int ln = headerLine + 1; ln < lines.length; ln++) {
            if (lines[ln].isBlank()) {
                continue;
            }
            List<String> f = fields(lines[ln], source, ln + 1);
            if (f.size() != header.size()) {
                throw new CsvFormatException(source, ln + 1, 0, "expected " + header.size() + " fields as in the header, found "
                        + f.size());
            }
            table.rows.add(f.toArray(new String[0]));
            table.lineNumbers.add(ln + 1);
        }
        return table;
    }

    /**
     * A CSV file read by {@link #readTable}: its column names and its rows of fields, which
     * {@link #numbers(List)} turns into numbers column by column, so that columns it is not asked
     * for (a label, an id) may hold any text.
     *
     * <pre>{@code
     * // points.csv:  x,y,label
     * //              0.5,-0.3,a
     * Csv.Table t = Csv.readTable(Path.of("points.csv"));
     * t.columnNames();                        // [x, y, label]
     * double[][] xy = t.numbers(List.of("x", "y"));   // {{0.5, -0.3}}
     * }</pre>
     */
    public static final class Table {
        private final String source;
        private final List<String> columnNames;
        private final int headerLine;
        private final List<String[]> rows = new ArrayList<>();
        private final List<Integer> lineNumbers = new ArrayList<>();

        private Table(String source, List<String> columnNames, int headerLine) {
            this.source = source;
            this.columnNames = List.copyOf(columnNames);
            this.headerLine = headerLine;
        }

        /** The header's column names, in file order. */
        public List<String> columnNames() {
            return columnNames;
        }

        /** The number of data rows (blank lines are not rows); 0 for a file with only a header. */
        public int size() {
            return rows.size();
        }

        /**
         * The text of the named column's field in every data row, unquoted and trimmed, as
         * {@link #numbers(List)} reads it: for class labels and other non-numeric columns.
         *
         * @throws CsvFormatException naming the header line if the column does not exist
         */
        public List<String> texts(String column) {
            int j = columnNames.indexOf(column);
            if (j < 0) {
                throw new CsvFormatException(source, headerLine, 0, "no column named \"" + column
                        + "\"; the columns are " + columnNames);
            }
            List<String> out = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                out.add(row[j]);
            }
            return out;
        }

        /** The line of the file (from 1) that data row {@code i} came from, for error messages. */
        public int lineNumber(int i) {
            return lineNumbers.get(i);
        }

        /** Every column as numbers, one row per data row. @throws CsvFormatException as {@link #numbers(List)} */
        public double[][] numbers() {
            return numbers(columnNames);
        }

        /**
         * The named columns as numbers, in the order given: one row of {@code columns.size()}
         * values per data row.
         *
         * @throws CsvFormatException naming the header line if a column does not exist, or the
         *     line and column of an empty field or one that is not a finite decimal number
         */
        public double[][] numbers(List<String> columns) {
            int[] use = new int[columns.size()];
            for (int j = 0; j < use.length; j++) {
                use[j] = columnNames.indexOf(columns.get(j));
                if (use[j] < 0) {
                    throw new CsvFormatException(source, headerLine, 0, "no column named \"" + columns.get(j)
                            + "\"; the columns are " + columnNames);
                }
            }
            double[][] out = new double[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = numbers(i, use, -1);
            }
            return out;
        }

        /**
         * Row {@code i}'s fields in columns {@code use} as numbers; checks them, and that column
         * {@code label}'s field (-1 for none) is not empty, in file order, so the first bad field is named.
         */
        private double[] numbers(int i, int[] use, int label) {
            String[] f = rows.get(i);
            int lineNo = lineNumbers.get(i);
            for (int j = 0; j < f.length; j++) {
                boolean used = contains(use, j);
                if (!used && j != label) {
                    continue;
                }
                String v = f[j];
                String where = columnNames.get(j);
                if (v.isEmpty()) {
                    throw new CsvFormatException(source, lineNo, j + 1, "(" + where + ") the value is missing");
                }
                if (used && !NUMBER.matcher(v).matches()) {
                    throw new CsvFormatException(source, lineNo, j + 1, "(" + where + ") \"" + v
                            + "\" is not a number; feature columns must hold decimal numbers");
                }
                if (used && !Double.isFinite(Double.parseDouble(v))) {
                    throw new CsvFormatException(source, lineNo, j + 1, "(" + where + ") \"" + v
                            + "\" is too large for a double");
                }
            }
            double[] row = new double[use.length];
            for (int k = 0; k < use.length; k++) {
                row[k] = Double.parseDouble(f[use[k]]);
            }
            return row;
        }

        private static boolean contains(int[] xs, int x) {
            for (int v : xs) {
                if (v == x) {
                    return true;
                }
            }
            return false;
        }
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
