package jgrad.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * A reader for the IDX files that MNIST ships in ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}), plain or gzipped ({@code .gz} is detected by its magic bytes,
 * not its name).
 *
 * <p>The format (LeCun's MNIST page): two zero bytes; a type byte (0x08 unsigned byte, 0x09
 * signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double); the number of dimensions; each
 * dimension as a big-endian 32-bit integer; then the data, big-endian, in row-major order.
 *
 * <pre>{@code
 * Tensor images = Idx.readImages(Path.of("train-images-idx3-ubyte.gz"));   // [60000, 784], in [0, 1]
 * int[] labels = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));    // 60000 digits
 * }</pre>
 *
 * <p>A malformed file raises an {@link IllegalArgumentException} naming the file and what is wrong
 * (bad magic, unknown type, truncated data, trailing bytes); I/O failures raise {@link IOException}.
 */
public final class Idx {
    private Idx() {
    }

    /**
     * The whole file as a tensor of its own shape, with each number converted to {@code dtype}
     * (unsigned bytes stay 0 to 255).
     */
    public static Tensor read(Path file, DType dtype) throws IOException {
        Contents c = parse(file);
        if (dtype == DType.FLOAT32) {
            float[] data = new float[c.count];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) c.next();
            }
            return Tensor.of(data, c.dims);
        }
        double[] data = new double[c.count];
        for (int i = 0; i < data.length; i++) {
            data[i] = c.next();
        }
        return Tensor.of(data, c.dims);
    }

    /**
     * An idx3 image file as a float32 tensor [n, rows·cols] with pixels scaled from 0–255 to
     * [0, 1], one flattened image per row: the input an MLP takes.
     *
     * @throws IllegalArgumentException if the file is not a 3-D unsigned-byte IDX file
     */
    public static Tensor readImages(Path file) throws IOException {
        Contents c = parse(file);
        if (c.dims.length != 3 || c.type != 0x08) {
            throw bad(file, "is not an idx3 image file of unsigned bytes (it holds " + typeName(c.type)
                    + " of shape " + Arrays.toString(c.dims) + ")");
        }
        float[] pixels = new float[c.count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (c.next() / 255.0);
        }
        return Tensor.of(pixels, c.dims[0], c.dims[1] * c.dims[2]);
    }

    /**
     * An idx1 label file as an int array.
     *
     * @throws IllegalArgumentException if the file is not a 1-D unsigned-byte IDX file
     */
    public static int[] readLabels(Path file) throws IOException {
        Contents c = parse(file);
        if (c.dims.length != 1 || c.type != 0x08) {
            throw bad(file, "is not an idx1 label file of unsigned bytes (it holds " + typeName(c.type)
                    + " of shape " + Arrays.toString(c.dims) + ")");
        }
        int[] labels = new int[c.count];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) c.next();
        }
        return labels;
    }

    /** A checked IDX file: its element type, its shape, and a cursor over its numbers. */
    private static final class Contents {
        final int type;
        final int[] dims;
        final int count;
        private final ByteBuffer buf;

        Contents(int type, int[] dims, int count, ByteBuffer buf) {
            this.type = type;
            this.dims = dims;
            this.count = count;
            this.buf = buf;
        }

        /** The next number, whatever its type. */
        double next() {
            switch (type) {
                case 0x08: return buf.get() & 0xff;
                case 0x09: return buf.get();
                case 0x0B: return buf.getShort();
                case 0x0C: return buf.getInt();
                case 0x0D: return buf.getFloat();
                default: return buf.getDouble();
            }
        }
    }

    /** Reads (and unzips) the file once and checks its header against its length. */
    private static Contents parse(Path file) throws IOException {
        byte[] bytes = readAll(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw bad(file, "does not start with the IDX magic number (two zero bytes, a type, a rank)");
        }
        int type = bytes[2] & 0xff, rank = bytes[3] & 0xff;
        int size = typeSize(file, type);
        if (bytes.length < 4 + 4L * rank) {
            throw bad(file, "ends inside its header: " + rank + " dimensions need " + (4 + 4 * rank) + " bytes, the file has "
                    + bytes.length);
        }
        buf.position(4);
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw bad(file, "has a negative dimension " + dims[i] + " in " + Arrays.toString(dims));
            }
            count *= dims[i];
            if (count > Integer.MAX_VALUE) {
                throw bad(file, "has more elements than a Java array can hold: shape " + Arrays.toString(dims));
            }
        }
        long expected = 4 + 4L * rank + count * size;
        if (bytes.length != expected) {
            throw bad(file, (bytes.length < expected ? "is truncated" : "has trailing bytes") + ": shape "
                    + Arrays.toString(dims) + " of " + typeName(type) + " needs " + expected + " bytes, the file has "
                    + bytes.length);
        }
        return new Contents(type, dims, (int) count, buf);
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(raw)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    gz.transferTo(out);
                    return out.toByteArray();
                } catch (java.util.zip.ZipException e) {
                    throw bad(file, "looks gzipped but cannot be unpacked: " + e.getMessage());
                }
            }
            return raw.readAllBytes();
        } catch (java.io.EOFException e) {
            throw bad(file, "is a truncated gzip stream");
        }
    }

    private static int typeSize(Path file, int type) {
        switch (type) {
            case 0x08: case 0x09: return 1;
            case 0x0B: return 2;
            case 0x0C: case 0x0D: return 4;
            case 0x0E: return 8;
            default:
                throw bad(file, String.format("has unknown data type 0x%02X (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)", type));
        }
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x08: return "unsigned bytes";
            case 0x09: return "signed bytes";
            case 0x0B: return "shorts";
            case 0x0C: return "ints";
            case 0x0D: return "floats";
            default: return "doubles";
        }
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("IDX file " + file + " " + what);
    }
}
