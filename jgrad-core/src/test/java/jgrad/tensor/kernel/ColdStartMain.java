package jgrad.tensor.kernel;

import java.util.Random;

/**
 * The child JVM of {@link KernelParametersTest}'s cold-start test: says, for a large call and then
 * six small calls of {@link Reductions#sum}, whether each gave the scalar twin's bits or the SIMD
 * kernel's (on inputs where the two differ).
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    /** Prints "large=KIND" and then "call I=KIND" for six small calls; KIND is scalar or simd. */
    public static void main(String[] args) {
        float[] small = random(new Random(3), 1000);
        float[] large = random(new Random(4), (int) (2 * KernelParameters.COLD_ELEMENTS));
        System.out.println("large=" + kind(large));
        for (int call = 0; call < 6; call++) {
            System.out.println("call " + call + "=" + kind(small));
        }
    }

    private static String kind(float[] x) {
        // a sum: the SIMD kernel adds in lanes, the twin in order, so their bits differ even when
        // the Vector API runs its Java fallback (as it does in this child, compiled by C1 only)
        float scalar = ScalarReductions.sum(x, 0, x.length);
        float simd = SimdReductions.sum(x, 0, x.length);
        if (scalar == simd) {
            return "indistinguishable";
        }
        float got = Reductions.sum(x, 0, x.length);
        return got == scalar ? "scalar" : got == simd ? "simd" : "neither";
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 20 - 10);
        }
        return x;
    }
}
