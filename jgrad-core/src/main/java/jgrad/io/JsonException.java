package jgrad.io;

import jgrad.data.InputFormatException;

/**
 * Thrown by {@link Json#parse} for text that is not valid JSON. The message reads
 * {@code source:line:column: what is wrong}, and {@link #line()} and {@link #column()} (both from
 * 1) point at the offending character.
 *
 * <pre>{@code
 * Json.parse("[1, 2,]", "a.json");  // JsonException: a.json:1:7: unexpected ']': expected a value
 * }</pre>
 */
public class JsonException extends InputFormatException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** An error at {@code line}:{@code column} of {@code source} (a file name, or null). */
    public JsonException(String source, int line, int column, String message) {
        super(source, (source == null ? "" : source + ":") + line + ":" + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    /** The line of the error, from 1. */
    public int line() {
        return line;
    }

    /** The column of the error, from 1. */
    public int column() {
        return column;
    }
}
