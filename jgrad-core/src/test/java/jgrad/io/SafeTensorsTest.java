package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;
import jgrad.tensor.nn.MLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built byte by byte from the safetensors specification, read and written. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    /** u64 little-endian header length, the header padded with spaces to {@code pad}, then data. */
    private static byte[] file(String header, int pad, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int n = h.length + pad;
        ByteBuffer buf = ByteBuffer.allocate(8 + n + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(n).put(h);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) ' ');
        }
        return buf.put(data).array();
    }

    /** w: F32 [2, 3] = 1..6 at [0, 24); b: F64 [2] = 0.5, -2 at [24, 40). */
    private static byte[] data() {
        ByteBuffer d = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 6; i++) {
            d.putFloat(i);
        }
        return d.putDouble(0.5).putDouble(-2).array();
    }

    private static final String HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[24,40]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";

    @Test
    void readsAHandBuiltFile() throws IOException {
        Path p = dir.resolve("hand.safetensors");
        Files.write(p, file(HEADER, 5, data()));
        Map<String, Tensor> t = SafeTensors.load(p);
        assertThat(t.keySet()).containsExactly("w", "b");      // in data order
        assertThat(t.get("w").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.get("w").shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.get("w").toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.get("b").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(t.get("b").toDoubleArray()).containsExactly(0.5, -2);
    }

    @Test
    void readsScalarsAndEmptyTensors() {
        ByteBuffer d = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(3.5f);
        String header = "{\"e\":{\"dtype\":\"F32\",\"shape\":[0,4],\"data_offsets\":[0,0]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        Map<String, Tensor> t = SafeTensors.fromBytes(file(header, 0, d.array()), "mem");
        assertThat(t.get("s").rank()).isZero();
        assertThat(t.get("s").item()).isEqualTo(3.5);
        assertThat(t.get("e").shape()).isEqualTo(Shape.of(0, 4));
    }

    @Test
    void writesTheSpecsBytes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("b", Tensor.of(new double[] {0.5, -2}, 2));
        Path p = dir.resolve("out.safetensors");
        SafeTensors.save(p, tensors, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertThat(n % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + n + 40);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).endsWith(" ".repeat(header.length() - header.stripTrailing().length()));
        Map<?, ?> h = (Map<?, ?>) Json.parse(header.stripTrailing());
        assertThat(h.get("__metadata__")).isEqualTo(Map.of("format", "pt"));
        Map<?, ?> w = (Map<?, ?>) h.get("w");
        assertThat(w.get("dtype")).isEqualTo("F32");
        assertThat(w.get("shape")).isEqualTo(List.of(2L, 3L));
        assertThat(w.get("data_offsets")).isEqualTo(List.of(0L, 24L));
        Map<?, ?> b = (Map<?, ?>) h.get("b");
        assertThat(b.get("dtype")).isEqualTo("F64");
        assertThat(b.get("data_offsets")).isEqualTo(List.of(24L, 40L));
        byte[] payload = java.util.Arrays.copyOfRange(bytes, 8 + (int) n, bytes.length);
        assertThat(payload).containsExactly(data());
    }

    @Test
    void aModelRoundTripsThroughAFile() throws IOException {
        MLP a = new MLP(new Random(1), DType.FLOAT32, 4, 8, 3);
        MLP b = new MLP(new Random(2), DType.FLOAT32, 4, 8, 3);
        Path p = dir.resolve("mlp.safetensors");
        SafeTensors.save(p, a.namedParameters());
        Map<String, Tensor> loaded = SafeTensors.load(p);
        assertThat(loaded.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(loaded.get("0.weight").shape()).isEqualTo(Shape.of(8, 4));   // PyTorch's [out, in]
        b.loadParameters(loaded);
        Tensor x = Tensor.randn(new java.util.Random(3), 5, 4);
        assertThat(b.forward(x).toFloatArray()).containsExactly(a.forward(x).toFloatArray());
    }

    @Test
    void aFailedSaveKeepsTheOldFile() throws IOException {
        Path p = dir.resolve("keep.safetensors");
        SafeTensors.save(p, Map.of("x", Tensor.ones(2)));
        byte[] before = Files.readAllBytes(p);
        assertThatThrownBy(() -> SafeTensors.save(p, Map.of("", Tensor.ones(3)))).hasMessageContaining("name");
        assertThat(Files.readAllBytes(p)).containsExactly(before);
    }

    @Test
    void errorsSayWhatIsWrong() {
        byte[] d = data();
        assertThatThrownBy(() -> SafeTensors.fromBytes(new byte[] {1, 2}, "f")).hasMessageContaining("f is 2 bytes");
        byte[] lying = file(HEADER, 0, d);
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 10_000);
        assertThatThrownBy(() -> SafeTensors.fromBytes(lying, "f")).hasMessageContaining("header of 10000 bytes");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file(HEADER, 0, java.util.Arrays.copyOf(d, 30)), "f"))
                .hasMessageContaining("tensor 'b'").hasMessageContaining("data_offsets [24, 40]");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file(HEADER.replace("F64", "F8_E5M2"), 0, d), "f"))
                .hasMessageContaining("F8_E5M2").hasMessageContaining("F32 and F64");
        String hole = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        assertThatThrownBy(() -> SafeTensors.fromBytes(file(hole, 0, new byte[16]), "f")).hasMessageContaining("hole");
        String extra = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertThatThrownBy(() -> SafeTensors.fromBytes(file(extra, 0, new byte[12]), "f"))
                .hasMessageContaining("4 bytes of data that no tensor uses");
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertThatThrownBy(() -> SafeTensors.fromBytes(file(overlap, 0, new byte[8]), "f")).hasMessageContaining("overlap");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file("{\"w\": [1,}", 0, new byte[0]), "f.safetensors"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f.safetensors");
        String noShape = "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}";
        assertThatThrownBy(() -> SafeTensors.fromBytes(file(noShape, 0, new byte[8]), "f")).hasMessageContaining("'shape'");
    }

    @Test
    void readsInt64AndBoolBuiltFromTheSpecification() {
        ByteBuffer data = ByteBuffer.allocate(8 * 2 + 3).order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(-5).putLong(1L << 40).put((byte) 1).put((byte) 0).put((byte) 1);
        String header = "{\"i\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[16,19]}}";
        Map<String, Tensor> t = SafeTensors.fromBytes(file(header, 8, data.array()), "f");
        assertThat(t.get("i").dtype()).isEqualTo(DType.INT64);
        assertThat(t.get("i").toLongArray()).containsExactly(-5, 1L << 40);
        assertThat(t.get("b").dtype()).isEqualTo(DType.BOOL);
        assertThat(t.get("b").toDoubleArray()).containsExactly(1, 0, 1);
        Map<String, Tensor> back = SafeTensors.fromBytes(SafeTensors.toBytes(t, Map.of()), "again");
        assertThat(back.get("i").toLongArray()).containsExactly(-5, 1L << 40);
        assertThat(back.get("b").dtype()).isEqualTo(DType.BOOL);
        assertThat(back.get("b").toDoubleArray()).containsExactly(1, 0, 1);
    }
}
