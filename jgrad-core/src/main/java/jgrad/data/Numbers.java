package jgrad.data;

/**
 * Decimal numbers in text, as jgrad's readers accept them: an optional sign, digits with an
 * optional decimal point (or a point and digits), and an optional exponent, such as {@code 3},
 * {@code -0.5}, {@code .25}, {@code +1e-3}. No {@code NaN}, {@code Infinity}, hexadecimal or
 * thousands separators. One place for the CSV reader, the class labels and {@code jgrad predict}.
 *
 * <p>The check is one left-to-right scan, so it takes time linear in the length of the text
 * (a regular expression with nested quantifiers took days on a 10 MB cell).
 *
 * <pre>{@code
 * Numbers.isDecimal("1.5e3");   // true
 * Numbers.isDecimal("1.5.3");   // false
 * Numbers.canonical(2.0);       // "2", as labels 2, 2.0 and +2 are one class
 * }</pre>
 */
public final class Numbers {
    private Numbers() {
    }

    /** Whether {@code s} is a decimal number as described above. */
    public static boolean isDecimal(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * The value of a decimal number, or NaN if {@code s} is not one (see {@link #isDecimal}).
     * Values beyond the range of a double come back infinite.
     */
    public static double parseOrNaN(String s) {
        return isDecimal(s) ? Double.parseDouble(s) : Double.NaN;
    }

    /**
     * {@code x} as a label: a whole number without a decimal point ({@code 2}, {@code -1}),
     * anything else as {@link Double#toString}. Text that {@link #isDecimal} accepts and
     * that means the same number gives the same canonical text.
     */
    public static String canonical(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    /**
     * Appends {@link #canonical canonical(x)} to {@code out} without making a string, for writers
     * of many numbers (StringBuilder.append(double) writes what Double.toString does).
     */
    public static void appendCanonical(StringBuilder out, double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            out.append((long) x);
        } else {
            out.append(x);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
