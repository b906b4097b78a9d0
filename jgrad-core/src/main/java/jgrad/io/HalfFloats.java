package jgrad.io;

/**
 * IEEE 754 binary16 ("F16", PyTorch's {@code torch.half}) and bfloat16 ("BF16") to and from
 * float32, rounding to nearest even as PyTorch's conversions do; NaN stays NaN, infinities and
 * signed zeros are kept, and float16's subnormals are handled. Java 17 has no
 * {@code Float.floatToFloat16}, so the bit work is here.
 */
final class HalfFloats {
    private HalfFloats() {
    }

    /** The float32 value of float16 bits {@code h}. */
    static float f16ToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));   // inf or NaN
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f;   // subnormal: mant · 2^-24, exact in float32
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** The float16 bits nearest to {@code f} (ties to even; overflow gives infinity). */
    static short floatToF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;   // below half the smallest subnormal: ±0
            }
            int m = mant | 0x800000;   // the implicit bit
            int shift = 14 - e;        // 1 - e + 13
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1), mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;   // may carry into the exponent, up to infinity: still right
        }
        return (short) (sign | half);
    }

    /** The float32 value of bfloat16 bits {@code b}: the top half of a float32. */
    static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    /** The bfloat16 bits nearest to {@code f} (ties to even; NaN stays a quiet NaN). */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
