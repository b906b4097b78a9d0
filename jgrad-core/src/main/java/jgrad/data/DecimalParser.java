package jgrad.data;

import java.math.BigInteger;

/**
 * Parses a decimal number straight from a span of characters, as {@link CsvReader} holds a
 * field: the text {@link Numbers#isDecimal} accepts, and nothing else, giving exactly the double
 * that {@link Double#parseDouble} gives for it (the reference in the tests), without making a
 * string, so that a numeric CSV column costs no object per field.
 *
 * <p>Three ways to the result, cheapest first:
 * <ol>
 *   <li>Clinger's fast path: a mantissa of at most 2<sup>53</sup> and a power of ten of at most
 *       10<sup>22</sup> are both exact doubles, so one multiplication or division, rounded once
 *       by the hardware, is the correctly rounded value.</li>
 *   <li>Otherwise (Python's {@code repr} writes 16 or 17 digits, mantissas above 2<sup>53</sup>),
 *       the mantissa (at most 19 digits) times a 128-bit approximation of 5<sup>q</sup>, in the
 *       manner of Eisel and Lemire: the product bounds the exact value from below and above, and
 *       when both bounds round to the same double that is the answer, as rounding is monotone.</li>
 *   <li>When they do not (the value is within a few parts in 2<sup>120</sup> of halfway between two
 *       doubles, or an exact tie), for more than 19 significant digits, and deep in the
 *       subnormals: {@link Double#parseDouble} on the field's text.</li>
 * </ol>
 */
final class DecimalParser {
    /** Powers of five 5^q for q in [MIN_Q, MAX_Q]: past them every mantissa of 19 digits gives 0 or infinity. */
    private static final int MIN_Q = -342;
    private static final int MAX_Q = 308;
    /** High and low 64 bits of T(q), a 128-bit number with its top bit set, and e(q), with 5^q in [T, T+1) * 2^e. */
    private static final long[] POW5_HI = new long[MAX_Q - MIN_Q + 1];
    private static final long[] POW5_LO = new long[MAX_Q - MIN_Q + 1];
    private static final int[] POW5_EXP = new int[MAX_Q - MIN_Q + 1];
    /** 10^0 ... 10^22, all exact doubles. */
    private static final double[] EXACT_POWERS_OF_TEN = new double[23];
    private static final int MAX_DIGITS = 19;   // 10^19 - 1 < 2^64: a long holds them, unsigned

    static {
        // computed rather than pasted: 651 entries in a few milliseconds at class initialisation
        BigInteger five = BigInteger.valueOf(5);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger power = BigInteger.ONE;
        for (int q = 0; q <= -MIN_Q; q++) {
            int bits = power.bitLength();
            if (q <= MAX_Q) {
                // 5^q = T * 2^(bits - 128) + rest: T is its top 128 bits (exact while 5^q < 2^128)
                BigInteger t = bits >= 128 ? power.shiftRight(bits - 128) : power.shiftLeft(128 - bits);
                store(q, t, bits - 128, mask);
            }
            if (q > 0) {
                // 5^-q = 2^(bits + 127) / 5^q * 2^-(bits + 127); the quotient is in (2^127, 2^128), never whole
                BigInteger t = BigInteger.ONE.shiftLeft(bits + 127).divide(power);
                store(-q, t, -(bits + 127), mask);
            }
            power = power.multiply(five);
        }
        double p = 1;
        for (int k = 0; k < EXACT_POWERS_OF_TEN.length; k++) {
            EXACT_POWERS_OF_TEN[k] = p;
            p *= 10;
        }
    }

    private static void store(int q, BigInteger t, int exponent, BigInteger mask) {
        POW5_HI[q - MIN_Q] = t.shiftRight(64).longValue();
        POW5_LO[q - MIN_Q] = t.and(mask).longValue();
        POW5_EXP[q - MIN_Q] = exponent;
    }

    private DecimalParser() {
    }

    /**
     * The value of {@code chars[from, to)} if it is a decimal number as {@link Numbers#isDecimal}
     * defines one (no spaces), exactly as {@link Double#parseDouble} reads it (infinite beyond the
     * range of a double, {@code -0.0} for a negative zero); NaN if it is not one.
     */
    static double parse(char[] chars, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (chars[i] == '+' || chars[i] == '-')) {
            negative = chars[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;   // digits from the first non-zero one on
        long exponent = 0;     // the value is mantissa * 10^exponent (while significant <= MAX_DIGITS)
        int digits = 0;
        while (i < to && isDigit(chars[i])) {
            int d = chars[i++] - '0';
            digits++;
            if (significant > 0 || d != 0) {
                significant++;
                mantissa = mantissa * 10 + d;   // wraps past 19 digits, but then the fallback is taken
            }
        }
        if (i < to && chars[i] == '.') {
            i++;
            while (i < to && isDigit(chars[i])) {
                int d = chars[i++] - '0';
                digits++;
                exponent--;
                if (significant > 0 || d != 0) {
                    significant++;
                    mantissa = mantissa * 10 + d;
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (chars[i] == '+' || chars[i] == '-')) {
                negativeExponent = chars[i] == '-';
                i++;
            }
            int start = i;
            long e = 0;
            while (i < to && isDigit(chars[i])) {
                e = Math.min(e * 10 + (chars[i++] - '0'), 1L << 40);   // saturates: 1e(2^40) is infinite anyway
            }
            if (i == start) {
                return Double.NaN;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (significant > MAX_DIGITS) {
            return Double.parseDouble(new String(chars, from, to - from));
        }
        double magnitude = magnitude(mantissa, exponent);
        if (Double.isNaN(magnitude)) {
            return Double.parseDouble(new String(chars, from, to - from));
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * {@code mantissa * 10^exponent} correctly rounded, for a mantissa of at most 19 digits
     * (unsigned), or NaN where this cannot decide and the caller must parse the text.
     */
    static double magnitude(long mantissa, long exponent) {
        if (mantissa == 0 || exponent < MIN_Q) {
            return 0.0;   // below 10^19 * 10^-343, less than half the smallest subnormal
        }
        if (exponent > MAX_Q) {
            return Double.POSITIVE_INFINITY;   // at least 10^309
        }
        int q = (int) exponent;
        if (mantissa > 0 && mantissa <= 1L << 53 && q >= -22 && q <= 22) {
            double m = mantissa;   // exact, as is the power of ten: one rounding
            return q >= 0 ? m * EXACT_POWERS_OF_TEN[q] : m / EXACT_POWERS_OF_TEN[-q];
        }
        return wideProduct(mantissa, q);
    }

    /**
     * The 128-bit product path. The exact value is w * 5^q * 2^q with 5^q in [T, T+1) * 2^e, so
     * w * 5^q * 2^-e lies in [w*T, w*T + w); its top 128 bits H (of 192) then bound it as
     * [H, H + 2) * 2^64, and the double is decided when both ends round the same way.
     */
    private static double wideProduct(long mantissa, int q) {
        int shiftIn = Long.numberOfLeadingZeros(mantissa);
        long w = mantissa << shiftIn;   // top bit set: the product has 191 or 192 bits
        long tHi = POW5_HI[q - MIN_Q];
        long tLo = POW5_LO[q - MIN_Q];
        long lowHi = unsignedMultiplyHigh(w, tLo);
        long highLo = w * tHi;
        long highHi = unsignedMultiplyHigh(w, tHi);
        long mid = highLo + lowHi;
        long top = highHi + (Long.compareUnsigned(mid, highLo) < 0 ? 1 : 0);
        // value = (top:mid + fraction) * 2^binary, fraction in [0, 2)
        long binary = (long) POW5_EXP[q - MIN_Q] + q - shiftIn + 64;
        int length = 128 - Long.numberOfLeadingZeros(top);   // 127 or 128
        long leading = binary + length - 1;                  // the exponent of the leading bit
        int drop = leading >= -1022 ? length - 53 : (int) (-1074 - binary);   // bits below the last kept one
        int dropInTop = drop - 64;
        if (dropInTop < 1 || dropInTop > 63) {
            return Double.NaN;   // deep in the subnormals (or all dropped): let the text decide
        }
        long kept = top >>> dropInTop;
        long restHi = top & ((1L << dropInTop) - 1);   // the dropped bits are restHi:mid
        long halfHi = 1L << (dropInTop - 1);
        boolean down = restHi < halfHi - 1 || (restHi == halfHi - 1 && Long.compareUnsigned(mid, -2L) <= 0);
        boolean up = restHi > halfHi || (restHi == halfHi && mid != 0);
        if (!down && !up) {
            return Double.NaN;   // [rest, rest + 2) holds or straddles the halfway point
        }
        if (up) {
            kept++;   // rounding into the next binade gives 2^53 (or 2^52 from the subnormals), handled below
        }
        if (leading >= -1022) {
            if (kept == 1L << 53) {
                kept >>>= 1;
                leading++;
            }
            if (leading > 1023) {
                return Double.POSITIVE_INFINITY;
            }
            return Double.longBitsToDouble(((leading + 1023) << 52) | (kept & ((1L << 52) - 1)));
        }
        return Double.longBitsToDouble(kept);   // a subnormal; 2^52 is the smallest normal, as it should be
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
