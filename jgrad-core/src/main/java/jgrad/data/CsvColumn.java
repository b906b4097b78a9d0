package jgrad.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of a CSV table as {@link CsvReader} fills it: doubles while every field is a number
 * (8 bytes a field, in chunks, so that no growth copies the whole column), strings from the first
 * field that is not. It remembers the first empty, non-numeric and out-of-range field, so that
 * {@link Csv.Table#numbers} can name it.
 */
final class CsvColumn {
    private static final int CHUNK = 8192;

    private final String name;
    private final List<double[]> full = new ArrayList<>();
    private double[] head = new double[2];
    private int size;
    /** The fields as text, once one is not a number; null while the column is numeric. */
    private List<String> texts;

    private int missingRow = -1;
    private int nonNumberRow = -1;
    private String nonNumber;
    private int overflowRow = -1;
    private String overflow;

    CsvColumn(String name) {
        this.name = name;
    }

    /**
     * Appends row {@code row}'s field, {@code chars[from, to)} (unquoted and trimmed): parsed in
     * place while the column is numeric, so that a numeric field makes no string.
     */
    void add(char[] chars, int from, int to, int row) {
        if (from == to && missingRow < 0) {
            missingRow = row;
        }
        if (texts != null) {
            texts.add(new String(chars, from, to - from));
            return;
        }
        if (from == to) {
            append(Double.NaN);   // missing; text() gives it back as ""
            return;
        }
        double v = DecimalParser.parse(chars, from, to);   // NaN: not a decimal number
        if (Double.isNaN(v)) {
            String field = new String(chars, from, to - from);
            toText();
            nonNumberRow = row;
            nonNumber = field;
            texts.add(field);
            return;
        }
        if (Double.isInfinite(v) && overflowRow < 0) {
            overflowRow = row;
            overflow = new String(chars, from, to - from);
        }
        append(v);
    }

    private void append(double v) {
        int at = size % CHUNK;
        if (at == head.length) {
            head = java.util.Arrays.copyOf(head, Math.min(2 * head.length, CHUNK));
        }
        head[at] = v;
        size++;
        if (size % CHUNK == 0) {
            full.add(head);
            head = new double[2];
        }
    }

    private double number(int i) {
        int c = i / CHUNK;
        return c < full.size() ? full.get(c)[i % CHUNK] : head[i % CHUNK];
    }

    /** From numbers to text: the numbers so far become their canonical text. */
    private void toText() {
        texts = new ArrayList<>(Math.max(size + 1, 10));
        for (int i = 0; i < size; i++) {
            double v = number(i);
            texts.add(Double.isNaN(v) ? "" : Numbers.canonical(v));
        }
        full.clear();
        head = null;
    }

    boolean isNumeric() {
        return texts == null;
    }

    /** Row {@code i} as text: the field itself, or for a numeric column the number's canonical text. */
    String text(int i) {
        if (texts != null) {
            return texts.get(i);
        }
        double v = number(i);
        return Double.isNaN(v) ? "" : Numbers.canonical(v);
    }

    /** The first row whose field cannot be a feature value, or -1. */
    int firstProblemRow() {
        int r = -1;
        for (int candidate : new int[] {missingRow, nonNumberRow, overflowRow}) {
            if (candidate >= 0 && (r < 0 || candidate < r)) {
                r = candidate;
            }
        }
        return r;
    }

    /** The error for {@link #firstProblemRow()}, at {@code line} and {@code column} of {@code source}. */
    CsvFormatException problem(String source, int line, int column) {
        int r = firstProblemRow();
        if (r == missingRow) {
            return new CsvFormatException(source, line, column, "(" + name + ") the value is missing");
        }
        if (r == nonNumberRow) {
            return new CsvFormatException(source, line, column, "(" + name + ") " + InputFormatException.quote(nonNumber)
                    + " is not a number; feature columns must hold decimal numbers");
        }
        return new CsvFormatException(source, line, column, "(" + name + ") " + InputFormatException.quote(overflow)
                + " is too large for a double");
    }

    /** Writes this numeric column's values (NaN for an empty field) into {@code out}, one per row. */
    void copyValues(double[] out) {
        int i = 0;
        for (double[] chunk : full) {
            System.arraycopy(chunk, 0, out, i, CHUNK);
            i += CHUNK;
        }
        System.arraycopy(head, 0, out, i, size - i);
    }

    /** Writes this column's numbers into {@code rows[i][k]} (a numeric column without problems). */
    void copyNumbers(double[][] rows, int k) {
        int i = 0;
        for (double[] chunk : full) {
            for (double v : chunk) {
                rows[i++][k] = v;
            }
        }
        for (int j = 0; i < size; j++) {
            rows[i++][k] = head[j];
        }
    }
}
