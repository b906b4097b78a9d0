package jgrad.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much a reader may take in: every jgrad reader (CSV, model JSON, safetensors, IDX) checks the
 * size of a file, and the memory it is about to allocate, against {@link #maxInputBytes()} before
 * it reads, so that a huge or hostile file gives a clear error instead of an
 * {@code OutOfMemoryError} or a hang.
 *
 * <p>The limit is 1 GiB unless the system property {@value #PROPERTY} says otherwise, in bytes or
 * with a suffix: {@code -Djgrad.maxInputBytes=4g}. The {@code jgrad} command sets it with
 * {@code --max-input-bytes}.
 *
 * <pre>{@code
 * long size = InputLimits.checkFile(path, "CSV file");   // throws if missing, a directory, or too big
 * }</pre>
 */
public final class InputLimits {
    /** The system property that sets the limit. */
    public static final String PROPERTY = "jgrad.maxInputBytes";
    /** The limit without the property: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private InputLimits() {
    }

    /**
     * The largest input, in bytes, that a reader accepts.
     *
     * @throws IllegalArgumentException if the property is set to something that is not a size
     */
    public static long maxInputBytes() {
        String v = System.getProperty(PROPERTY);
        return v == null ? DEFAULT_MAX_BYTES : parseSize(v, PROPERTY);
    }

    /**
     * A size such as {@code 1500000}, {@code 512m} or {@code 4g} (k, m, g, t: powers of 1024).
     *
     * @throws IllegalArgumentException naming {@code what} if it is not one
     */
    public static long parseSize(String text, String what) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            int shift = "kmgt".indexOf(last);
            if (shift >= 0) {
                unit = 1L << (10 * (shift + 1));
                s = s.substring(0, s.length() - 1);
            } else if (last == 'b') {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": \"" + text + "\" is not a size; give bytes or a number with k, m, g"
                    + " or t, such as 4g");
        }
    }

    /**
     * Checks that {@code file} is a regular file of at most {@link #maxInputBytes()} bytes and
     * returns its size; {@code what} names it in messages ("CSV file", "model file").
     *
     * @throws NoSuchFileException if it does not exist
     * @throws InputFormatException if it is a directory, a pipe or a device, or too big
     */
    public static long checkFile(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file.toString(), file + " is a directory, not a " + what
                    + "; give the path of the file inside it");
        }
        if (!Files.isRegularFile(file)) {
            String kind = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? "file" : "pipe, socket or device";
            throw new InputFormatException(file.toString(), file + " is a " + kind + ", not a regular " + what
                    + "; jgrad reads regular files (save the data to a file first)");
        }
        long size = Files.size(file);
        checkSize(file.toString(), what, size);
        return size;
    }

    /**
     * Checks that {@code bytes} of input (or of memory to allocate for it) is within the limit and
     * fits in the heap.
     *
     * @throws InputFormatException naming {@code source}, the size and how to raise the limit
     */
    public static void checkSize(String source, String what, long bytes) {
        long max = maxInputBytes();
        if (bytes > max) {
            throw new InputFormatException(source, source + ": the " + what + " is " + describe(bytes)
                    + ", over jgrad's input limit of " + describe(max) + "; raise it with --max-input-bytes"
                    + " (or -D" + PROPERTY + "=...) if it is meant to be that big");
        }
    }

    /**
     * Checks that an allocation of {@code bytes} for {@code what} can succeed in this JVM's heap.
     *
     * @throws InputFormatException naming {@code source}, the size, the heap and {@code -Xmx}
     */
    public static void checkHeap(String source, String what, long bytes) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available) {
            // "used" counts garbage not yet collected; only a collection tells what is really free
            System.gc();
            available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (bytes > available) {
            throw new InputFormatException(source, source + ": reading it needs about " + describe(bytes) + " for "
                    + what + ", but the JVM has about " + describe(Math.max(available, 0)) + " of its "
                    + describe(rt.maxMemory()) + " heap free; give the JVM more memory (java -Xmx..., or"
                    + " JGRAD_JAVA_OPTS=-Xmx8g for ./jgrad)");
        }
    }

    /** {@code bytes} for a message: "1.5 GiB (1610612736 bytes)". */
    public static String describe(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%d bytes)", v, units[u], bytes);
    }
}
