package jgrad.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import jgrad.data.InputFormatException;
import jgrad.data.InputLimits;
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

    /**
     * Reads (and unzips) the file once: the header first, then exactly the bytes it promises, into
     * one buffer of that size; a byte more is an error. So a gzip stream that inflates to gigabytes
     * behind a small header stops at the first byte too many, and the header's size is checked
     * against {@link InputLimits} before anything is allocated.
     */
    private static Contents parse(Path file) throws IOException {
        long fileSize = InputLimits.checkFile(file, "IDX file");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            boolean gzipped = b0 == 0x1f && b1 == 0x8b;
            InputStream in = raw;
            if (gzipped) {
                try {
                    in = new GZIPInputStream(raw, 1 << 16);
                } catch (java.util.zip.ZipException e) {
                    throw bad(file, "looks gzipped but cannot be unpacked: " + e.getMessage());
                }
            }
            try {
                return parse(file, in, gzipped, fileSize);
            } catch (java.util.zip.ZipException e) {
                throw bad(file, "looks gzipped but cannot be unpacked: " + e.getMessage());
            }
        } catch (java.io.EOFException e) {
            throw bad(file, "is a truncated gzip stream");
        }
    }

    private static Contents parse(Path file, InputStream in, boolean gzipped, long fileSize) throws IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got < 4 || head[0] != 0 || head[1] != 0) {
            throw bad(file, "does not start with the IDX magic number (two zero bytes, a type, a rank)");
        }
        int type = head[2] & 0xff, rank = head[3] & 0xff;
        int size = typeSize(file, type);
        byte[] dimBytes = new byte[4 * rank];
        int dimGot = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (dimGot < dimBytes.length) {
            throw bad(file, "ends inside its header: " + rank + " dimensions need " + (4 + 4 * rank) + " bytes, the "
                    + (gzipped ? "unpacked " : "") + "file has " + (4 + dimGot));
        }
        ByteBuffer header = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = header.getInt();
            if (dims[i] < 0) {
                throw bad(file, "has a negative dimension " + dims[i] + " in " + Arrays.toString(dims));
            }
            count *= dims[i];
            if (count > Integer.MAX_VALUE) {
                throw bad(file, "has more elements than a Java array can hold: shape " + Arrays.toString(dims));
            }
        }
        long dataBytes = count * size;
        long expected = 4 + 4L * rank + dataBytes;
        if (!gzipped && fileSize != expected) {
            throw bad(file, (fileSize < expected ? "is truncated" : "has trailing bytes") + ": shape "
                    + Arrays.toString(dims) + " of " + typeName(type) + " needs " + expected + " bytes, the file has "
                    + fileSize);
        }
        if (dataBytes > Integer.MAX_VALUE - 8) {
            throw bad(file, "holds " + InputLimits.describe(dataBytes) + " of data (shape " + Arrays.toString(dims)
                    + "); jgrad reads IDX data of up to 2 GiB");
        }
        InputLimits.checkSize(file.toString(), "IDX data" + (gzipped ? " (unpacked)" : ""), dataBytes);
        InputLimits.checkHeap(file.toString(), "its " + count + " numbers", dataBytes + 8 * count);
        byte[] data = new byte[(int) dataBytes];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw bad(file, "is truncated: shape " + Arrays.toString(dims) + " of " + typeName(type) + " needs "
                    + expected + " bytes, the " + (gzipped ? "unpacked " : "") + "file has " + (expected - dataBytes + read));
        }
        if (in.read() >= 0) {
            throw bad(file, gzipped
                    ? "inflates past the size its header promises: shape " + Arrays.toString(dims) + " of " + typeName(type)
                            + " is " + expected + " bytes, and the gzip stream holds more (refused at byte " + (expected + 1) + ")"
                    : "has trailing bytes after the " + expected + " its header promises");
        }
        return new Contents(type, dims, (int) count, ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN));
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
        return new InputFormatException(file.toString(), "IDX file " + file + " " + what);
    }
}
