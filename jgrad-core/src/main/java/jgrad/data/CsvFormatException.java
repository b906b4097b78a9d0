package jgrad.data;

/**
 * A CSV file that cannot be read as a dataset. The message starts with the file, the line (from
 * 1) and, where one field is at fault, its column (from 1) and header name, then says what is
 * wrong and what was expected.
 *
 * <pre>{@code
 * // iris.csv, line 7, column 3 (petal_length): "abc" is not a number
 * }</pre>
 */
public class CsvFormatException extends InputFormatException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** An error at {@code line} and {@code column} (0 if the whole line is at fault). */
    public CsvFormatException(String source, int line, int column, String message) {
        super(source, source + ", line " + line + (column > 0 ? ", column " + column : "") + ": " + message);
        this.line = line;
        this.column = column;
    }

    /** The line of the error, from 1. */
    public int line() {
        return line;
    }

    /** The column of the field at fault, from 1; 0 when the line as a whole is at fault. */
    public int column() {
        return column;
    }
}
