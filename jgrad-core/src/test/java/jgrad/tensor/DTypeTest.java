package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Storage by dtype: int64 and bool next to the floats, PyTorch's promotion, clear refusals. */
class DTypeTest {
    @Test
    void promotionFollowsPyTorchsTable() {
        assertThat(DType.promote(DType.INT64, DType.FLOAT32)).isEqualTo(DType.FLOAT32);
        assertThat(DType.promote(DType.FLOAT32, DType.FLOAT64)).isEqualTo(DType.FLOAT64);
        assertThat(DType.promote(DType.BOOL, DType.INT64)).isEqualTo(DType.INT64);
        assertThat(DType.promote(DType.BOOL, DType.FLOAT32)).isEqualTo(DType.FLOAT32);
        Tensor i = Tensor.of(1L, 2L, 3L);
        Tensor f = Tensor.of(0.5f, 0.5f, 0.5f);
        assertThat(i.add(f).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(i.add(f).toDoubleArray()).containsExactly(1.5, 2.5, 3.5);
        assertThat(i.add(i).dtype()).isEqualTo(DType.INT64);
        assertThat(i.mul(i).toLongArray()).containsExactly(1, 4, 9);
        assertThat(i.mul(0.5).dtype()).isEqualTo(DType.FLOAT32);      // a fractional scalar is a float
        assertThat(i.mul(2).dtype()).isEqualTo(DType.INT64);
        assertThat(i.div(2).toDoubleArray()).containsExactly(0.5, 1, 1.5);   // true division
    }

    @Test
    void int64IsExactBeyondFloatPrecision() {
        long big = (1L << 53) + 1;
        Tensor t = Tensor.of(big, 7L);
        assertThat(t.getLong(0)).isEqualTo(big);
        assertThat(t.toLongArray()).containsExactly(big, 7);
        assertThat(t.add(t).getLong(0)).isEqualTo(2 * big);
        assertThat(t.reshape(2, 1).toLongArray()).containsExactly(big, 7);
    }

    @Test
    void comparisonsGiveBoolMasksThatCountAndMix() {
        Tensor x = Tensor.of(1f, 5f, 3f, 7f);
        Tensor m = x.gt(2);
        assertThat(m.dtype()).isEqualTo(DType.BOOL);
        assertThat(m.toDoubleArray()).containsExactly(0, 1, 1, 1);
        assertThat(m.sum().dtype()).isEqualTo(DType.INT64);
        assertThat(m.sum().item()).isEqualTo(3);
        assertThat(x.mul(m).toDoubleArray()).containsExactly(0, 5, 3, 7);
        assertThat(m.toString()).isEqualTo("tensor([False,  True,  True,  True], dtype=bool)");
        assertThat(Tensor.of(3L, 10L).toString()).isEqualTo("tensor([ 3, 10], dtype=int64)");
    }

    @Test
    void argmaxReturnsInt64() {
        Tensor x = Tensor.of(new double[] {1, 9, 2, 8, 3, 7}, 2, 3);
        Tensor a = x.argmax(1, false);
        assertThat(a.dtype()).isEqualTo(DType.INT64);
        assertThat(a.toLongArray()).containsExactly(1, 0);
        assertThat(x.argmax().getLong()).isEqualTo(1);
    }

    @Test
    void gatherAndIndexSelectTakeInt64AndRefuseOthers() {
        Tensor x = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertThat(x.gather(1, Tensor.of(new long[] {2, 0}, 2, 1)).toDoubleArray()).containsExactly(2, 3);
        assertThat(x.indexSelect(1, Tensor.of(2L, 2L)).toDoubleArray()).containsExactly(2, 2, 5, 5);
        assertThatThrownBy(() -> x.gather(1, Tensor.of(new double[] {2, 0}, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gather").hasMessageContaining("int64").hasMessageContaining("float64");
        assertThatThrownBy(() -> x.gather(1, Tensor.of(new long[] {3, -1}, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gather").hasMessageContaining("3").hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> x.indexSelect(0, Tensor.of(0L, 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indexSelect").hasMessageContaining("index 2");
        assertThatThrownBy(() -> x.indexSelect(0, Tensor.of(0f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int64");
    }

    @Test
    void floatingOpsRefuseIntegerTensorsNamingOpAndDtype() {
        Tensor i = Tensor.of(1L, 2L);
        assertThatThrownBy(i::exp).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp").hasMessageContaining("int64");
        assertThatThrownBy(() -> i.matmul(i)).hasMessageContaining("matmul").hasMessageContaining("int64");
        assertThatThrownBy(() -> i.softmax(0)).hasMessageContaining("softmax").hasMessageContaining("int64");
        assertThatThrownBy(i::mean).hasMessageContaining("mean").hasMessageContaining("int64");
        assertThatThrownBy(() -> i.requiresGrad(true)).hasMessageContaining("requiresGrad")
                .hasMessageContaining("int64");
        assertThatThrownBy(() -> Tensor.of(true ? 1f : 0f).gt(0).log()).hasMessageContaining("log")
                .hasMessageContaining("bool");
    }

    @Test
    void castsBetweenAllTypes() {
        Tensor x = Tensor.of(-1.7, 0.0, 2.9);
        assertThat(x.cast(DType.INT64).toLongArray()).containsExactly(-1, 0, 2);    // toward zero
        assertThat(x.cast(DType.BOOL).toDoubleArray()).containsExactly(1, 0, 1);
        assertThat(x.cast(DType.INT64).cast(DType.FLOAT32).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.zeros(DType.INT64, 2).dtype()).isEqualTo(DType.INT64);
        assertThat(Tensor.of(DType.INT64, new double[] {3.9}, 1).getLong(0)).isEqualTo(3);
    }
}
