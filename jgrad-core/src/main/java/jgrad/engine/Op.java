package jgrad.engine;

/**
 * The primitive operations of the scalar engine: each one's forward formula and, right below it,
 * how the output's gradient flows back into its inputs.
 *
 * <p>This is the only place in the scalar engine with hand-written derivatives. {@code sub},
 * {@code div} and {@code neg} are compositions in {@link Value}, as in micrograd. An op is stored
 * in every node it creates, so {@link Value#backward()} dispatches on it with no per-node closure.
 */
enum Op {
    /** A leaf: an input or a parameter. Nothing to propagate. */
    LEAF("") {
        @Override double forward(double a, double b) { throw new AssertionError("leaves have no forward"); }
        @Override void backward(Value out) { }
    },
    ADD("+") {
        @Override double forward(double a, double b) { return a + b; }
        // d(a+b)/da = 1, d(a+b)/db = 1
        @Override void backward(Value out) {
            out.a.grad += out.grad;
            out.b.grad += out.grad;
        }
    },
    MUL("*") {
        @Override double forward(double a, double b) { return a * b; }
        // d(ab)/da = b, d(ab)/db = a
        @Override void backward(Value out) {
            out.a.grad += out.b.data * out.grad;
            out.b.grad += out.a.data * out.grad;
        }
    },
    /** a ** k for a constant exponent k, kept in {@code out.exponent}; one child, as in micrograd. */
    POW_CONST("**") {
        @Override double forward(double a, double k) { return Math.pow(a, k); }
        // d(a^k)/da = k a^(k-1)
        @Override void backward(Value out) {
            out.a.grad += out.exponent * Math.pow(out.a.data, out.exponent - 1) * out.grad;
        }
    },
    POW("**") {
        @Override double forward(double a, double b) { return Math.pow(a, b); }
        // d(a^b)/da = b a^(b-1), d(a^b)/db = a^b ln(a)
        @Override void backward(Value out) {
            out.a.grad += out.b.data * Math.pow(out.a.data, out.b.data - 1) * out.grad;
            out.b.grad += out.data * Math.log(out.a.data) * out.grad;
        }
    },
    EXP("exp") {
        @Override double forward(double a, double unused) { return Math.exp(a); }
        // d(e^a)/da = e^a
        @Override void backward(Value out) { out.a.grad += out.data * out.grad; }
    },
    LOG("log") {
        @Override double forward(double a, double unused) { return Math.log(a); }
        // d(ln a)/da = 1/a
        @Override void backward(Value out) { out.a.grad += out.grad / out.a.data; }
    },
    TANH("tanh") {
        // Math.tanh saturates to +-1 instead of overflowing, unlike (e^2x - 1)/(e^2x + 1).
        @Override double forward(double a, double unused) { return Math.tanh(a); }
        // d(tanh a)/da = 1 - tanh(a)^2
        @Override void backward(Value out) { out.a.grad += (1 - out.data * out.data) * out.grad; }
    },
    RELU("ReLU") {
        @Override double forward(double a, double unused) { return a > 0 ? a : 0; }
        // d(relu a)/da = 1 if a > 0, else 0. NOTE: 0 at exactly a = 0, as in micrograd.
        @Override void backward(Value out) { out.a.grad += (out.data > 0 ? out.grad : 0); }
    },
    SIGMOID("sigmoid") {
        // Two branches so that exp never overflows: e^-a for a >= 0, e^a otherwise.
        @Override double forward(double a, double unused) {
            if (a >= 0) {
                return 1 / (1 + Math.exp(-a));
            }
            double e = Math.exp(a);
            return e / (1 + e);
        }
        // d(s(a))/da = s(a) (1 - s(a))
        @Override void backward(Value out) { out.a.grad += out.data * (1 - out.data) * out.grad; }
    };

    /** The name shown by {@link Value#op()} and in graph drawings. */
    final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** The value of this op; {@code b} is the second operand, the constant exponent, or unused. */
    abstract double forward(double a, double b);

    /** Adds this op's contribution of {@code out.grad} into the gradients of out's inputs. */
    abstract void backward(Value out);

    /** Whether this op takes two {@link Value} operands. */
    boolean binary() {
        return this == ADD || this == MUL || this == POW;
    }
}
