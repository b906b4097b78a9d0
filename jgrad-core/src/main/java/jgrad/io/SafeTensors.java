package jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.data.InputFormatException;
import jgrad.data.InputLimits;
import jgrad.data.TextFiles;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;

/**
 * Reads and writes the {@code .safetensors} format of Hugging Face, which PyTorch users load with
 * {@code safetensors.torch.load_file}, so that tensor models move between jgrad and PyTorch.
 *
 * <p>The format: an unsigned 64-bit little-endian number N; N bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}} (plus an
 * optional {@code "__metadata__"} object of strings); then the raw little-endian data, with offsets
 * counted from the end of the header. The tensors must tile the data exactly, with no holes or
 * overlaps. jgrad writes and reads {@code F32} and {@code F64}; the header is padded with spaces to
 * a multiple of 8 bytes, as the reference writer does.
 *
 * <pre>{@code
 * SafeTensors.save(Path.of("mlp.safetensors"), model.namedParameters());
 * model.loadParameters(SafeTensors.load(Path.of("mlp.safetensors")));
 * }</pre>
 *
 * <p>A file that breaks the format raises an {@link InputFormatException} (an
 * {@link IllegalArgumentException}) naming the file and the tensor: a header that is not strict
 * UTF-8 JSON, an empty tensor name, offsets that do not tile the data, NaN or infinite values (unless
 * allowed), a file over {@link InputLimits#maxInputBytes()}. Saving goes through a temporary file,
 * so a failed save leaves the old file intact.
 */
public final class SafeTensors {
    /** The largest header accepted, as in the reference implementation: 100 MB. */
    public static final int MAX_HEADER_BYTES = 100_000_000;

    private SafeTensors() {
    }

    /** Writes {@code tensors} (in map order) to {@code file}, atomically. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
        save(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} and {@code metadata} with every floating tensor stored as
     * {@code floatCode}: "F16" (float16), "BF16" (bfloat16), "F32" or "F64", rounding to nearest
     * even as PyTorch's {@code tensor.half()} and {@code tensor.bfloat16()}; int64 and bool tensors
     * are stored as they are. Half-precision files are half the size and load into PyTorch as
     * {@code torch.float16}/{@code torch.bfloat16}, and back into jgrad as float32.
     *
     * @throws IllegalArgumentException for another code
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, String floatCode)
            throws IOException {
        byte[] bytes = toBytes(tensors, metadata, floatCode);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Writes {@code tensors} and string {@code metadata} to {@code file}, atomically. */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = toBytes(tensors, metadata);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The safetensors name of a dtype: F32, F64, I64 or BOOL. */
    private static String code(DType d) {
        switch (d) {
            case FLOAT32:
                return "F32";
            case FLOAT64:
                return "F64";
            case INT64:
                return "I64";
            default:
                return "BOOL";
        }
    }

    /**
     * The file's bytes for {@code tensors} and {@code metadata}.
     *
     * @throws IllegalArgumentException for an empty or reserved name
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return toBytes(tensors, metadata, null);
    }

    /**
     * The file's bytes, floating tensors stored as {@code floatCode} (F16, BF16, F32 or F64; null
     * keeps each tensor's dtype).
     *
     * @throws IllegalArgumentException for an empty or reserved name, or another code
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata, String floatCode) {
        if (floatCode != null && floatWidth(floatCode) == 0) {
            throw new IllegalArgumentException("SafeTensors: cannot store floating tensors as '" + floatCode
                    + "'; choose F16, BF16, F32 or F64");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "tensor name");
            if (name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("SafeTensors: bad tensor name '" + name + "'");
            }
            Tensor t = e.getValue();
            String stored = storedCode(t, floatCode);
            long size = (long) t.numel() * (stored.equals(code(t.dtype())) ? t.dtype().byteSize() : floatWidth(stored));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", stored);
            entry.put("shape", t.shape().toArray());
            entry.put("data_offsets", List.of(offset, offset + size));
            header.put(name, entry);
            offset += size;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8 + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SafeTensors: the tensors take " + InputLimits.describe(total)
                    + ", more than this writer puts in one file (2 GiB); save them in several files");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            if (!storedCode(t, floatCode).equals(code(t.dtype()))) {
                writeFloats(buf, t, floatCode);
                continue;
            }
            switch (t.dtype()) {
                case FLOAT32 -> {
                    for (float v : t.toFloatArray()) {
                        buf.putFloat(v);
                    }
                }
                case FLOAT64 -> {
                    for (double v : t.toDoubleArray()) {
                        buf.putDouble(v);
                    }
                }
                case INT64 -> {
                    for (long v : t.toLongArray()) {
                        buf.putLong(v);
                    }
                }
                case BOOL -> {
                    for (long v : t.toLongArray()) {
                        buf.put((byte) v);
                    }
                }
            }
        }
        return buf.array();
    }

    // ---------------------------------------------------------------- half precision, I32 and U8

    /** The code a tensor is stored under: {@code floatCode} for floating tensors when given. */
    private static String storedCode(Tensor t, String floatCode) {
        boolean floating = t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64;
        return floating && floatCode != null ? floatCode : code(t.dtype());
    }

    /** Bytes per element of a floating code, 0 for any other. */
    private static int floatWidth(String code) {
        switch (code) {
            case "F16":
            case "BF16":
                return 2;
            case "F32":
                return 4;
            case "F64":
                return 8;
            default:
                return 0;
        }
    }

    /** Bytes per element of the codes read without a dtype of their own (F16, BF16, I32, U8), else 0. */
    private static int extraWidth(Object code) {
        if ("F16".equals(code) || "BF16".equals(code)) {
            return 2;
        }
        return "I32".equals(code) ? 4 : "U8".equals(code) ? 1 : 0;
    }

    private static void writeFloats(ByteBuffer buf, Tensor t, String code) {
        switch (code) {
            case "F16" -> {
                for (float v : t.toFloatArray()) {
                    buf.putShort(HalfFloats.floatToF16(v));
                }
            }
            case "BF16" -> {
                for (float v : t.toFloatArray()) {
                    buf.putShort(HalfFloats.floatToBf16(v));
                }
            }
            case "F32" -> {
                for (float v : t.toFloatArray()) {
                    buf.putFloat(v);
                }
            }
            default -> {
                for (double v : t.toDoubleArray()) {
                    buf.putDouble(v);
                }
            }
        }
    }

    /** F16 and BF16 as {@code halfAs} (float32 or float64), I32 and U8 as int64. */
    private static Tensor readExtra(ByteBuffer buf, String code, int count, int[] shape, DType halfAs) {
        if (code.equals("I32") || code.equals("U8")) {
            long[] v = new long[count];
            for (int i = 0; i < count; i++) {
                v[i] = code.equals("I32") ? buf.getInt() : buf.get() & 0xFF;
            }
            return Tensor.of(v, shape);
        }
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            short h = buf.getShort();
            v[i] = code.equals("F16") ? HalfFloats.f16ToFloat(h) : HalfFloats.bf16ToFloat(h);
        }
        Tensor t = Tensor.of(v, shape);
        return halfAs == DType.FLOAT64 ? t.cast(DType.FLOAT64) : t;
    }

    /**
     * The tensors of {@code file}, with F16 and BF16 tensors loaded as {@code halfAs} (FLOAT32, the
     * default of {@link #load(Path)}, or FLOAT64; the conversion is exact either way).
     *
     * @throws IllegalArgumentException if the file breaks the format or halfAs is not floating
     */
    public static Map<String, Tensor> load(Path file, DType halfAs) throws IOException {
        long size = InputLimits.checkFile(file, "safetensors file");
        if (size > Integer.MAX_VALUE - 8) {
            throw bad(file.toString(), "is " + InputLimits.describe(size) + "; jgrad reads safetensors files of up to 2 GiB");
        }
        InputLimits.checkHeap(file.toString(), "its bytes and tensors", 2 * size);
        Map<String, Tensor> tensors = fromBytes(Files.readAllBytes(file), file.toString(), halfAs);
        checkFinite(file.toString(), tensors);
        return tensors;
    }

    /**
     * The {@code __metadata__} strings of {@code file}'s header (empty if it has none), in order.
     *
     * @throws IllegalArgumentException if the header breaks the format
     */
    public static Map<String, String> metadata(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String source = file.toString();
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.length < 8 ? -1 : buf.getLong();
        if (n < 2 || n > MAX_HEADER_BYTES || n > bytes.length - 8) {
            throw bad(source, "has no valid header length (" + n + ") for its " + bytes.length + " bytes");
        }
        Object parsed = Json.parse(TextFiles.decode(bytes, 8, (int) n, StandardCharsets.UTF_8, source + " (header)"),
                source + " (header)");
        Map<String, String> out = new LinkedHashMap<>();
        if (parsed instanceof Map<?, ?> m && m.get("__metadata__") instanceof Map<?, ?> meta) {
            meta.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /**
     * The tensors of {@code file} by name, in the order of their data.
     *
     * @throws IllegalArgumentException if the file breaks the format
     */
    public static Map<String, Tensor> load(Path file) throws IOException {
        return load(file, false);
    }

    /**
     * The tensors of {@code file}; with {@code allowNonFinite}, NaN and infinite values load
     * instead of being refused.
     *
     * @throws IllegalArgumentException if the file breaks the format, is too big
     *     ({@link InputLimits}), or holds NaN or infinity without {@code allowNonFinite}
     */
    public static Map<String, Tensor> load(Path file, boolean allowNonFinite) throws IOException {
        long size = InputLimits.checkFile(file, "safetensors file");
        if (size > Integer.MAX_VALUE - 8) {
            throw bad(file.toString(), "is " + InputLimits.describe(size) + "; jgrad reads safetensors files of up to 2 GiB");
        }
        InputLimits.checkHeap(file.toString(), "its bytes and tensors", 2 * size);
        Map<String, Tensor> tensors = fromBytes(Files.readAllBytes(file), file.toString());
        if (!allowNonFinite) {
            checkFinite(file.toString(), tensors);
        }
        return tensors;
    }

    /** Refuses NaN and infinite values, naming the tensor and the first bad index. */
    static void checkFinite(String source, Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            double[] v = e.getValue().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw bad(source, "tensor '" + e.getKey() + "' holds " + v[i] + " at flat index " + i
                            + "; weights must be finite (SafeTensors.load(file, true) loads it anyway, to look at it)");
                }
            }
        }
    }

    /**
     * The tensors in {@code bytes}; {@code source} names them in error messages.
     *
     * @throws IllegalArgumentException if the bytes break the format
     */
    public static Map<String, Tensor> fromBytes(byte[] bytes, String source) {
        return fromBytes(bytes, source, DType.FLOAT32);
    }

    /**
     * The tensors in {@code bytes}, F16 and BF16 loaded as {@code halfAs}.
     *
     * @throws IllegalArgumentException if the bytes break the format or halfAs is not floating
     */
    public static Map<String, Tensor> fromBytes(byte[] bytes, String source, DType halfAs) {
        if (halfAs != DType.FLOAT32 && halfAs != DType.FLOAT64) {
            throw new IllegalArgumentException("SafeTensors: half-precision tensors load as FLOAT32 or FLOAT64, not "
                    + halfAs);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw bad(source, "is " + bytes.length + " bytes long, too short for the 8-byte header length");
        }
        long n = buf.getLong();
        if (n < 2 || n > MAX_HEADER_BYTES || n > bytes.length - 8) {
            throw bad(source, "declares a header of " + Long.toUnsignedString(n) + " bytes but has "
                    + (bytes.length - 8) + " bytes after the length (and at most " + MAX_HEADER_BYTES + " are allowed)");
        }
        String text = TextFiles.decode(bytes, 8, (int) n, StandardCharsets.UTF_8, source + " (header)");
        if (!text.startsWith("{")) {
            throw bad(source, "has a header that does not start with '{'");
        }
        Object parsed = Json.parse(text, source + " (header)");
        if (!(parsed instanceof Map)) {
            throw bad(source, "has a header that is not a JSON object");
        }
        int dataStart = 8 + (int) n;
        long dataLength = bytes.length - dataStart;
        List<Object[]> found = new ArrayList<>();   // {begin, end, name, tensor}
        for (Map.Entry<?, ?> e : ((Map<?, ?>) parsed).entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            if (name.isEmpty()) {
                throw bad(source, "has a tensor with an empty name; every tensor needs a name");
            }
            if (!(e.getValue() instanceof Map)) {
                throw bad(source, "tensor '" + name + "': its header entry is not an object");
            }
            Map<?, ?> entry = (Map<?, ?>) e.getValue();
            Object dtypeName = entry.get("dtype");
            DType dtype = null;
            for (DType d : DType.values()) {
                if (code(d).equals(dtypeName)) {
                    dtype = d;
                }
            }
            int width = dtype != null ? dtype.byteSize() : extraWidth(dtypeName);
            if (width == 0) {
                throw bad(source, "tensor '" + name + "': dtype " + dtypeName + " is not supported (jgrad reads F16, BF16,"
                        + " F32 and F64 floats, I64, I32, U8 and BOOL; convert with tensor.float() in PyTorch)");
            }
            int[] shape = longs(source, name, "shape", entry.get("shape"), -1);
            long[] offsets = toLongs(longs(source, name, "data_offsets", entry.get("data_offsets"), 2));
            long count = 1;
            for (int d : shape) {
                count *= d;
                if (count > Integer.MAX_VALUE) {
                    throw bad(source, "tensor '" + name + "': shape " + java.util.Arrays.toString(shape)
                            + " has more elements than a Java array can hold");
                }
            }
            long expected = count * width;
            if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != expected || offsets[1] > dataLength) {
                throw bad(source, "tensor '" + name + "': data_offsets [" + offsets[0] + ", " + offsets[1]
                        + "] do not hold " + count + " " + dtypeName + " values of shape " + java.util.Arrays.toString(shape)
                        + " (" + expected + " bytes) within the " + dataLength + " data bytes");
            }
            buf.position(dataStart + (int) offsets[0]);
            Tensor t;
            if (dtype == null) {
                t = readExtra(buf, (String) dtypeName, (int) count, shape, halfAs);
            } else if (dtype == DType.FLOAT32) {
                float[] v = new float[(int) count];
                for (int i = 0; i < v.length; i++) {
                    v[i] = buf.getFloat();
                }
                t = Tensor.of(v, shape);
            } else if (dtype == DType.INT64 || dtype == DType.BOOL) {
                long[] v = new long[(int) count];
                for (int i = 0; i < v.length; i++) {
                    v[i] = dtype == DType.INT64 ? buf.getLong() : buf.get();
                }
                t = dtype == DType.INT64 ? Tensor.of(v, shape) : Tensor.of(v, shape).cast(DType.BOOL);
            } else {
                double[] v = new double[(int) count];
                for (int i = 0; i < v.length; i++) {
                    v[i] = buf.getDouble();
                }
                t = Tensor.of(v, shape);
            }
            found.add(new Object[] {offsets[0], offsets[1], name, t});
        }
        // the tensors must tile the data: sorted by offsets, each begins where the previous ended
        found.sort((a, b) -> a[0].equals(b[0]) ? Long.compare((Long) a[1], (Long) b[1])
                : Long.compare((Long) a[0], (Long) b[0]));
        Map<String, Tensor> out = new LinkedHashMap<>();
        long at = 0;
        for (Object[] f : found) {
            long begin = (Long) f[0];
            if (begin != at) {
                throw bad(source, (begin > at ? "has a hole" : "has overlapping tensors") + " in its data at byte "
                        + Math.min(at, begin) + " (tensor '" + f[2] + "' starts at " + begin + ")");
            }
            at = (Long) f[1];
            out.put((String) f[2], (Tensor) f[3]);
        }
        if (at != dataLength) {
            throw bad(source, "has " + (dataLength - at) + " bytes of data that no tensor uses");
        }
        return out;
    }

    private static int[] longs(String source, String name, String field, Object value, int length) {
        if (!(value instanceof List)) {
            throw bad(source, "tensor '" + name + "': '" + field + "' is missing or not an array");
        }
        List<?> list = (List<?>) value;
        if (length >= 0 && list.size() != length) {
            throw bad(source, "tensor '" + name + "': '" + field + "' must have " + length + " numbers, got " + list);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Long) || (Long) v < 0 || (Long) v > Integer.MAX_VALUE) {
                throw bad(source, "tensor '" + name + "': '" + field + "' holds " + v
                        + ", not a whole number in [0, " + Integer.MAX_VALUE + "]");
            }
            out[i] = (int) (long) (Long) v;
        }
        return out;
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static IllegalArgumentException bad(String source, String what) {
        return new InputFormatException(source, "safetensors file " + source + " " + what);
    }
}
