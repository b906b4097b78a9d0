package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of broadcasting, reshape and permute over random shapes. */
class ShapePropertyTest {

    private static int[] randomShape(Random rng, int rank, int maxSize) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + rng.nextInt(maxSize);
        }
        return s;
    }

    /**
     * Two shapes made compatible by construction (each axis: equal, or 1 on one side, or missing);
     * add agrees element by element with indexing the operands directly by NumPy's rule.
     */
    @Property(tries = 200, seed = "20261126")
    void broadcastAddMatchesDirectIndexing(@ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        int rank = rng.nextInt(4);
        int[] out = randomShape(rng, rank, 4);
        int ra = rng.nextInt(rank + 1), rb = rng.nextInt(rank + 1);
        int[] a = new int[ra], b = new int[rb];
        for (int i = 0; i < ra; i++) {
            a[i] = rng.nextBoolean() ? 1 : out[rank - ra + i];
        }
        for (int i = 0; i < rb; i++) {
            b[i] = rng.nextBoolean() ? 1 : out[rank - rb + i];
        }
        Tensor x = Tensor.randn(DType.FLOAT64, rng, a), y = Tensor.randn(DType.FLOAT64, rng, b);
        Tensor sum = x.add(y);
        Shape expected = Shape.broadcast(Shape.of(a), Shape.of(b), "add");
        assertThat(sum.shape()).isEqualTo(expected);
        int[] dims = expected.toArray();
        int[] idx = new int[dims.length];
        for (int flat = 0; flat < sum.numel(); flat++) {
            int rem = flat;
            for (int i = dims.length - 1; i >= 0; i--) {
                idx[i] = rem % dims[i];
                rem /= dims[i];
            }
            assertThat(sum.getFlat(flat)).isEqualTo(x.get(project(idx, a)) + y.get(project(idx, b)));
        }
    }

    /** Gradients through broadcasting binary ops pass a finite-difference check for random shapes. */
    @Property(tries = 60, seed = "20261126")
    void broadcastGradientsPassGradcheck(@ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        int rank = 1 + rng.nextInt(3);
        int[] out = randomShape(rng, rank, 3);
        int ra = rng.nextInt(rank + 1), rb = rng.nextInt(rank + 1);
        int[] a = new int[ra], b = new int[rb];
        for (int i = 0; i < ra; i++) {
            a[i] = rng.nextBoolean() ? 1 : out[rank - ra + i];
        }
        for (int i = 0; i < rb; i++) {
            b[i] = rng.nextBoolean() ? 1 : out[rank - rb + i];
        }
        double err = TensorGradCheck.maxError(x -> x[0].mul(x[1]).add(x[1].tanh()).sub(x[0].maximum(x[1])),
                Tensor.randn(DType.FLOAT64, rng, a), Tensor.randn(DType.FLOAT64, rng, b));
        assertThat(err).as("%s and %s", Shape.of(a), Shape.of(b)).isLessThan(1e-6);
    }

    private static int[] project(int[] idx, int[] shape) {
        int[] p = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            p[i] = shape[i] == 1 ? 0 : idx[idx.length - shape.length + i];
        }
        return p;
    }

    /** Broadcasting is symmetric, and a shape broadcasts with itself and with [] to itself. */
    @Property(tries = 200, seed = "20261126")
    void broadcastIsSymmetricWithIdentities(@ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        Shape a = Shape.of(randomShape(rng, rng.nextInt(4), 3));
        Shape b = Shape.of(randomShape(rng, rng.nextInt(4), 3));
        assertThat(Shape.broadcast(a, a, "t")).isEqualTo(a);
        assertThat(Shape.broadcast(a, Shape.scalar(), "t")).isEqualTo(a);
        boolean ab;
        try {
            Shape s = Shape.broadcast(a, b, "t");
            assertThat(Shape.broadcast(b, a, "t")).isEqualTo(s);
            ab = true;
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageContaining(a.toString()).hasMessageContaining(b.toString());
            ab = false;
        }
        if (!ab) {
            assertThatThrownBy(() -> Shape.broadcast(b, a, "t")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The gradient of a broadcast add sums back to each operand's shape: d(sum(x + y))/dx = count. */
    @Property(tries = 100, seed = "20261126")
    void broadcastGradientSumsBackToTheInputShape(@ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        int[] out = randomShape(rng, 3, 3);
        int[] a = {out[0], 1, out[2]};
        Tensor x = Tensor.randn(DType.FLOAT64, rng, a).requiresGrad(true);
        Tensor y = Tensor.randn(DType.FLOAT64, rng, out[1], 1).requiresGrad(true);
        x.add(y).sum().backward();
        assertThat(x.grad().shape()).isEqualTo(x.shape());
        assertThat(x.grad().toDoubleArray()).containsOnly((double) out[1]);
        assertThat(y.grad().toDoubleArray()).containsOnly((double) out[0] * out[2]);
    }

    /** reshape to a random factorisation and back is the identity, and keeps row-major order. */
    @Property(tries = 200, seed = "20261126")
    void reshapeRoundTrips(@ForAll("seeds") long seed) {
        Random rng = new Random(seed);
        int[] shape = randomShape(rng, 1 + rng.nextInt(4), 4);
        Tensor x = Tensor.randn(DType.FLOAT64, rng, shape);
        List<Integer> factors = new ArrayList<>();
        int n = x.numel();
        for (int p = 2; n > 1; ) {
            if (n % p == 0) {
                factors.add(p);
                n /= p;
            } else {
                p++;
            }
        }
        Collections.shuffle(factors, rng);
        int[] other = factors.stream().mapToInt(Integer::intValue).toArray();
        Tensor y = x.reshape(other.length == 0 ? new int[] {1} : other);
        assertThat(y.toDoubleArray()).containsExactly(x.toDoubleArray());
        assertThat(y.reshape(shape).shape()).isEqualTo(x.shape());
    }

    /** permute by p then by p's inverse is the identity; element (i, j, k) moves to (p(i, j, k)). */
    @Property(tries = 200, seed = "20261126")
    void permuteRoundTrips(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 4) int rank) {
        Random rng = new Random(seed);
        int[] shape = randomShape(rng, rank, 4);
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            axes.add(i);
        }
        Collections.shuffle(axes, rng);
        int[] perm = axes.stream().mapToInt(Integer::intValue).toArray();
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[perm[i]] = i;
        }
        Tensor x = Tensor.randn(DType.FLOAT64, rng, shape);
        Tensor p = x.permute(perm);
        for (int i = 0; i < rank; i++) {
            assertThat(p.dim(i)).isEqualTo(x.dim(perm[i]));
        }
        int[] idx = new int[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = rng.nextInt(shape[i]);
        }
        int[] moved = new int[rank];
        for (int i = 0; i < rank; i++) {
            moved[i] = idx[perm[i]];
        }
        assertThat(p.get(moved)).isEqualTo(x.get(idx));
        assertThat(p.permute(inverse).toDoubleArray()).containsExactly(x.toDoubleArray());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }
}
