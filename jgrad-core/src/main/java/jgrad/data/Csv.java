package jgrad.data;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a classification dataset from a CSV file: a header row of column names, then one row per
 * example. One column, chosen by name, holds the class label (any text); every other column must
 * be a number.
 *
 * <p>The format is RFC 4180's: fields are separated by commas; a field may be quoted with
 * {@code "}, with {@code ""} for a quote inside, and a quoted field may span lines. Lines end
 * with LF, CRLF or a lone CR. Spaces around fields are ignored, as are blank lines and a UTF-8
 * byte-order mark. Files are UTF-8 unless another encoding is given, and are decoded strictly
 * ({@link TextFiles}). Class labels become indices in sorted order, numerically if every label is
 * a number ({@code "2" < "10"}), else alphabetically, so the mapping does not depend on row order;
 * {@link Dataset#classNames()} keeps it. Numeric labels are compared as numbers: {@code 1},
 * {@code 1.0} and {@code +1} are one class, named {@code 1} ({@link Numbers#canonical}).
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
 * field, a field that is not a finite decimal number, fewer than two classes, no data rows. A file
 * over {@link InputLimits#maxInputBytes()} is refused before it is read.
 *
 * <p>Memory: the reader streams the file and keeps each numeric column as doubles, so a numeric
 * table takes about twice its file size in heap at the peak (8 bytes a value held once by the
 * columns and once by the dataset's rows) for typical fields of 6 to 10 characters; text columns
 * keep their strings.
 *
 * <p>{@link #readTable} reads the same format without a label column, for data to predict:
 * a {@link Table} of column names and rows, whose columns become numbers on request.
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Reads {@code file} (UTF-8) with {@code labelColumn} as the class label.
     *
     * @throws IOException if the file cannot be read
     * @throws CsvFormatException if its content is not a dataset, as described above
     * @throws InputFormatException if it is not a regular file, too big, or not valid UTF-8
     */
    public static Dataset load(Path file, String labelColumn) throws IOException {
        return load(file, labelColumn, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code file} in {@code encoding} with {@code labelColumn} as the class label.
     *
     * @throws IOException if the file cannot be read
     * @throws InputFormatException as {@link #load(Path, String)}
     */
    public static Dataset load(Path file, String labelColumn, Charset encoding) throws IOException {
        return toDataset(readTable(file, encoding), labelColumn);
    }

    /**
     * Parses CSV text; {@code source} names it in error messages.
     *
     * @throws CsvFormatException if it is not a dataset, as described above
     */
    public static Dataset parse(String text, String source, String labelColumn) {
        return toDataset(parseTable(text, source), labelColumn);
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
        return readTable(file, StandardCharsets.UTF_8);
    }

    /** {@link #readTable(Path)} in another encoding. @throws IOException if the file cannot be read */
    public static Table readTable(Path file, Charset encoding) throws IOException {
        try (Reader r = TextFiles.open(file, encoding, "CSV file")) {
            return new CsvReader(r, file.toString()).read();
        }
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
        try {
            return new CsvReader(new StringReader(text), source).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringReader does not fail
        }
    }

    private static Dataset toDataset(Table table, String labelColumn) {
        String source = table.source;
        List<String> header = table.columnNames;
        int labelIndex = table.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new CsvFormatException(source, table.headerLine, 0, "no column named "
                    + InputFormatException.quote(labelColumn) + " for the label; the columns are " + shortList(header));
        }
        if (header.size() < 2) {
            throw new CsvFormatException(source, table.headerLine, 0, "need at least one feature column besides the label "
                    + InputFormatException.quote(labelColumn));
        }
        if (table.size() == 0) {
            throw new CsvFormatException(source, table.headerLine, 0, "no data rows after the header");
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(labelIndex);
        return classification(table, labelColumn, featureNames, null);
    }

    /**
     * A classification dataset of {@code table}: the class of each row from {@code labelColumn}
     * (sorted as {@link #load} sorts them) and the features {@code rows} (one row per data row,
     * named {@code featureNames}), or, when {@code rows} is null, the named columns as numbers.
     *
     * @throws CsvFormatException naming the line and column of an empty label, or the header if
     *     there are fewer than two classes
     */
    public static Dataset classification(Table table, String labelColumn, List<String> featureNames, double[][] rows) {
        String source = table.source;
        int labelIndex = table.require(labelColumn);
        List<String> labelText = table.texts(labelColumn);
        for (int i = 0; i < labelText.size(); i++) {
            if (labelText.get(i).isEmpty()) {
                throw new CsvFormatException(source, table.lineNumber(i), labelIndex + 1, "(" + labelColumn
                        + ") the label is missing; every row needs a class");
            }
        }
        if (rows == null) {
            rows = table.numbers(featureNames);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> classNames = sortedClasses(labelText, index);
        if (classNames.size() < 2) {
            throw new CsvFormatException(source, table.headerLine, labelIndex + 1, "(" + labelColumn
                    + ") the label column has only the class " + classNames + "; a classifier needs at least two");
        }
        int[] labels = new int[rows.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(classKey(labelText.get(i)));
        }
        return Dataset.owning(rows, labels, classNames, featureNames);
    }

    /** A label as a class: numbers by their canonical text, so that 1 and 1.0 are one class. */
    private static String classKey(String label) {
        return Numbers.isDecimal(label) ? Numbers.canonical(Double.parseDouble(label)) : label;
    }

    /**
     * The distinct classes: numerically sorted if all labels are numbers, else alphabetically;
     * {@code index} gets each class key's position.
     */
    private static List<String> sortedClasses(List<String> labels, Map<String, Integer> index) {
        boolean numeric = true;
        for (String s : labels) {
            if (!Numbers.isDecimal(s)) {
                numeric = false;
                break;
            }
        }
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeMap<String, Boolean> distinct = new TreeMap<>(order);
        for (String s : labels) {
            distinct.put(classKey(s), Boolean.TRUE);
        }
        List<String> out = new ArrayList<>(distinct.keySet());
        for (int c = 0; c < out.size(); c++) {
            index.put(out.get(c), c);
        }
        return out;
    }

    /**
     * {@code value} as one CSV field, RFC 4180: in double quotes (with {@code ""} for a quote) when
     * it holds a comma, a quote, a line break or spaces at either end, as is otherwise. With
     * {@code excelSafe}, text that a spreadsheet would run as a formula (starting with {@code =},
     * {@code +}, {@code -}, {@code @}, a tab or a carriage return, and not a number) gets a leading
     * {@code '}, as OWASP advises for CSV injection.
     *
     * <pre>{@code
     * Csv.field("big, red", false);   // "\"big, red\""
     * Csv.field("=1+2", true);        // "'=1+2"
     * Csv.field("-0.5", true);        // "-0.5": numbers are left alone
     * }</pre>
     */
    public static String field(String value, boolean excelSafe) {
        String v = value;
        if (excelSafe && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !Numbers.isDecimal(v)) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || (!v.isEmpty() && (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' '));
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** The first 20 names of a list, for messages about very wide files. */
    static String shortList(List<String> names) {
        if (names.size() <= 20) {
            return names.toString();
        }
        return names.subList(0, 20).toString().replace("]", ", ... (" + names.size() + " columns)]");
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
        final String source;
        final List<String> columnNames;
        final int headerLine;
        private final Map<String, Integer> positions;
        private final CsvColumn[] columns;
        private final int[] lineNumbers;
        private final int size;

        Table(String source, List<String> columnNames, int headerLine, CsvColumn[] columns, int[] lineNumbers, int size) {
            this.source = source;
            this.columnNames = List.copyOf(columnNames);
            this.headerLine = headerLine;
            this.columns = columns;
            this.lineNumbers = lineNumbers;
            this.size = size;
            this.positions = new HashMap<>();
            for (int j = 0; j < columnNames.size(); j++) {
                positions.put(columnNames.get(j), j);
            }
        }

        /** The header's column names, in file order. */
        public List<String> columnNames() {
            return columnNames;
        }

        /** The file (or other source) the table was read from, as error messages name it. */
        public String source() {
            return source;
        }

        /** The line of the header row (from 1). */
        public int headerLine() {
            return headerLine;
        }

        /** The number of data rows (blank lines are not rows); 0 for a file with only a header. */
        public int size() {
            return size;
        }

        /** The position of the named column (from 0), or -1. */
        public int indexOf(String column) {
            Integer j = positions.get(column);
            return j == null ? -1 : j;
        }

        /**
         * Whether every field of the named column is a decimal number (empty fields aside).
         *
         * @throws CsvFormatException naming the header line if the column does not exist
         */
        public boolean isNumeric(String column) {
            return columns[require(column)].isNumeric();
        }

        /**
         * The text of the named column's field in every data row, unquoted and trimmed: for class
         * labels and other non-numeric columns. The fields of a column that holds only numbers
         * come back in canonical form ({@link Numbers#canonical}: {@code 1.0} as {@code 1});
         * empty fields as {@code ""}.
         *
         * @throws CsvFormatException naming the header line if the column does not exist
         */
        public List<String> texts(String column) {
            CsvColumn c = columns[require(column)];
            List<String> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(c.text(i));
            }
            return out;
        }

        /**
         * The named numeric column's values in row order, NaN for an empty field: what
         * {@link #texts} prints in canonical form, for writers that print them again.
         *
         * @throws CsvFormatException naming the header line if the column does not exist
         * @throws IllegalStateException if the column is not numeric ({@link #isNumeric})
         */
        public double[] values(String column) {
            CsvColumn c = columns[require(column)];
            if (!c.isNumeric()) {
                throw new IllegalStateException("Csv.Table.values: column " + InputFormatException.quote(column)
                        + " of " + source + " holds text; read it with texts()");
            }
            double[] out = new double[size];
            c.copyValues(out);
            return out;
        }

        /** The line of the file (from 1) that data row {@code i} starts on, for error messages. */
        public int lineNumber(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("Csv.Table.lineNumber: row " + i + " of " + size);
            }
            return lineNumbers[i];
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
         *     line and column of the first (in file order) empty field or field that is not a
         *     finite decimal number
         */
        public double[][] numbers(List<String> names) {
            int[] use = new int[names.size()];
            for (int k = 0; k < use.length; k++) {
                use[k] = require(names.get(k));
            }
            int badRow = Integer.MAX_VALUE;
            int badColumn = -1;
            for (int j : use) {
                int r = columns[j].firstProblemRow();
                if (r >= 0 && (r < badRow || (r == badRow && j < badColumn))) {
                    badRow = r;
                    badColumn = j;
                }
            }
            if (badColumn >= 0) {
                throw columns[badColumn].problem(source, lineNumbers[badRow], badColumn + 1);
            }
            InputLimits.checkHeap(source, "the numbers of " + use.length + " columns",
                    (long) size * (8L * use.length + 16));
            double[][] out = new double[size][use.length];
            for (int k = 0; k < use.length; k++) {
                columns[use[k]].copyNumbers(out, k);
            }
            return out;
        }

        private int require(String column) {
            int j = indexOf(column);
            if (j < 0) {
                throw new CsvFormatException(source, headerLine, 0, "no column named "
                        + InputFormatException.quote(column) + "; the columns are " + shortList(columnNames));
            }
            return j;
        }
    }
}
