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
 * engine speed"). Each switch is exhaustive, so a new op does not compile without its derivative.
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

    /** The value of this op; {@code b} is the second operand, the constant exponent, or unused. */
    double forward(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case MUL -> a * b;
            case POW_CONST, POW -> Math.pow(a, b);
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            // Math.tanh saturates to +-1 instead of overflowing, unlike (e^2x - 1)/(e^2x + 1)
            case TANH -> Math.tanh(a);
            case RELU -> a > 0 || a != a ? a : 0;                 // NOTE: NaN stays NaN, as in micrograd and PyTorch
            case SIGMOID -> sigmoid(a);
            case LEAF -> throw new AssertionError("leaves have no forward");
        };
    }

    /** What the chain rule adds to the first operand's gradient: d(out)/da times {@code grad}. */
    double gradA(double a, double b, double out, double grad) {
        return switch (this) {
            case ADD -> grad;                                     // d(a+b)/da = 1
            case MUL -> b * grad;                                 // d(ab)/da = b
            // d(a^b)/da = b a^(b-1); NOTE: 0 when b = 0, as PyTorch (not 0 * 0^-1 = NaN at a = 0)
            case POW_CONST, POW -> b == 0 ? 0 : b * Math.pow(a, b - 1) * grad;
            case EXP -> out * grad;                               // d(e^a)/da = e^a
            case LOG -> grad / a;                                 // d(ln a)/da = 1/a
            case TANH -> (1 - out * out) * grad;                  // d(tanh a)/da = 1 - tanh(a)^2
            case RELU -> out > 0 ? grad : 0;                      // NOTE: 0 at exactly a = 0, as in micrograd
            case SIGMOID -> out * (1 - out) * grad;               // d(s(a))/da = s(a) (1 - s(a))
            case LEAF -> throw new AssertionError("leaves have no operands");
        };
    }

    /** What the chain rule adds to the second operand's gradient; only binary ops have one. */
    double gradB(double a, double b, double out, double grad) {
        return switch (this) {
            case ADD -> grad;                                     // d(a+b)/db = 1
            case MUL -> a * grad;                                 // d(ab)/db = a
            // d(a^b)/db = a^b ln(a); NOTE: 0 at a = 0 with b >= 0, as PyTorch (not 0 * -inf = NaN)
            case POW -> a == 0 && b >= 0 ? 0 : out * Math.log(a) * grad;
            default -> throw new AssertionError(this + " has no second operand");
        };
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
