package jgrad.optim;

import java.util.List;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, as {@code torch.optim.Adam}: its weight decay,
 * if any, is an L2 term added to the gradient. {@link AdamW} decouples it.
 *
 * <p>For each parameter p with gradient g, at step t (from 1):
 * <pre>
 *   g = g + weightDecay · p                 (Adam; AdamW instead first sets p = p · (1 - lr · weightDecay))
 *   m = beta1 · m + (1 - beta1) · g
 *   v = beta2 · v + (1 - beta2) · g²
 *   p = p - lr · (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 * Defaults as in PyTorch: beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight decay 0.
 *
 * <pre>{@code
 * Adam adam = new Adam(model.parameters(), 0.01);
 * }</pre>
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final double[] m;
    private final double[] v;

    /** Adam with PyTorch's defaults over a model's parameters (a {@code List<Value>} or {@code List<Tensor>}). */
    public Adam(List<? extends Parameter> parameters, double lr) {
        this(ParameterGroup.of(parameters), lr, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * Adam over a model's parameters with every setting given.
     *
     * @throws IllegalArgumentException if a setting is out of range (see below) or a parameter cannot be trained
     */
    public Adam(List<? extends Parameter> parameters, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        this(ParameterGroup.of(parameters), lr, beta1, beta2, eps, weightDecay, false);
    }

    /**
     * Adam over any parameter group.
     *
     * @throws IllegalArgumentException if a beta is outside [0, 1), or lr, eps or weightDecay is
     *     negative or not finite
     */
    public Adam(ParameterGroup params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(ParameterGroup params, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled) {
        super(params, lr);
        String name = decoupled ? "AdamW" : "Adam";
        this.beta1 = checkRange(name, "beta1", beta1, 0, 1);
        this.beta2 = checkRange(name, "beta2", beta2, 0, 1);
        this.eps = checkRange(name, "eps", eps, 0, Double.POSITIVE_INFINITY);
        this.weightDecay = checkRange(name, "weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.decoupled = decoupled;
        this.m = new double[params.size()];
        this.v = new double[params.size()];
    }

    @Override
    public List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    public double[] state(String name) {
        switch (name) {
            case "exp_avg": return m.clone();
            case "exp_avg_sq": return v.clone();
            default: throw unknownState(name);
        }
    }

    @Override
    protected final void update(int t, double lr, double[] p, double[] g) {
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            double gi = g[i];
            if (decoupled) {
                pi *= 1 - lr * weightDecay;
            } else {
                gi += weightDecay * pi;
            }
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            p[i] = pi - lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }
}
