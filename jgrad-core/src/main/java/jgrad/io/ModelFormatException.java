package jgrad.io;

import jgrad.data.InputFormatException;

/**
 * A model file that cannot be loaded: not JSON, truncated, of another format or version, or with
 * content that does not fit together (a weight row of the wrong length, a parameter that is not a
 * number, a standardisation for another number of features). The message names the file, the
 * place in it (a JSON path such as {@code layers[1].weights[3]}), and what was expected.
 *
 * <pre>{@code
 * // model.json: layers[1].weights[3] has 15 numbers but the layer has 16 inputs
 * }</pre>
 */
public class ModelFormatException extends InputFormatException {
    private static final long serialVersionUID = 1L;

    /** An error in {@code source} (a file name). */
    public ModelFormatException(String source, String message) {
        super(source, source + ": " + message);
    }

    /** An error in {@code source} caused by {@code cause}, such as a {@link JsonException}. */
    public ModelFormatException(String source, String message, Throwable cause) {
        super(source, source + ": " + message, cause);
    }
}
