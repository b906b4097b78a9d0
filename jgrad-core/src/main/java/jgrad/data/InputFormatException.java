package jgrad.data;

/**
 * An input file (or text) that jgrad cannot read: the common type of every reader's errors
 * ({@link CsvFormatException}, and in {@code jgrad.io} the JSON, model, safetensors and IDX
 * errors), so that a caller can catch one type. The message starts with the source (a file name),
 * says where in it the problem is and what to do; {@link #source()} gives the source alone.
 *
 * <pre>{@code
 * try {
 *     Csv.load(path, "label");
 * } catch (InputFormatException e) {
 *     System.err.println(e.getMessage());   // data.csv, line 7, column 3: (x) "abc" is not a number; ...
 * }
 * }</pre>
 */
public class InputFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /** An error in {@code source}; {@code message} is the whole message and should start with the source. */
    public InputFormatException(String source, String message) {
        super(message);
        this.source = source;
    }

    /** An error in {@code source} caused by {@code cause}. */
    public InputFormatException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** The file (or other source) the error is in, as its message names it; may be null. */
    public String source() {
        return source;
    }

    /**
     * {@code value} for an error message: as it is when short, else its first 200 characters with
     * the length of the rest, so that a 10 MB cell gives a one-line message.
     */
    public static String quote(String value) {
        int max = 200;
        String shown = value.length() <= max ? value
                : value.substring(0, max) + "... (" + (value.length() - max) + " more characters)";
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
