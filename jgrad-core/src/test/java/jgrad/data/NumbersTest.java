package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link Numbers#appendCanonical} writes what {@link Numbers#canonical} returns, its reference. */
class NumbersTest {
    private static String appended(double x) {
        StringBuilder b = new StringBuilder("#");
        Numbers.appendCanonical(b, x);
        return b.substring(1);
    }

    @Property(tries = 3000, seed = "20251208")
    void appendCanonicalWritesCanonical(@ForAll long bits, @ForAll int whole) {
        double x = Double.longBitsToDouble(bits);
        assertThat(appended(x)).isEqualTo(Numbers.canonical(x));
        assertThat(appended(whole)).isEqualTo(Numbers.canonical(whole)).isEqualTo(Integer.toString(whole));
        assertThat(appended(whole / 8.0)).isEqualTo(Numbers.canonical(whole / 8.0));
    }

    @Test
    void boundaries() {
        for (double x : new double[] {0.0, -0.0, 1e15, -1e15, 999999999999999.0, 1e15 - 0.5, 0.1, -2.5e-300,
            Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertThat(appended(x)).as("%s", x).isEqualTo(Numbers.canonical(x));
        }
    }
}
