package jgrad.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twins of the {@link ScalarElementwise} loops, float32 ({@code FloatVector}) and
 * float64 ({@code DoubleVector}, the same loops line for line with half the lanes). The JIT vectorizes none of the
 * transcendentals (exp, tanh, sigmoid use the JDK's vector math intrinsics here: 50x faster), nor
 * relu and the masked backward helpers; it does vectorize plain {@code add}/{@code mul} loops over
 * offsets, yet the explicit vectors measured 2-3x faster (see docs/design-notes.md). Each loop runs
 * whole vectors and leaves the tail to the scalar twin. Loaded only when
 * {@link KernelParameters#simd()} is true.
 */
final class SimdElementwise {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int LANES = F.length();
    /** The float64 species: 8 lanes with AVX-512, 4 with AVX2 or {@code -XX:MaxVectorSize=32}. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final int DLANES = D.length();

    private SimdElementwise() {
    }

    static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, aOff + i).add(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.add(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, aOff + i).sub(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.sub(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, aOff + i).mul(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.mul(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, aOff + i).div(FloatVector.fromArray(F, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.div(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector xv = FloatVector.fromArray(F, x, xOff + i);
            FloatVector.fromArray(F, y, yOff + i).add(xv.mul(alpha)).intoArray(y, yOff + i);
        }
        ScalarElementwise.axpy(alpha, x, xOff + i, y, yOff + i, n - i);
    }

    static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, x, xOff + i).lanewise(VectorOperators.EXP).intoArray(out, outOff + i);
        }
        ScalarElementwise.exp(x, xOff + i, out, outOff + i, n - i);
    }

    static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(out, outOff + i);
        }
        ScalarElementwise.tanh(x, xOff + i, out, outOff + i, n - i);
    }

    static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector e = FloatVector.fromArray(F, x, xOff + i).neg().lanewise(VectorOperators.EXP);
            FloatVector.broadcast(F, 1f).div(e.add(1f)).intoArray(out, outOff + i);
        }
        ScalarElementwise.sigmoid(x, xOff + i, out, outOff + i, n - i);
    }

    static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, x, xOff + i).max(0f).intoArray(out, outOff + i);
        }
        ScalarElementwise.relu(x, xOff + i, out, outOff + i, n - i);
    }

    static void reluBackward(float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            VectorMask<Float> positive = FloatVector.fromArray(F, x, xOff + i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(F, gradOut, gOff + i);
            FloatVector gi = FloatVector.fromArray(F, gradIn, giOff + i);
            gi.add(g, positive).intoArray(gradIn, giOff + i);
        }
        ScalarElementwise.reluBackward(x, xOff + i, gradOut, gOff + i, gradIn, giOff + i, n - i);
    }

    static void tanhBackward(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector t = FloatVector.fromArray(F, y, yOff + i);
            FloatVector g = FloatVector.fromArray(F, gradOut, gOff + i);
            FloatVector local = t.mul(t).neg().add(1f);
            FloatVector.fromArray(F, gradIn, giOff + i).add(g.mul(local)).intoArray(gradIn, giOff + i);
        }
        ScalarElementwise.tanhBackward(y, yOff + i, gradOut, gOff + i, gradIn, giOff + i, n - i);
    }

    static void sigmoidBackward(float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector s = FloatVector.fromArray(F, y, yOff + i);
            FloatVector g = FloatVector.fromArray(F, gradOut, gOff + i);
            FloatVector d = g.mul(s).mul(s.neg().add(1f));
            FloatVector.fromArray(F, gradIn, giOff + i).add(d).intoArray(gradIn, giOff + i);
        }
        ScalarElementwise.sigmoidBackward(y, yOff + i, gradOut, gOff + i, gradIn, giOff + i, n - i);
    }

    // float64: the same loops over DoubleVector

    static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector.fromArray(D, a, aOff + i).add(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.add(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector.fromArray(D, a, aOff + i).sub(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.sub(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector.fromArray(D, a, aOff + i).mul(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.mul(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void div(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector.fromArray(D, a, aOff + i).div(DoubleVector.fromArray(D, b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarElementwise.div(a, aOff + i, b, bOff + i, out, outOff + i, n - i);
    }

    static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector xv = DoubleVector.fromArray(D, x, xOff + i);
            DoubleVector.fromArray(D, y, yOff + i).add(xv.mul(alpha)).intoArray(y, yOff + i);
        }
        ScalarElementwise.axpy(alpha, x, xOff + i, y, yOff + i, n - i);
    }

    static void exp(double[] x, int xOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector.fromArray(D, x, xOff + i).lanewise(VectorOperators.EXP).intoArray(out, outOff + i);
        }
        ScalarElementwise.exp(x, xOff + i, out, outOff + i, n - i);
    }

    /**
     * NOTE: JDK 17 has no 256-bit double tanh stub: at {@code -XX:MaxVectorSize=32} (or on an AVX2
     * machine) {@code lanewise(TANH)} ran the Vector API's boxed fallback, 32 M elements/s against
     * 328 for libtorch (KernelRace elementwise, 2026-12-03), and the scalar {@code Math.tanh} loop,
     * no intrinsic on JDK 17 either, 42 M/s. Narrower species compose it from the EXPM1 stub
     * instead: tanh|x| = t / (t + 2) with t = expm1(2|x|), |x| capped at 20 (tanh 20 rounds to 1),
     * and the sign bit of x put back (odd, and -0.0 stays -0.0): 330 M/s at 256 bits (standalone,
     * 2026-12-03). 512-bit: the TANH stub, 716 M/s, 2.1x libtorch.
     */
    private static final boolean TANH64_VECTOR = D.vectorBitSize() >= 512;
    private static final long SIGN64 = 0x8000_0000_0000_0000L;

    static void tanh(double[] x, int xOff, double[] out, int outOff, int n) {
        int i = 0;
        if (TANH64_VECTOR) {
            for (int bound = D.loopBound(n); i < bound; i += DLANES) {
                DoubleVector.fromArray(D, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(out, outOff + i);
            }
        } else {
            for (int bound = D.loopBound(n); i < bound; i += DLANES) {
                DoubleVector v = DoubleVector.fromArray(D, x, xOff + i);
                DoubleVector t = v.lanewise(VectorOperators.ABS).min(20.0).mul(2.0).lanewise(VectorOperators.EXPM1);
                DoubleVector y = t.div(t.add(2.0));
                y.reinterpretAsLongs().or(v.reinterpretAsLongs().and(SIGN64)).reinterpretAsDoubles()
                        .intoArray(out, outOff + i);
            }
        }
        ScalarElementwise.tanh(x, xOff + i, out, outOff + i, n - i);
    }

    static void sigmoid(double[] x, int xOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector e = DoubleVector.fromArray(D, x, xOff + i).neg().lanewise(VectorOperators.EXP);
            DoubleVector.broadcast(D, 1.0).div(e.add(1.0)).intoArray(out, outOff + i);
        }
        ScalarElementwise.sigmoid(x, xOff + i, out, outOff + i, n - i);
    }

    static void relu(double[] x, int xOff, double[] out, int outOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector.fromArray(D, x, xOff + i).max(0.0).intoArray(out, outOff + i);
        }
        ScalarElementwise.relu(x, xOff + i, out, outOff + i, n - i);
    }

    static void reluBackward(double[] x, int xOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            VectorMask<Double> positive = DoubleVector.fromArray(D, x, xOff + i).compare(VectorOperators.GT, 0.0);
            DoubleVector g = DoubleVector.fromArray(D, gradOut, gOff + i);
            DoubleVector gi = DoubleVector.fromArray(D, gradIn, giOff + i);
            gi.add(g, positive).intoArray(gradIn, giOff + i);
        }
        ScalarElementwise.reluBackward(x, xOff + i, gradOut, gOff + i, gradIn, giOff + i, n - i);
    }

    static void tanhBackward(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector t = DoubleVector.fromArray(D, y, yOff + i);
            DoubleVector g = DoubleVector.fromArray(D, gradOut, gOff + i);
            DoubleVector local = t.mul(t).neg().add(1.0);
            DoubleVector.fromArray(D, gradIn, giOff + i).add(g.mul(local)).intoArray(gradIn, giOff + i);
        }
        ScalarElementwise.tanhBackward(y, yOff + i, gradOut, gOff + i, gradIn, giOff + i, n - i);
    }

    static void sigmoidBackward(double[] y, int yOff, double[] gradOut, int gOff, double[] gradIn, int giOff, int n) {
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += DLANES) {
            DoubleVector s = DoubleVector.fromArray(D, y, yOff + i);
            DoubleVector g = DoubleVector.fromArray(D, gradOut, gOff + i);
            DoubleVector d = g.mul(s).mul(s.neg().add(1.0));
            DoubleVector.fromArray(D, gradIn, giOff + i).add(d).intoArray(gradIn, giOff + i);
        }
        ScalarElementwise.sigmoidBackward(y, yOff + i, gradOut, gOff + i, gradIn, giOff + i, n - i);
    }
}
