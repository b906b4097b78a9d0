package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import jgrad.tensor.Context;
import jgrad.tensor.DType;
import jgrad.tensor.Function;
import jgrad.tensor.Tensor;
import jgrad.tensor.TensorGradCheck;
import org.junit.jupiter.api.Test;

/**
 * A user's own ops, written outside jgrad's packages with the public {@link Function} API only: they
 * backpropagate and pass the finite-difference check.
 */
class CustomFunctionTest {
    /** swish(x) = x · sigmoid(x), with its derivative s + x·s·(1 - s) written by hand. */
    static final class Swish extends Function {
        Swish() {
            super("swish");
        }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            Tensor s = in[0].sigmoid();
            ctx.saveForBackward(in[0], s);
            return in[0].mul(s);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor g) {
            Tensor x = ctx.saved(0), s = ctx.saved(1);
            return new Tensor[] {g.mul(s.add(x.mul(s).mul(s.neg().add(1))))};
        }
    }

    /** clamp(x, lo, hi): the gradient passes where lo < x < hi, and is 0 outside. */
    static final class Clamp extends Function {
        private final double lo, hi;

        Clamp(double lo, double hi) {
            super("clamp");
            this.lo = lo;
            this.hi = hi;
        }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            Tensor low = Tensor.full(in[0].dtype(), lo), high = Tensor.full(in[0].dtype(), hi);
            return in[0].maximum(low).minimum(high);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor g) {
            Tensor x = ctx.saved(0);
            return new Tensor[] {ctx.needsInputGrad(0) ? g.mul(x.gt(lo).mul(x.lt(hi))) : null};
        }
    }

    /** a · b with a gradient only for the inputs that need one. */
    static final class Product extends Function {
        int backwardCalls;
        boolean askedForA, askedForB;

        Product() {
            super("product");
        }

        @Override protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return in[0].mul(in[1]);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor g) {
            backwardCalls++;
            askedForA = ctx.needsInputGrad(0);
            askedForB = ctx.needsInputGrad(1);
            return new Tensor[] {askedForA ? g.mul(ctx.saved(1)) : null, askedForB ? g.mul(ctx.saved(0)) : null};
        }
    }

    @Test
    void swishPassesTheGradientCheck() {
        Tensor x = Tensor.randn(DType.FLOAT64, new Random(3), 4, 5);
        assertThat(TensorGradCheck.maxError(in -> new Swish().apply(in[0]), x)).isLessThan(1e-8);
    }

    @Test
    void swishAgreesWithItsComposition() {
        Tensor x = Tensor.randn(DType.FLOAT64, new Random(4), 3, 3).requiresGrad(true);
        Tensor y = new Swish().apply(x);
        assertThat(y.gradFn().name()).isEqualTo("swish");
        y.sum().backward();
        Tensor x2 = Tensor.of(x.toDoubleArray(), 3, 3).requiresGrad(true);
        x2.mul(x2.sigmoid()).sum().backward();
        assertThat(y.toDoubleArray()).containsExactly(x2.detach().mul(x2.detach().sigmoid()).toDoubleArray());
        double[] g = x.grad().toDoubleArray(), g2 = x2.grad().toDoubleArray();
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).isCloseTo(g2[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void clampPassesTheGradientCheckAwayFromItsKinks() {
        Tensor x = Tensor.of(new double[] {-2.1, -0.4, 0.3, 0.9, 1.7, -1.3}, 2, 3);
        assertThat(TensorGradCheck.maxError(in -> new Clamp(-1, 1).apply(in[0]).mul(in[0]), x)).isLessThan(1e-8);
        Tensor leaf = x.requiresGrad(true);
        new Clamp(-1, 1).apply(leaf).sum().backward();
        assertThat(leaf.grad().toDoubleArray()).containsExactly(0, 1, 1, 1, 0, 0);
    }

    @Test
    void backwardIsAskedOnlyForTheGradientsThatAreNeeded() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4}, 2);
        Product p = new Product();
        p.apply(a, b).sum().backward();
        assertThat(p.backwardCalls).isEqualTo(1);
        assertThat(p.askedForA).isTrue();
        assertThat(p.askedForB).isFalse();
        assertThat(a.grad().toDoubleArray()).containsExactly(3, 4);
        assertThat(b.grad()).isNull();
    }

    @Test
    void nothingIsRecordedWithoutAnInputThatRequiresGrad() {
        Tensor y = new Swish().apply(Tensor.of(new double[] {1, 2}, 2));
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.gradFn()).isNull();
    }

    @Test
    void aGradientOfTheWrongShapeIsRefusedNamingTheFunction() {
        Function bad = new Function("bad") {
            @Override protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].mul(2);
            }

            @Override protected Tensor[] backward(Context ctx, Tensor g) {
                return new Tensor[] {g.sum()};
            }
        };
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        assertThatThrownBy(() -> bad.apply(x).sum().backward())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad").hasMessageContaining("[3]").hasMessageContaining("[]");
    }
}
