package jgrad.tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * The elementwise primitives, each forward formula with its derivative right below. Binary ones
 * see equal shapes and dtypes (the façade broadcasts with {@code expand} first). Internal.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static Tensor map(Tensor x, DoubleUnaryOperator fn) {
        Tensor out = new Tensor(x.shape, x.dtype);
        Loops.map(x, out, fn);
        return out;
    }

    /** act(x): the float32 kernel when there is one, else {@code fn} in double. */
    static Tensor activation(Tensor x, Loops.Activation act, DoubleUnaryOperator fn) {
        if (x.f == null) {
            return map(x, fn);
        }
        Tensor out = new Tensor(x.shape, x.dtype);
        Loops.activation(act, x, out);
        return out;
    }

    /** g · act'(x) through the float32 kernel, or null when the tensors are not all float32. */
    static Tensor activationBackward(Loops.Activation act, Tensor saved, Tensor g) {
        if (saved.f == null || g.f == null) {
            return null;
        }
        Tensor dx = new Tensor(g.shape, g.dtype);
        Loops.activationBackward(act, saved, g, dx);
        return dx;
    }

    static final class Add extends Op {
        Add(Tensor a, Tensor b) {
            super("add", a, b);
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(inputs[0].shape, inputs[0].dtype);
            Loops.add(inputs[0], inputs[1], out);
            return out;
        }

        // d(a+b)/da = 1, d(a+b)/db = 1
        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {g, g};
        }
    }

    static final class Mul extends Op {
        Mul(Tensor a, Tensor b) {
            super("mul", a, b);
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(inputs[0].shape, inputs[0].dtype);
            Loops.mul(inputs[0], inputs[1], out);
            return out;
        }

        // d(ab)/da = b, d(ab)/db = a
        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {needs(0) ? g.mul(inputs[1]) : null, needs(1) ? g.mul(inputs[0]) : null};
        }
    }

    /** x^k for a constant k. */
    static final class PowConst extends Op {
        private final double k;

        PowConst(Tensor x, double k) {
            super("pow", x);
            this.k = k;
        }

        @Override Tensor forward() {
            return map(x(), v -> Math.pow(v, k));
        }

        // d(x^k)/dx = k x^(k-1); NOTE: 0 for k = 0, as PyTorch (not 0 * 0^-1 = NaN at x = 0)
        @Override Tensor[] backward(Tensor g, Tensor out) {
            if (k == 0) {
                return new Tensor[] {Tensor.zeros(g.dtype(), g.shape().toArray())};
            }
            return new Tensor[] {g.mul(x().pow(k - 1).mul(k))};
        }
    }

    static final class Pow extends Op {
        Pow(Tensor a, Tensor b) {
            super("pow", a, b);
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(inputs[0].shape, inputs[0].dtype);
            Loops.zip(inputs[0], inputs[1], out, Math::pow);
            return out;
        }

        // d(a^b)/da = b a^(b-1), d(a^b)/db = a^b ln(a). NOTE: as PyTorch, d/da is 0 where b = 0 and
        // d/db is 0 where a = 0 and b >= 0, instead of 0 * inf = NaN
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor a = inputs[0], b = inputs[1];
            Tensor zero = Tensor.zeros(g.dtype(), g.shape().toArray());
            return new Tensor[] {
                needs(0) ? Tensor.where(b.eq(0), zero, g.mul(b).mul(a.pow(b.sub(1)))) : null,
                needs(1) ? Tensor.where(a.eq(0).mul(b.ge(0)), zero, g.mul(out).mul(a.log())) : null};
        }
    }

    static final class Exp extends Op {
        Exp(Tensor x) {
            super("exp", x);
        }

        @Override Tensor forward() {
            return activation(x(), Loops.Activation.EXP, Math::exp);
        }

        // d(e^x)/dx = e^x
        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {g.mul(out)};
        }
    }

    static final class Log extends Op {
        Log(Tensor x) {
            super("log", x);
        }

        @Override Tensor forward() {
            return map(x(), Math::log);
        }

        // d(ln x)/dx = 1/x
        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {g.div(x())};
        }
    }

    static final class Abs extends Op {
        Abs(Tensor x) {
            super("abs", x);
        }

        @Override Tensor forward() {
            return map(x(), Math::abs);
        }

        // d|x|/dx = sign(x); NOTE: 0 at x = 0, as in PyTorch
        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {g.mul(map(x(), Math::signum))};
        }
    }

    static final class Tanh extends Op {
        Tanh(Tensor x) {
            super("tanh", x);
        }

        @Override Tensor forward() {
            return activation(x(), Loops.Activation.TANH, Math::tanh);
        }

        // d(tanh x)/dx = 1 - tanh(x)^2
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor fast = activationBackward(Loops.Activation.TANH, out, g);
            return new Tensor[] {fast != null ? fast : g.mul(out.mul(out).neg().add(1))};
        }
    }

    static final class Relu extends Op {
        Relu(Tensor x) {
            super("relu", x);
        }

        @Override Tensor forward() {
            return activation(x(), Loops.Activation.RELU, v -> v > 0 || Double.isNaN(v) ? v : 0);
        }

        // d(relu x)/dx = 1 if x > 0 else 0. NOTE: 0 at exactly x = 0, as in micrograd
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor fast = activationBackward(Loops.Activation.RELU, x(), g);
            return new Tensor[] {fast != null ? fast : g.mul(out.gt(0))};
        }
    }

    static final class Sigmoid extends Op {
        Sigmoid(Tensor x) {
            super("sigmoid", x);
        }

        // two branches so that exp never overflows
        @Override Tensor forward() {
            return activation(x(), Loops.Activation.SIGMOID,
                    v -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
        }

        // d(s(x))/dx = s(x) (1 - s(x))
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor fast = activationBackward(Loops.Activation.SIGMOID, out, g);
            return new Tensor[] {fast != null ? fast : g.mul(out.mul(out.neg().add(1)))};
        }
    }

    static final class Maximum extends Op {
        Maximum(Tensor a, Tensor b) {
            super("maximum", a, b);
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(inputs[0].shape, inputs[0].dtype);
            Loops.zip(inputs[0], inputs[1], out, (a, b) -> Double.isNaN(a) || a > b ? a : b);
            return out;
        }

        // d max(a,b)/da = 1 where a > b, 1/2 on ties, 0 elsewhere (and the mirror for b)
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor a = inputs[0], b = inputs[1];
            Tensor half = a.eq(b).mul(0.5);
            return new Tensor[] {
                needs(0) ? g.mul(a.gt(b).add(half)) : null,
                needs(1) ? g.mul(b.gt(a).add(half)) : null};
        }
    }

    /** condition ? a : b; the condition is a constant. */
    static final class Where extends Op {
        Where(Tensor condition, Tensor a, Tensor b) {
            super("where", condition, a, b);
        }

        @Override Tensor forward() {
            Tensor c = inputs[0], a = inputs[1], b = inputs[2];
            Tensor out = new Tensor(a.shape, a.dtype);
            for (int i = 0; i < out.numel(); i++) {
                out.setFlat(i, c.getFlat(i) != 0 ? a.getFlat(i) : b.getFlat(i));
            }
            return out;
        }

        // the gradient goes to the side that was chosen
        @Override Tensor[] backward(Tensor g, Tensor out) {
            Tensor zero = Tensor.zeros(g.dtype);
            return new Tensor[] {
                null,
                needs(1) ? Tensor.where(inputs[0], g, zero) : null,
                needs(2) ? Tensor.where(inputs[0], zero, g) : null};
        }
    }

    static final class Cast extends Op {
        private final DType target;

        Cast(Tensor x, DType target) {
            super("cast", x);
            this.target = target;
        }

        @Override Tensor forward() {
            Tensor out = new Tensor(x().shape, target);
            for (int i = 0; i < out.numel(); i++) {
                out.setFlat(i, x().getFlat(i));
            }
            return out;
        }

        // the identity, in the input's dtype
        @Override Tensor[] backward(Tensor g, Tensor out) {
            return new Tensor[] {g.cast(x().dtype)};
        }
    }
}
