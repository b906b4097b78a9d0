package jgrad.optim;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as {@code torch.optim.AdamW}:
 * each step first shrinks every parameter, {@code p = p · (1 - lr · weightDecay)}, then takes the
 * {@link Adam} step on the plain gradient. Default weight decay 0.01, as in PyTorch.
 *
 * <pre>{@code
 * AdamW opt = new AdamW(model.parameters(), 0.01);          // weight decay 0.01
 * }</pre>
 */
public final class AdamW extends Adam {
    /** AdamW with PyTorch's defaults (weight decay 0.01) over a model's parameters (a {@code List<Value>} or {@code List<Tensor>}). */
    public AdamW(List<? extends Parameter> parameters, double lr) {
        this(ParameterGroup.of(parameters), lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /** AdamW over a model's parameters with every setting given. @throws IllegalArgumentException as {@link Adam} */
    public AdamW(List<? extends Parameter> parameters, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        this(ParameterGroup.of(parameters), lr, beta1, beta2, eps, weightDecay);
    }

    /** AdamW over any parameter group. @throws IllegalArgumentException as {@link Adam} */
    public AdamW(ParameterGroup params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
