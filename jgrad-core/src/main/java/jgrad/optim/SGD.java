package jgrad.optim;

import java.util.List;

/**
 * Stochastic gradient descent with optional momentum and weight decay, as
 * {@code torch.optim.SGD} (no dampening, no Nesterov).
 *
 * <p>For each parameter p with gradient g, at step t:
 * <pre>
 *   g = g + weightDecay · p
 *   b = g                    if t = 1,   b = momentum · b + g   otherwise   (only if momentum &gt; 0)
 *   p = p - lr · b           (p - lr · g without momentum)
 * </pre>
 * With no momentum and no weight decay this is micrograd's {@code p.data -= lr * p.grad}.
 *
 * <pre>{@code
 * SGD sgd = new SGD(model.parameters(), 0.1);                 // plain
 * SGD heavy = new SGD(model.parameters(), 0.1, 0.9, 5e-4);    // momentum 0.9, weight decay 5e-4
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final double[] buffer;

    /** Plain SGD over a model's parameters (a {@code List<Value>} or {@code List<Tensor>}). */
    public SGD(List<? extends Parameter> parameters, double lr) {
        this(ParameterGroup.of(parameters), lr, 0, 0);
    }

    /** SGD with momentum and weight decay over a model's parameters (a {@code List<Value>} or {@code List<Tensor>}). */
    public SGD(List<? extends Parameter> parameters, double lr, double momentum, double weightDecay) {
        this(ParameterGroup.of(parameters), lr, momentum, weightDecay);
    }

    /**
     * SGD over any parameter group.
     *
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, or
     *     momentum is outside [0, 1)
     */
    public SGD(ParameterGroup params, double lr, double momentum, double weightDecay) {
        super(params, lr);
        this.momentum = checkRange("SGD", "momentum", momentum, 0, 1);
        this.weightDecay = checkRange("SGD", "weightDecay", weightDecay, 0, Double.POSITIVE_INFINITY);
        this.buffer = momentum > 0 ? new double[params.size()] : null;
    }

    @Override
    public List<String> stateNames() {
        return buffer == null ? List.of() : List.of("momentum_buffer");
    }

    @Override
    public double[] state(String name) {
        if (buffer == null || !name.equals("momentum_buffer")) {
            throw unknownState(name);
        }
        return buffer.clone();
    }

    @Override
    protected void update(int t, double lr, double[] p, double[] g) {
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            if (weightDecay != 0) {
                gi += weightDecay * p[i];
            }
            if (buffer != null) {
                buffer[i] = t == 1 ? gi : momentum * buffer[i] + gi;
                gi = buffer[i];
            }
            p[i] = p[i] - lr * gi;
        }
    }
}
