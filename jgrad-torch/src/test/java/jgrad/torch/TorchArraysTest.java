package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Arrays round-trip through libtorch unchanged, and libtorch computes on the values we put in. */
class TorchArraysTest {
    @Test
    void seededArraysRoundTripExactly() {
        Random rnd = new Random(1);
        long[][] shapes = {{1}, {7}, {3, 5}, {2, 3, 4}, {0, 3}, {128, 784}};
        for (long[] shape : shapes) {
            long numel = 1;
            for (long d : shape) {
                numel *= d;
            }
            float[] data = new float[(int) numel];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) rnd.nextGaussian();
            }
            Tensor t = TorchArrays.tensor(data, shape);
            System.gc();   // a freed source buffer would show up as zeros or garbage below
            assertThat(TorchArrays.shape(t)).containsExactly(shape);
            assertThat(TorchArrays.floats(t)).containsExactly(data);
        }
    }

    @Test
    void float64RoundTripsThroughAHeldPointer() {
        Random rnd = new Random(2);
        double[] data = new double[3 * 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextGaussian() * 1e-3 + 1;   // digits past float precision must survive
        }
        Tensor t = TorchArrays.tensor(data, 3, 7);
        System.gc();
        assertThat(t.scalar_type().intern()).isEqualTo(torch.ScalarType.Double);
        assertThat(TorchArrays.doubles(t)).containsExactly(data);
        assertThat(torch.sum(t).item_double()).isCloseTo(java.util.Arrays.stream(data).sum(),
                org.assertj.core.data.Offset.offset(1e-12));
        jgrad.tensor.Tensor j = jgrad.tensor.Tensor.of(data, 3, 7);
        assertThat(TorchArrays.doubles(TorchArrays.tensor(j))).containsExactly(data);
        assertThat(TorchArrays.shape(TorchArrays.tensor(j))).containsExactly(3, 7);
        assertThatThrownBy(() -> TorchArrays.tensor(new double[2], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape [3] holds 3 elements");
    }

    @Test
    void libtorchSeesTheValues() {
        // the pitfall this adapter avoids reads zeros: check libtorch's own sum and transpose
        Tensor t = TorchArrays.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(torch.sum(t).item_float()).isEqualTo(21f);
        assertThat(TorchArrays.floats(t.t())).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> TorchArrays.tensor(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape [2, 3] holds 6 elements but the array has 5");
        Tensor doubles = TorchArrays.tensor(new float[] {1}, 1).to(torch.ScalarType.Double);
        assertThatThrownBy(() -> TorchArrays.floats(doubles))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a float32 tensor");
    }
}
