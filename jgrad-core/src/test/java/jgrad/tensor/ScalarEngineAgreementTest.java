package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.engine.Value;
import org.junit.jupiter.api.Test;

/**
 * The same small MLP computed by the scalar engine (one {@link Value} per number) and by the tensor
 * engine in float64: loss and every parameter gradient agree to 1e-12.
 */
class ScalarEngineAgreementTest {

    @Test
    void mlpForwardAndBackwardAgreeWithTheScalarEngine() {
        Random rng = new Random(2024);
        int[] sizes = {3, 4, 4, 2};
        int batch = 5;
        double[][] x = new double[batch][3];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[] y = {1, -1, 0.5, -0.5, 2};

        // the same weights for both engines: W[l] is in x out, row-major
        List<double[]> weights = new ArrayList<>(), biases = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            double[] w = new double[sizes[l] * sizes[l + 1]], b = new double[sizes[l + 1]];
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble() * 2 - 1;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextDouble() * 2 - 1;
            }
            weights.add(w);
            biases.add(b);
        }

        // scalar engine: tanh hidden layers, linear output, loss = mean over the batch of
        // (out0 - y)^2 + relu(out1)
        List<Value[]> sw = new ArrayList<>(), sb = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            sw.add(leaves(weights.get(l)));
            sb.add(leaves(biases.get(l)));
        }
        Value loss = Value.of(0);
        for (int n = 0; n < batch; n++) {
            Value[] act = leaves(x[n]);
            for (int l = 0; l < weights.size(); l++) {
                int in = sizes[l], out = sizes[l + 1];
                Value[] next = new Value[out];
                for (int j = 0; j < out; j++) {
                    Value s = Value.of(0);
                    for (int i = 0; i < in; i++) {
                        s = s.add(act[i].mul(sw.get(l)[i * out + j]));
                    }
                    s = s.add(sb.get(l)[j]);
                    next[j] = l + 2 < sizes.length ? s.tanh() : s;
                }
                act = next;
            }
            loss = loss.add(act[0].sub(y[n]).pow(2)).add(act[1].relu());
        }
        loss = loss.div(batch);
        loss.backward();

        // tensor engine
        List<Tensor> tw = new ArrayList<>(), tb = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            tw.add(Tensor.of(weights.get(l), sizes[l], sizes[l + 1]).requiresGrad(true));
            tb.add(Tensor.of(biases.get(l), sizes[l + 1]).requiresGrad(true));
        }
        double[] flat = new double[batch * 3];
        for (int n = 0; n < batch; n++) {
            System.arraycopy(x[n], 0, flat, n * 3, 3);
        }
        Tensor h = Tensor.of(flat, batch, 3);
        for (int l = 0; l < tw.size(); l++) {
            h = h.matmul(tw.get(l)).add(tb.get(l));
            if (l + 1 < tw.size()) {
                h = h.tanh();
            }
        }
        Tensor out0 = h.slice(1, 0, 1).reshape(batch), out1 = h.slice(1, 1, 2).reshape(batch);
        Tensor tloss = out0.sub(Tensor.of(y, batch)).pow(2).add(out1.relu()).mean();
        tloss.backward();

        assertThat(tloss.item()).isCloseTo(loss.data(), within(1e-12));
        for (int l = 0; l < tw.size(); l++) {
            double[] gw = tw.get(l).grad().toDoubleArray(), gb = tb.get(l).grad().toDoubleArray();
            for (int i = 0; i < gw.length; i++) {
                assertThat(gw[i]).as("layer %d weight %d", l, i).isCloseTo(sw.get(l)[i].grad(), within(1e-12));
            }
            for (int i = 0; i < gb.length; i++) {
                assertThat(gb[i]).as("layer %d bias %d", l, i).isCloseTo(sb.get(l)[i].grad(), within(1e-12));
            }
        }
        // the check is not vacuous: some gradients are far from 0
        assertThat(tw.get(0).grad().abs().max().item()).isGreaterThan(1e-3);
    }

    @Test
    void valuesRoundTrip() {
        Tensor t = Tensor.of(new double[] {0.1, -2.5, 3}, 3, 1);
        Value[] v = t.toValues();
        assertThat(Tensor.fromValues(v, 3, 1).toDoubleArray()).containsExactly(0.1, -2.5, 3);
    }

    private static Value[] leaves(double[] data) {
        Value[] v = new Value[data.length];
        for (int i = 0; i < data.length; i++) {
            v[i] = Value.of(data[i]);
        }
        return v;
    }
}
