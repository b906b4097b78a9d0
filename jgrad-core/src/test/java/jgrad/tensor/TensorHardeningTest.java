package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.tensor.functional.Functional;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's tensor defects: an allocation past the heap was a bare {@code OutOfMemoryError},
 * {@code arange(0, 1e12, 1)} said "Requested array size exceeds VM limit", and softmax or
 * crossEntropy of an empty tensor blamed {@code max}.
 */
class TensorHardeningTest {
    @Test
    void anAllocationPastTheHeapIsRefusedWithItsShape() {
        // 46340² floats are 8 GiB: more than the test JVM's heap, within Integer.MAX_VALUE elements
        long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < (8L << 30), "the test JVM's heap holds 8 GiB");
        assertThatThrownBy(() -> Tensor.zeros(46340, 46340))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape [46340, 46340]")
                .hasMessageContaining("8.0 GiB")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void arangePastATensorsSizeSaysWhy() {
        assertThatThrownBy(() -> Tensor.arange(DType.FLOAT32, 0, 1e12, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arange:")
                .hasMessageContaining("more than a tensor holds")
                .hasMessageContaining("bigger step");
    }

    @Test
    void softmaxAndCrossEntropyOfAnEmptyTensorNameThemselves() {
        assertThatThrownBy(() -> Tensor.zeros(0, 3).softmax(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("softmax:").hasMessageContaining("[0, 3]").hasMessageContaining("empty");
        assertThatThrownBy(() -> Tensor.zeros(0, 3).logSoftmax(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("logSoftmax:");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(0, 3), new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("crossEntropy:").hasMessageContaining("[0, 3]").hasMessageContaining("empty");
    }
}
