package jgrad.tensor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.engine.AnomalyMode;

/**
 * The autograd engine: {@link #apply} runs a {@link Function} and records it; {@link #backward}
 * walks the recorded graph once in reverse topological order and adds each leaf's gradient into its
 * {@code grad}. The walk is iterative (no recursion limit on deep graphs) and deterministic:
 * operands in order, each tensor once. Internal; the public entry points are
 * {@link Function#apply} and {@link Tensor#backward()}.
 */
final class Autograd {
    private static final AtomicInteger TRAVERSALS = new AtomicInteger();
    private static final Tensor[] NO_INPUTS = {};
    private static final ThreadLocal<boolean[]> IN_BACKWARD = ThreadLocal.withInitial(() -> new boolean[1]);

    private Autograd() {
    }

    /**
     * Runs {@code fn} with recording off, and records it in the output when recording and an input
     * requires a gradient.
     */
    static Tensor apply(Function fn, Tensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(fn.name() + ": input " + i + " is null");
            }
        }
        Context ctx = new Context(fn, inputs);
        int[] depth = NoGrad.depth();
        boolean recording = depth[0] == 0;
        Tensor out;
        depth[0]++;                   // forward runs with recording off, as under NoGrad
        try {
            out = fn.forward(ctx, inputs);
        } finally {
            depth[0]--;
        }
        if (out == null) {
            throw new IllegalStateException(fn.name() + ": forward returned null; return the output tensor");
        }
        if (AnomalyMode.isEnabled() && !IN_BACKWARD.get()[0]) {   // backward checks whole gradients
            TensorAnomalyException.check(out, ctx, "its output");
        }
        if (recording) {
            for (Tensor in : inputs) {
                if (in.requiresGrad()) {
                    if (out.creator != null || out.requiresGrad || isInput(out, inputs)) {
                        out = out.detach();   // a forward returned an input or a recorded tensor: record a new one
                    }
                    out.creator = ctx;
                    out.requiresGrad = true;
                    break;
                }
            }
        }
        return out;
    }

    private static boolean isInput(Tensor out, Tensor[] inputs) {
        for (Tensor in : inputs) {
            if (in == out) {
                return true;
            }
        }
        return false;
    }

    /** Backpropagates {@code gradient} from {@code root} into the leaves below it. */
    static void backward(Tensor root, Tensor gradient) {
        Tensor[] topo = topologicalOrder(root);
        boolean anomaly = AnomalyMode.isEnabled();
        boolean[] inBackward = IN_BACKWARD.get();
        boolean outer = inBackward[0];
        inBackward[0] = true;
        try (NoGrad scope = new NoGrad()) {
            root.pending = gradient.dtype == root.dtype ? gradient : gradient.cast(root.dtype);
            for (int i = topo.length - 1; i >= 0; i--) {
                Tensor t = topo[i];
                Tensor g = t.pending;
                t.pending = null;
                if (g == null) {
                    continue;
                }
                if (t.creator == null) {
                    accumulate(t, g);
                    continue;
                }
                Context ctx = t.creator;
                Tensor[] grads = ctx.fn.backward(ctx, g);
                Tensor[] inputs = ctx.inputs;
                if (grads == null || grads.length != inputs.length) {
                    throw new IllegalStateException(ctx.name() + ": backward must return one gradient per input ("
                            + inputs.length + "), got " + (grads == null ? "null" : grads.length));
                }
                for (int j = 0; j < inputs.length; j++) {
                    Tensor in = inputs[j];
                    Tensor gj = grads[j];
                    if (gj == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!gj.shape.equals(in.shape)) {
                        throw new IllegalStateException(ctx.name() + ": backward returned a gradient of shape "
                                + gj.shape + " for input " + j + " of shape " + in.shape + "; they must be equal");
                    }
                    if (gj.dtype != in.dtype) {
                        gj = gj.cast(in.dtype);
                    }
                    if (anomaly) {
                        TensorAnomalyException.check(gj, ctx, "the gradient of input " + j);
                    }
                    in.pending = in.pending == null ? gj : in.pending.add(gj);
                }
            }
        } finally {
            inBackward[0] = outer;
            for (Tensor t : topo) {
                t.pending = null;
            }
        }
    }

    /** grad += g into a leaf, allocating its gradient on first use. */
    private static void accumulate(Tensor leaf, Tensor g) {
        if (leaf.grad == null) {
            leaf.grad = Tensor.zeros(leaf.dtype, leaf.shape.toArray());
        }
        Loops.addInto(g, 0, leaf.grad, 0, leaf.numel());
    }

    /**
     * Every tensor of the graph below {@code root} that requires a gradient, each once, inputs
     * before the tensors made from them; iterative depth-first post-order, operands in order.
     */
    static Tensor[] topologicalOrder(Tensor root) {
        int stamp = TRAVERSALS.incrementAndGet();
        Tensor[] stack = new Tensor[16];
        boolean[] leaving = new boolean[16];
        Tensor[] topo = new Tensor[16];
        int sp = 0, n = 0;
        stack[sp++] = root;
        while (sp > 0) {
            Tensor t = stack[--sp];
            if (leaving[sp]) {
                if (n == topo.length) {
                    topo = Arrays.copyOf(topo, 2 * n);
                }
                topo[n++] = t;
                continue;
            }
            if (t.mark == stamp) {
                continue;
            }
            t.mark = stamp;
            Tensor[] in = t.creator == null ? NO_INPUTS : t.creator.inputs;
            if (sp + in.length + 1 > stack.length) {
                stack = Arrays.copyOf(stack, 2 * (sp + in.length + 1));
                leaving = Arrays.copyOf(leaving, stack.length);
            }
            leaving[sp] = true;
            stack[sp++] = t;
            for (int j = in.length - 1; j >= 0; j--) {   // last pushed, first visited: operands in order
                if (in[j].requiresGrad() && in[j].mark != stamp) {
                    leaving[sp] = false;
                    stack[sp++] = in[j];
                }
            }
        }
        return Arrays.copyOf(topo, n);
    }
}
