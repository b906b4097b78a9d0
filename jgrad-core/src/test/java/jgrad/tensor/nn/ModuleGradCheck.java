package jgrad.tensor.nn;

import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.NoGrad;
import jgrad.tensor.Tensor;
import jgrad.tensor.TensorGradCheck;

/**
 * Finite-difference checks of a float64 module: over its input with {@link TensorGradCheck}, and
 * over each parameter by central differences of the same weighted-sum loss (a parameter is held by
 * the module, so TensorGradCheck's fresh leaves cannot reach it).
 */
final class ModuleGradCheck {
    private ModuleGradCheck() {
    }

    /** The largest relative error over the input's gradient. */
    static double input(TensorModule m, Tensor x) {
        return TensorGradCheck.maxError(in -> m.forward(in[0]), x);
    }

    /** The largest relative error over every parameter's gradient at input {@code x}. */
    static double parameters(TensorModule m, Tensor x) {
        if (m.parameters().isEmpty()) {
            return 0;
        }
        Tensor out;
        try (NoGrad scope = Tensor.noGrad()) {
            out = m.forward(x);
        }
        Tensor w = Tensor.randn(DType.FLOAT64, new Random(54321), out.shape().toArray());
        m.zeroGrad();
        m.forward(x).mul(w).sum().backward();
        double worst = 0;
        double h = TensorGradCheck.STEP;
        for (Tensor p : m.parameters()) {
            double[] g = p.grad() == null ? new double[p.numel()] : p.grad().toDoubleArray();
            double[] v = p.toDoubleArray();
            for (int j = 0; j < v.length; j++) {
                double plus = loss(m, x, w, p, v, j, v[j] + h), minus = loss(m, x, w, p, v, j, v[j] - h);
                double numeric = (plus - minus) / (2 * h);
                worst = Math.max(worst, Math.abs(g[j] - numeric) / Math.max(1, Math.abs(numeric)));
            }
            p.copyFrom(Tensor.of(v, p.shape().toArray()));
        }
        return worst;
    }

    private static double loss(TensorModule m, Tensor x, Tensor w, Tensor p, double[] v, int j, double value) {
        double[] moved = v.clone();
        moved[j] = value;
        p.copyFrom(Tensor.of(moved, p.shape().toArray()));
        try (NoGrad scope = Tensor.noGrad()) {
            return m.forward(x).mul(w).sum().item();
        }
    }
}
