package jgrad.engine;

/**
 * The primitive operations of the scalar engine: each one's forward formula and how the output's
 * gradient flows back into its inputs.
 *
 * <p>This is the only place in the scalar engine with hand-written derivatives. {@code sub},
 * {@code div} and {@code neg} are compositions in {@link Value}, as in micrograd. An op is stored
 * in every node it creates, so {@link Value#backward()} dispatches on it with no per-node closure.
 *
 * <p>Everything works on plain doubles: {@code a} and {@code b} are the operands' data ({@code b}
 * is the constant exponent of {@link #POW_CONST} and unused by unary ops), {@code out} the result,
 * {@code grad} the result's gradient. {@link #gradA} and {@link #gradB} return what the chain rule
 * adds to each operand's gradient. {@link Value#backward()} and {@link CompiledGraph} both call
 * them, so each derivative is written once.
 *
 * <p>NOTE: three switches over the op, not one method body per enum constant. The bodies read
 * better op by op, but a call through them is megamorphic and cannot be inlined into the replay
 * loop; the switches make the compiled replay 1.6 times faster (docs/design-notes.md, "Scalar
 * engine speed"). The switches are over the ordinal as an {@code int} (static methods), so that
 * {@link Value}'s packed state and {@link CompiledGraph}'s {@code byte[]} of op codes dispatch
 * without loading an enum constant; an op without a case throws {@link AssertionError}, and the
 * property tests run every op through all three.
 */
enum Op {
    /** A leaf: an input or a parameter. Nothing to compute, nothing to propagate. */
    LEAF(""),
    ADD("+"),
    MUL("*"),
    /** a ** k for a constant exponent k, kept in the node; one child, as in micrograd. */
    POW_CONST("**"),
    POW("**"),
    EXP("exp"),
    LOG("log"),
    TANH("tanh"),
    RELU("ReLU"),
    SIGMOID("sigmoid");

    /** The name shown by {@link Value#op()} and in graph drawings. */
    final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    // NOTE: the ordinals as int constants, so that the derivatives below are static switches over
    // an int. Value keeps the ordinal in the low bits of a long and CompiledGraph in a byte[], so
    // neither has to load an enum constant (or javac's switch map) to dispatch; the static
    // initializer checks that the constants are the ordinals.
    static final int I_LEAF = 0;
    static final int I_ADD = 1;
    static final int I_MUL = 2;
    static final int I_POW_CONST = 3;
    static final int I_POW = 4;
    static final int I_EXP = 5;
    static final int I_LOG = 6;
    static final int I_TANH = 7;
    static final int I_RELU = 8;
    static final int I_SIGMOID = 9;

    static {
        int[] codes = {I_LEAF, I_ADD, I_MUL, I_POW_CONST, I_POW, I_EXP, I_LOG, I_TANH, I_RELU, I_SIGMOID};
        Op[] ops = values();
        if (codes.length != ops.length) {
            throw new AssertionError("Op: " + ops.length + " ops but " + codes.length + " int codes");
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] != ops[i].ordinal()) {
                throw new AssertionError("Op: the int code of " + ops[i] + " is not its ordinal");
            }
        }
    }

    /** The value of this op; {@code b} is the second operand, the constant exponent, or unused. */
    double forward(double a, double b) {
        return forward(ordinal(), a, b);
    }

    /** What the chain rule adds to the first operand's gradient: d(out)/da times {@code grad}. */
    double gradA(double a, double b, double out, double grad) {
        return gradA(ordinal(), a, b, out, grad);
    }

    /** What the chain rule adds to the second operand's gradient; only binary ops have one. */
    double gradB(double a, double b, double out, double grad) {
        return gradB(ordinal(), a, b, out, grad);
    }

    /** {@link #forward(double, double)} of the op with ordinal {@code op}. */
    static double forward(int op, double a, double b) {
        switch (op) {
            case I_ADD: return a + b;
            case I_MUL: return a * b;
            case I_POW_CONST:
            case I_POW: return Math.pow(a, b);
            case I_EXP: return Math.exp(a);
            case I_LOG: return Math.log(a);
            // Math.tanh saturates to +-1 instead of overflowing, unlike (e^2x - 1)/(e^2x + 1)
            case I_TANH: return Math.tanh(a);
            case I_RELU: return a > 0 || a != a ? a : 0;          // NOTE: NaN stays NaN, as in micrograd and PyTorch
            case I_SIGMOID: return sigmoid(a);
            default: throw noSuchOp(op, "forward");
        }
    }

    /** {@link #gradA(double, double, double, double)} of the op with ordinal {@code op}. */
    static double gradA(int op, double a, double b, double out, double grad) {
        switch (op) {
            case I_ADD: return grad;                              // d(a+b)/da = 1
            case I_MUL: return b * grad;                          // d(ab)/da = b
            // d(a^b)/da = b a^(b-1); NOTE: 0 when b = 0, as PyTorch (not 0 * 0^-1 = NaN at a = 0)
            case I_POW_CONST:
            case I_POW: return b == 0 ? 0 : b * Math.pow(a, b - 1) * grad;
            case I_EXP: return out * grad;                        // d(e^a)/da = e^a
            case I_LOG: return grad / a;                          // d(ln a)/da = 1/a
            case I_TANH: return (1 - out * out) * grad;           // d(tanh a)/da = 1 - tanh(a)^2
            case I_RELU: return out > 0 ? grad : 0;               // NOTE: 0 at exactly a = 0, as in micrograd
            case I_SIGMOID: return out * (1 - out) * grad;        // d(s(a))/da = s(a) (1 - s(a))
            default: throw noSuchOp(op, "gradA");
        }
    }

    /** {@link #gradB(double, double, double, double)} of the op with ordinal {@code op}. */
    static double gradB(int op, double a, double b, double out, double grad) {
        switch (op) {
            case I_ADD: return grad;                              // d(a+b)/db = 1
            case I_MUL: return a * grad;                          // d(ab)/db = a
            // d(a^b)/db = a^b ln(a); NOTE: 0 at a = 0 with b >= 0, as PyTorch (not 0 * -inf = NaN)
            case I_POW: return a == 0 && b >= 0 ? 0 : out * Math.log(a) * grad;
            default: throw noSuchOp(op, "gradB");
        }
    }

    /** Whether the op with ordinal {@code op} has a second operand ({@code add}, {@code mul}, {@code pow}). */
    static boolean binary(int op) {
        return op == I_ADD || op == I_MUL || op == I_POW;
    }

    private static AssertionError noSuchOp(int op, String what) {
        String name = op >= 0 && op < values().length ? values()[op].name() : Integer.toString(op);
        return new AssertionError(name + " has no " + what + " (a leaf, or a unary op's second operand)");
    }

    /** The logistic function in two branches, so that exp never overflows. */
    private static double sigmoid(double a) {
        if (a >= 0) {
            return 1 / (1 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1 + e);
    }
}
