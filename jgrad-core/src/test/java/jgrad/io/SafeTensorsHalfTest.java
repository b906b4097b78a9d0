package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.tensor.DType;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F16, BF16, I32 and U8 in safetensors files. float16 bits are numpy's ({@code np.float32(v).astype(np.float16)},
 * numpy 1.24); bfloat16 bits are worked out by hand from the float32 bits (round to nearest even on the low 16).
 */
class SafeTensorsHalfTest {
    @TempDir
    Path dir;

    // float32 value, numpy's float16 bits
    private static final float[] F16_IN = {1.0f, -2.0f, 0.1f, 65504f, 65520f, 1e-8f, 0x1p-24f, 3 * 0x1p-25f, 0x1p-25f,
        6.1e-5f, 0.33333334f, -0.0f, 1e5f, 0x1p-14f, 1 + 0x1p-11f, 1 + 3 * 0x1p-11f, 3.1415927f};
    private static final int[] F16_BITS = {0x3c00, 0xc000, 0x2e66, 0x7bff, 0x7c00, 0x0, 0x1, 0x2, 0x0, 0x3ff, 0x3555,
        0x8000, 0x7c00, 0x400, 0x3c00, 0x3c02, 0x4248};

    @Test
    void float16MatchesNumpysRoundingIncludingSubnormalsTiesAndOverflow() {
        for (int i = 0; i < F16_IN.length; i++) {
            assertThat(HalfFloats.floatToF16(F16_IN[i]) & 0xFFFF).as("f16(%s)", F16_IN[i]).isEqualTo(F16_BITS[i]);
        }
        assertThat(HalfFloats.f16ToFloat((short) 0x2e66)).isEqualTo(0.0999755859375f);
        assertThat(HalfFloats.f16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloats.f16ToFloat((short) 0x3ff)).isEqualTo(6.097555160522461e-05f);
        assertThat(HalfFloats.f16ToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.f16ToFloat((short) 0x7e00)).isNaN();
        assertThat(HalfFloats.f16ToFloat((short) 0x8000)).isEqualTo(-0.0f);
        // every float16 survives the round trip through float32
        for (int b = 0; b < 0x10000; b++) {
            float f = HalfFloats.f16ToFloat((short) b);
            if (!Float.isNaN(f)) {
                assertThat(HalfFloats.floatToF16(f) & 0xFFFF).isEqualTo(b);
            }
        }
    }

    @Test
    void bfloat16KeepsTheTopHalfRoundedToNearestEven() {
        assertThat(HalfFloats.floatToBf16(1.0f) & 0xFFFF).isEqualTo(0x3F80);
        assertThat(HalfFloats.floatToBf16(-2.0f) & 0xFFFF).isEqualTo(0xC000);
        assertThat(HalfFloats.floatToBf16(3.1415927f) & 0xFFFF).isEqualTo(0x4049);   // 0x40490FDB, low half < 0x8000
        assertThat(HalfFloats.floatToBf16(1 / 3f) & 0xFFFF).isEqualTo(0x3EAB);       // 0x3EAAAAAB, low half > 0x8000
        assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808000)) & 0xFFFF).isEqualTo(0x3F80);   // tie, even
        assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F818000)) & 0xFFFF).isEqualTo(0x3F82);   // tie, odd up
        assertThat(HalfFloats.bf16ToFloat((short) 0x4049)).isEqualTo(3.140625f);
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN))).isNaN();
    }

    @Test
    void saveAsF16AndBf16LoadsBackAsFloat32OrFloat64WithMetadata() throws Exception {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.of(new float[] {1.0f, 0.1f, 3.1415927f, -2f, 1e-8f, 65504f}, 2, 3));
        t.put("b", Tensor.of(DType.FLOAT64, new double[] {1 / 3.0, -0.5}, 2));
        t.put("n", Tensor.of(new long[] {7}, 1));
        Path f16 = dir.resolve("m16.safetensors"), bf16 = dir.resolve("mbf.safetensors");
        SafeTensors.save(f16, t, Map.of("format", "pt"), "F16");
        SafeTensors.save(bf16, t, Map.of("format", "pt"), "BF16");
        Map<String, Tensor> a = SafeTensors.load(f16);
        assertThat(a.get("w").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(a.get("w").toFloatArray()).containsExactly(1.0f, 0.0999755859375f, 3.140625f, -2f, 0f, 65504f);
        assertThat(a.get("b").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(a.get("n").dtype()).isEqualTo(DType.INT64);
        assertThat(a.get("n").toLongArray()).containsExactly(7);
        assertThat(SafeTensors.load(bf16).get("w").toFloatArray()[2]).isEqualTo(3.140625f);
        assertThat(SafeTensors.load(f16, DType.FLOAT64).get("w").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(SafeTensors.metadata(f16)).containsEntry("format", "pt");
        // the header: dtype codes, 2 bytes per element, padded with spaces to a multiple of 8
        byte[] bytes = java.nio.file.Files.readAllBytes(f16);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(n % 8).isZero();
        assertThat(header).contains("\"dtype\":\"F16\"").contains("\"dtype\":\"I64\"");
        assertThat(bytes.length - 8 - n).isEqualTo(6 * 2 + 2 * 2 + 8);
        assertThatThrownBy(() -> SafeTensors.save(dir.resolve("x"), t, Map.of(), "F8"))
                .hasMessageContaining("choose F16, BF16, F32 or F64");
    }

    @Test
    void readsI32AndU8AsInt64() {
        String json = "{\"i\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[8,11]}}";
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + 11).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).putInt(-5).putInt(1 << 30).put((byte) 0).put((byte) 200).put((byte) 255);
        Map<String, Tensor> m = SafeTensors.fromBytes(buf.array(), "test");
        assertThat(m.get("i").dtype()).isEqualTo(DType.INT64);
        assertThat(m.get("i").toLongArray()).containsExactly(-5, 1 << 30);
        assertThat(m.get("u").toLongArray()).containsExactly(0, 200, 255);
        String bad = "{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        byte[] hb = bad.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b2 = ByteBuffer.allocate(8 + hb.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b2.putLong(hb.length).put(hb).put((byte) 0);
        assertThatThrownBy(() -> SafeTensors.fromBytes(b2.array(), "test"))
                .hasMessageContaining("'x'").hasMessageContaining("F8_E4M3").hasMessageContaining("F16, BF16");
    }
}
