package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strided views: movement ops share storage, contiguous() copies only when it must. */
class ViewTest {
    private static Tensor grid() {
        return Tensor.arange(DType.FLOAT64, 0, 12, 1).reshape(3, 4);
    }

    @Test
    void movementOpsShareStorage() {
        Tensor x = grid();
        Tensor[] views = {x.transpose(0, 1), x.permute(1, 0), x.expand(2, 3, 4), x.narrow(1, 1, 2),
            x.slice(0, 1, 3), x.unsqueeze(0), x.unsqueeze(2).squeeze(2), x.view(4, 3), x.view(12),
            x.reshape(2, 6), x.detach(), x.asStrided(new int[] {2, 2}, new int[] {1, 4}, 1)};
        for (Tensor v : views) {
            assertThat(v.sharesStorageWith(x)).as(v.shape().toString()).isTrue();
        }
        assertThat(x.transpose(0, 1).isContiguous()).isFalse();
        assertThat(x.transpose(0, 1).strides()).containsExactly(1, 4);
        assertThat(x.expand(2, 3, 4).strides()).containsExactly(0, 4, 1);
        assertThat(x.narrow(1, 1, 2).storageOffset()).isEqualTo(1);
    }

    @Test
    void viewsReadTheRightElements() {
        Tensor x = grid();
        assertThat(x.transpose(0, 1).toDoubleArray()).containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
        assertThat(x.narrow(1, 1, 2).toDoubleArray()).containsExactly(1, 2, 5, 6, 9, 10);
        assertThat(x.transpose(0, 1).narrow(0, 2, 1).toDoubleArray()).containsExactly(2, 6, 10);
        assertThat(x.asStrided(new int[] {2, 2}, new int[] {1, 4}, 1).toDoubleArray()).containsExactly(1, 5, 2, 6);
        assertThat(x.transpose(0, 1).get(3, 2)).isEqualTo(11);
        assertThat(x.transpose(0, 1).add(1).get(3, 2)).isEqualTo(12);
        assertThat(x.transpose(0, 1).matmul(x).get(0, 0)).isEqualTo(0 * 0 + 4 * 4 + 8 * 8);
        assertThat(x.transpose(0, 1).sum(1).toDoubleArray()).containsExactly(12, 15, 18, 21);
    }

    @Test
    void writesThroughAViewReachTheBase() {
        Tensor x = grid();
        Tensor t = x.transpose(0, 1);
        t.set(100, 3, 2);
        assertThat(x.get(2, 3)).isEqualTo(100);
        x.narrow(1, 0, 1).fillInPlace(-1);
        assertThat(x.toDoubleArray()).startsWith(-1, 1, 2, 3, -1);
        assertThat(t.version()).isEqualTo(x.version()).isEqualTo(2);
    }

    @Test
    void contiguousCopiesOnlyWhenItMust() {
        Tensor x = grid();
        assertThat(x.contiguous()).isSameAs(x);
        Tensor c = x.transpose(0, 1).contiguous();
        assertThat(c.isContiguous()).isTrue();
        assertThat(c.sharesStorageWith(x)).isFalse();
        assertThat(c.toDoubleArray()).containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
        assertThat(x.transpose(0, 1).reshape(12).sharesStorageWith(x)).isFalse();  // reshape copies here
    }

    @Test
    void gradientsFlowThroughViews() {
        Random r = new Random(7);
        Tensor a = Tensor.randn(DType.FLOAT64, r, 3, 4);
        assertThat(TensorGradCheck.maxError(x -> x[0].transpose(0, 1).contiguous().mul(x[0].transpose(0, 1)), a))
                .isLessThan(1e-8);
        assertThat(TensorGradCheck.maxError(x -> x[0].narrow(1, 1, 2).mul(x[0].narrow(1, 2, 2)), a)).isLessThan(1e-8);
        assertThat(TensorGradCheck.maxError(x -> x[0].unsqueeze(1).expand(3, 2, 4).tanh(), a)).isLessThan(1e-8);
        assertThat(TensorGradCheck.maxError(
                x -> x[0].asStrided(new int[] {3, 3}, new int[] {1, 1}, 2).pow(2), a)).isLessThan(1e-8);
    }

    @Test
    void badViewsAreRefusedWithTheWayOut() {
        Tensor x = grid();
        assertThatThrownBy(() -> x.transpose(0, 1).view(12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("view").hasMessageContaining("[4, 3]").hasMessageContaining("not contiguous")
                .hasMessageContaining("contiguous() or reshape()");
        assertThatThrownBy(() -> x.asStrided(new int[] {3, 4}, new int[] {4, 2}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("asStrided").hasMessageContaining("out of range").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> x.asStrided(new int[] {2}, new int[] {-1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> x.transpose(0, 1).asStrided(new int[] {2}, new int[] {1}, 0))
                .hasMessageContaining("contiguous()");
        assertThatThrownBy(() -> x.narrow(1, 3, 2)).hasMessageContaining("narrow").hasMessageContaining("size 4");
        assertThatThrownBy(() -> Tensor.zeros(2).addInPlace(Tensor.zeros(DType.FLOAT64, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("addInPlace").hasMessageContaining("dtype mismatch")
                .hasMessageContaining("float64").hasMessageContaining("float32");
    }
}
