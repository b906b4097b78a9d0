package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Factories that cannot be misread: sizes are sizes, the generator is a separate argument. */
class FactoryTest {
    @Test
    void randAndRandnTakeSizesAsPyTorchDoes() {
        assertThat(Tensor.randn(3, 2).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(Tensor.rand(3, 2).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(Tensor.randn(new Random(1), 3, 2).shape()).isEqualTo(Shape.of(3, 2));
        assertThat(Tensor.randn(4).shape()).isEqualTo(Shape.of(4));
    }

    @Test
    void manualSeedMakesTheDefaultGeneratorDrawWhatRandomDraws() {
        Tensor.manualSeed(17);
        Tensor a = Tensor.randn(DType.FLOAT32, new Random(17), 2, 3);
        Tensor b = Tensor.randn(2, 3);
        assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
        Tensor.manualSeed(17);
        assertThat(Tensor.randn(2, 3).toFloatArray()).containsExactly(a.toFloatArray());
        Random r = new Random(5);
        Tensor.manualSeed(5);
        double first = r.nextDouble();
        assertThat(Tensor.rand(1).item()).isEqualTo((float) first);
    }

    @Test
    void ofWithoutAShapeIsOneDimensional() {
        assertThat(Tensor.of(new double[] {1, 2, 3}).shape()).isEqualTo(Shape.of(3));
        assertThat(Tensor.of(new double[] {1, 2, 3}).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.of(1f, 2f).shape()).isEqualTo(Shape.of(2));
        assertThat(Tensor.of(1f, 2f).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.of(new double[] {5}).item()).isEqualTo(5);
    }

    @Test
    void zerosOnesFullArangeEye() {
        assertThat(Tensor.zeros(2, 2).toDoubleArray()).containsExactly(0, 0, 0, 0);
        assertThat(Tensor.ones(DType.FLOAT64, 3).toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(Tensor.full(2.5, 2).toDoubleArray()).containsExactly(2.5, 2.5);
        assertThat(Tensor.arange(DType.FLOAT64, 2, 0, -0.5).toDoubleArray()).containsExactly(2, 1.5, 1, 0.5);
        assertThat(Tensor.eye(2).toDoubleArray()).containsExactly(1, 0, 0, 1);
    }
}
