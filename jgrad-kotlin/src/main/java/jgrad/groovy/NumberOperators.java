package jgrad.groovy;

import jgrad.engine.Value;
import jgrad.tensor.Tensor;

/**
 * A Groovy extension module: operators with a number on the left, {@code 2 * a}, {@code 1 - a},
 * {@code 10 / f}, which Groovy looks up on the number ({@code Integer.multiply(Value)}).
 * Registered in {@code META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule}, so a Groovy
 * script with this jar on its class path has them with no import.
 *
 * <p>{@code Value} and {@code Tensor} carry Groovy's names themselves ({@code plus},
 * {@code minus}, {@code multiply}, {@code div}, {@code power}, {@code negative}), so
 * {@code (a * b + c) * f}, {@code a ** 2} and {@code -a} need nothing from here. Each method is a
 * composition of those, building micrograd's graph: {@code 2 * a} is {@code a * 2}, {@code 1 - a}
 * is {@code -a + 1}, {@code 10 / f} is {@code 10 * f ** -1}.
 */
public final class NumberOperators {
    private NumberOperators() {
    }

    /** {@code 2 * a}. */
    public static Value multiply(Number self, Value v) {
        return v.mul(self.doubleValue());
    }

    /** {@code 2 + a}. */
    public static Value plus(Number self, Value v) {
        return v.add(self.doubleValue());
    }

    /** {@code 1 - a}. */
    public static Value minus(Number self, Value v) {
        return v.neg().add(self.doubleValue());
    }

    /** {@code 10 / f}. */
    public static Value div(Number self, Value v) {
        return v.pow(-1).mul(self.doubleValue());
    }

    /** {@code 2 * t}. */
    public static Tensor multiply(Number self, Tensor t) {
        return t.mul(self.doubleValue());
    }

    /** {@code 2 + t}. */
    public static Tensor plus(Number self, Tensor t) {
        return t.add(self.doubleValue());
    }

    /** {@code 1 - t}. */
    public static Tensor minus(Number self, Tensor t) {
        return t.neg().add(self.doubleValue());
    }
}
