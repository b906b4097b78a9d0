package jgrad.tensor.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import jgrad.tensor.Tensor;

/**
 * Modules applied one after the other, as {@code torch.nn.Sequential}; parameters are named
 * {@code "<index>.<name>"} ({@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}, ...).
 *
 * <pre>{@code
 * Sequential net = new Sequential(new Linear(2, 16, 0), Activation.TANH, new Linear(16, 1, 1));
 * net.forward(Tensor.randn(new Random(7), 5, 2)).shape();    // [5, 1]
 * }</pre>
 */
public final class Sequential extends AbstractTensorModule {
    private final List<TensorModule> modules;

    /** @throws IllegalArgumentException if there are no modules */
    public Sequential(TensorModule... modules) {
        if (modules.length == 0) {
            throw new IllegalArgumentException("Sequential: give at least one module");
        }
        this.modules = Collections.unmodifiableList(Arrays.asList(modules.clone()));
        for (int i = 0; i < modules.length; i++) {
            registerModule(Integer.toString(i), modules[i]);
        }
    }

    /** The modules in order. */
    public List<TensorModule> modules() {
        return modules;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (TensorModule m : modules) {
            h = m.forward(h);
        }
        return h;
    }

    /** PyTorch's layout: {@code Sequential(\n  (0): Linear(...)\n  ...\n)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Sequential(\n");
        for (int i = 0; i < modules.size(); i++) {
            s.append("  (").append(i).append("): ").append(modules.get(i)).append('\n');
        }
        return s.append(')').toString();
    }
}
