package jgrad.tensor.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The layers' forward values against direct loops written from the definitions, and their modes. */
class LayersTest {

    /** out[n,o,y,x] = b[o] + Σ w[o,c,i,j]·in[n,c,y·s−p+i,x·s−p+j], zero outside. */
    private static double[] directConv(double[] in, int n, int c, int h, int w, double[] wt, double[] b, int o,
                                       int k, int s, int p) {
        int oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
        double[] out = new double[n * o * oh * ow];
        for (int a = 0; a < n; a++) {
            for (int q = 0; q < o; q++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double sum = b == null ? 0 : b[q];
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int yy = y * s - p + i, xx = x * s - p + j;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                        sum += wt[((q * c + ch) * k + i) * k + j] * in[((a * c + ch) * h + yy) * w + xx];
                                    }
                                }
                            }
                        }
                        out[((a * o + q) * oh + y) * ow + x] = sum;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void conv2dMatchesTheDirectSum() {
        Random rng = new Random(1);
        int[][] cases = {{2, 3, 4, 7, 6, 3, 1, 0}, {1, 2, 5, 9, 8, 3, 2, 1}, {3, 1, 2, 5, 5, 2, 3, 2}};
        for (int[] t : cases) {
            int n = t[0], c = t[1], o = t[2], h = t[3], w = t[4], k = t[5], s = t[6], p = t[7];
            Conv2d conv = new Conv2d(c, o, k, s, p, DType.FLOAT64, rng);
            Tensor x = Tensor.randn(DType.FLOAT64, rng, n, c, h, w);
            double[] want = directConv(x.toDoubleArray(), n, c, h, w, conv.weight().toDoubleArray(),
                    conv.bias().toDoubleArray(), o, k, s, p);
            Tensor y = conv.forward(x);
            assertThat(y.shape()).isEqualTo(Shape.of(n, o, (h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1));
            double[] got = y.toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).isCloseTo(want[i], within(1e-12));
            }
            // float32 agrees with the float64 sum to float rounding
            Conv2d c32 = new Conv2d(c, o, k, s, p, DType.FLOAT32, rng);
            c32.weight().copyFrom(conv.weight());
            c32.bias().copyFrom(conv.bias());
            float[] g32 = c32.forward(x.cast(DType.FLOAT32)).toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertThat((double) g32[i]).isCloseTo(want[i], within(1e-4));
            }
        }
        assertThat(new Conv2d(1, 6, 5, 0).toString()).isEqualTo("Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))");
        assertThatThrownBy(() -> new Conv2d(3, 6, 5, 0).forward(Tensor.zeros(2, 1, 28, 28)))
                .hasMessageContaining("[2, 1, 28, 28]").hasMessageContaining("[N, 3, H, W]");
        assertThatThrownBy(() -> new Conv2d(1, 6, 5, 0).forward(Tensor.zeros(2, 1, 4, 8)))
                .hasMessageContaining("smaller than the kernel 5");
    }

    @Test
    void poolingMatchesWindowsByHand() {
        // one 4×4 plane 0..15: 2×2 max pooling picks the bottom-right of each block
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        Tensor x = Tensor.of(v, 1, 1, 4, 4).requiresGrad(true);
        Tensor y = new MaxPool2d(2).forward(x);
        assertThat(y.toDoubleArray()).containsExactly(5, 7, 13, 15);
        y.sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1);
        assertThat(new AvgPool2d(2).forward(Tensor.of(v, 1, 1, 4, 4)).toDoubleArray())
                .containsExactly(2.5, 4.5, 10.5, 12.5);
        // padding 1, kernel 3, stride 2: max ignores the padding, average counts it as 0 (PyTorch's defaults)
        assertThat(new MaxPool2d(3, 2, 1).forward(Tensor.of(v, 1, 1, 4, 4).add(1)).toDoubleArray())
                .containsExactly(6, 8, 14, 16);
        // windows by hand: rows/cols {0,1}, {0,1}x{1,2,3}, {1,2,3}x{0,1}, {1,2,3}x{1,2,3} of 0..15
        assertThat(new MaxPool2d(3, 2, 1).forward(Tensor.of(v, 1, 1, 4, 4).neg()).toDoubleArray())
                .containsExactly(-0.0, -1, -4, -5);
        double[] avg = new AvgPool2d(3, 2, 1).forward(Tensor.of(v, 1, 1, 4, 4)).toDoubleArray();
        double[] sums = {10, 24, 51, 90};
        for (int i = 0; i < 4; i++) {
            assertThat(avg[i]).isCloseTo(sums[i] / 9, within(1e-12));
        }
        // ties: the first maximum takes the whole gradient, as PyTorch
        Tensor z = Tensor.zeros(DType.FLOAT64, 1, 1, 2, 2).requiresGrad(true);
        new MaxPool2d(2).forward(z).sum().backward();
        assertThat(z.grad().toDoubleArray()).containsExactly(1, 0, 0, 0);
        Tensor z32 = Tensor.zeros(DType.FLOAT32, 1, 1, 2, 2).requiresGrad(true);
        new MaxPool2d(2).forward(z32).sum().backward();
        assertThat(z32.grad().toDoubleArray()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void layerNormGivesZeroMeanUnitVarianceRows() {
        LayerNorm ln = new LayerNorm(new int[] {5}, 1e-5, true, DType.FLOAT64);
        double[] row = {1, 2, 4, 8, 16};
        double mean = 31 / 5.0, var = 0;
        for (double r : row) {
            var += (r - mean) * (r - mean) / 5;
        }
        double[] y = ln.forward(Tensor.of(row, 1, 5)).toDoubleArray();
        for (int i = 0; i < 5; i++) {
            assertThat(y[i]).isCloseTo((row[i] - mean) / Math.sqrt(var + 1e-5), within(1e-12));
        }
        assertThat(ln.toString()).isEqualTo("LayerNorm((5,), eps=1.0E-5, elementwise_affine=True)");
        assertThatThrownBy(() -> ln.forward(Tensor.zeros(2, 4))).hasMessageContaining("must end with [5]");
    }

    @Test
    void batchNormUpdatesRunningStatisticsInTrainingAndUsesThemInEval() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, true, DType.FLOAT64);
        // channel 0: 1, 3, 5 (mean 3, biased var 8/3, unbiased 4); channel 1: 2, 2, 8 (mean 4, var 8, 12)
        Tensor x = Tensor.of(new double[] {1, 2, 3, 2, 5, 8}, 3, 2);
        double[] y = bn.forward(x).toDoubleArray();
        assertThat(y[0]).isCloseTo((1 - 3) / Math.sqrt(8 / 3.0 + 1e-5), within(1e-12));
        assertThat(y[5]).isCloseTo((8 - 4) / Math.sqrt(8 + 1e-5), within(1e-12));
        assertThat(bn.runningMean().toDoubleArray()[0]).isCloseTo(0.3, within(1e-12));
        assertThat(bn.runningMean().toDoubleArray()[1]).isCloseTo(0.4, within(1e-12));
        assertThat(bn.runningVar().toDoubleArray()[0]).isCloseTo(0.9 + 0.1 * 4, within(1e-12));
        assertThat(bn.runningVar().toDoubleArray()[1]).isCloseTo(0.9 + 0.1 * 12, within(1e-12));
        bn.forward(x);
        assertThat(bn.runningMean().toDoubleArray()[0]).isCloseTo(0.9 * 0.3 + 0.3, within(1e-12));
        assertThat(bn.namedBuffers().get("num_batches_tracked").dtype()).isEqualTo(DType.INT64);
        assertThat(bn.namedBuffers().get("num_batches_tracked").item()).isEqualTo(2);
        bn.train(false);
        double rm = bn.runningMean().toDoubleArray()[0], rv = bn.runningVar().toDoubleArray()[0];
        assertThat(bn.forward(x).toDoubleArray()[0]).isCloseTo((1 - rm) / Math.sqrt(rv + 1e-5), within(1e-12));
        assertThat(bn.runningMean().toDoubleArray()[0]).isEqualTo(rm);   // eval leaves the statistics alone
        assertThat(bn.namedBuffers().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
        assertThatThrownBy(() -> new BatchNorm1d(2).forward(Tensor.zeros(1, 2)))
                .hasMessageContaining("more than 1 value per channel");
        assertThatThrownBy(() -> new BatchNorm2d(3).forward(Tensor.zeros(2, 3, 4)))
                .hasMessageContaining("[N, C, H, W]").hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRestOnlyInTraining() {
        Dropout d = new Dropout(0.25, 3);
        double[] y = d.forward(Tensor.ones(DType.FLOAT64, 100, 100)).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertThat(v).isCloseTo(1 / 0.75, within(1e-12));
            }
        }
        assertThat(zeros).isBetween(2350, 2650);   // 2500 ± 3.5σ (σ ≈ 43)
        assertThat(new Dropout(0.25, 3).forward(Tensor.ones(DType.FLOAT64, 100, 100)).toDoubleArray())
                .containsExactly(y);   // seeded
        d.train(false);
        Tensor x = Tensor.randn(4, 4);
        assertThat(d.forward(x)).isSameAs(x);
        assertThatThrownBy(() -> new Dropout(1.5, 0)).hasMessageContaining("[0, 1]");
    }

    @Test
    void embeddingLooksUpRowsAndScatterAddsTheGradient() {
        Embedding emb = new Embedding(4, 2, DType.FLOAT64, new Random(5));
        double[] w = emb.weight().toDoubleArray();
        Tensor idx = Tensor.of(new long[] {3, 1, 3, 3, 0, 1}, 2, 3);
        Tensor y = emb.forward(idx);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(y.toDoubleArray()[0]).isEqualTo(w[6]);
        assertThat(y.toDoubleArray()[3]).isEqualTo(w[3]);
        y.sum().backward();
        // row 3 used three times, row 1 twice, row 0 once, row 2 never
        assertThat(emb.weight().grad().toDoubleArray()).containsExactly(1, 1, 2, 2, 0, 0, 3, 3);
        assertThatThrownBy(() -> emb.forward(new int[] {4}, 1)).hasMessageContaining("out of range [0, 4)");
        assertThatThrownBy(() -> emb.forward(Tensor.of(new long[] {-1}, 1))).hasMessageContaining("index -1");
        assertThat(emb.forward(Tensor.of(new double[] {3, 1}, 2)).toDoubleArray()[0]).isEqualTo(w[6]);   // whole floats
    }

    @Test
    void pytorchDefaultInitialisationBounds() {
        Random rng = new Random(2);
        Conv2d conv = new Conv2d(6, 16, 5, 1, 0, DType.FLOAT64, rng);
        double b = 1 / Math.sqrt(6 * 25);
        assertThat(conv.weight().abs().max().item()).isLessThanOrEqualTo(b).isGreaterThan(0.98 * b);
        assertThat(conv.weight().pow(2).mean().item()).isCloseTo(b * b / 3, within(b * b / 30));
        assertThat(conv.bias().abs().max().item()).isLessThanOrEqualTo(b);
        Tensor e = new Embedding(300, 100, DType.FLOAT64, rng).weight();
        assertThat(e.mean().item()).isCloseTo(0, within(0.02));
        assertThat(e.pow(2).mean().item()).isCloseTo(1, within(0.03));
        Tensor xn = Init.XAVIER_NORMAL.tensor(DType.FLOAT64, rng, 200, 300);
        assertThat(xn.pow(2).mean().item()).isCloseTo(2.0 / 500, within(0.0002));
        LayerNorm ln = new LayerNorm(3);
        assertThat(ln.weight().toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(ln.bias().toDoubleArray()).containsExactly(0, 0, 0);
    }

    @Test
    void sequentialCarriesEvalDownAndSavesBuffersUnderPyTorchNames() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Dropout drop = new Dropout(0.5, 1);
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 0), bn, Activation.RELU, drop, new Flatten());
        assertThat(net.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.num_batches_tracked");
        net.eval();
        assertThat(bn.isTraining()).isFalse();
        assertThat(drop.isTraining()).isFalse();
        net.train();
        assertThat(bn.isTraining()).isTrue();
        Sequential copy = new Sequential(new Conv2d(1, 2, 3, 9), new BatchNorm2d(2), Activation.RELU,
                new Dropout(0.5, 1), new Flatten());
        net.forward(Tensor.randn(4, 1, 5, 5));   // moves the running statistics
        copy.loadStateDict(net.stateDict(), true);
        assertThat(((BatchNorm2d) copy.modules().get(1)).runningMean().toDoubleArray())
                .containsExactly(bn.runningMean().toDoubleArray());
    }
}
