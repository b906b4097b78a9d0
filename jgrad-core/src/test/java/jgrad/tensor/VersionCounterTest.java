package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Version counters as PyTorch's: a saved tensor changed in place makes backward throw. */
class VersionCounterTest {
    @Test
    void inPlaceWritesBumpTheVersion() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 3);
        assertThat(x.version()).isZero();
        x.set(1, 0);
        x.fillInPlace(2);
        x.addInPlace(Tensor.ones(DType.FLOAT64, 3));
        x.mulInPlace(2);
        x.addScaledInPlace(1, Tensor.ones(DType.FLOAT64, 3));
        x.copyFrom(Tensor.zeros(3));
        assertThat(x.version()).isEqualTo(6);
        assertThat(x.reshape(3, 1).version()).isEqualTo(6);   // views share the counter
        assertThat(x.add(1).version()).isZero();                // results are new storage
    }

    @Test
    void aSavedInputChangedInPlaceMakesBackwardThrowNamingTheOp() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {4, 5, 6});
        Tensor y = w.mul(x).sum();
        x.mulInPlace(10);                       // mul saved x for w's gradient
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'mul'").hasMessageContaining("[3]").hasMessageContaining("float64")
                .hasMessageContaining("in-place").hasMessageContaining("version 1");
    }

    @Test
    void aSavedOutputChangedThroughAViewIsCaughtToo() {
        Tensor x = Tensor.of(new double[] {0.5, -0.5}).requiresGrad(true);
        Tensor e = x.exp();                     // exp saves its output
        Tensor loss = e.sum();
        e.detach().view(2, 1).fillInPlace(0);   // a view of the same storage
        assertThatThrownBy(loss::backward).hasMessageContaining("'exp'");
    }

    @Test
    void changesAfterBackwardAreFine() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {3, 4});
        w.mul(x).sum().backward();
        x.mulInPlace(2);
        w.addScaledInPlace(-0.1, w.grad());
        assertThat(w.grad().toDoubleArray()).containsExactly(3, 4);
        w.mul(x).sum().backward();                       // a new graph sees the new versions
        assertThat(w.grad().toDoubleArray()).containsExactly(9, 12);
    }
}
