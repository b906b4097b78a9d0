package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalParser} against its references: {@link Double#parseDouble} for the value (bit for
 * bit, the sign of zero included) and {@link Numbers#isDecimal} for what is a number at all.
 */
class DecimalParserTest {

    /** Parses {@code text} as a field in the middle of a larger buffer, as the CSV reader hands it over. */
    private static double parse(String text) {
        char[] chars = ("#," + text + ",#").toCharArray();
        return DecimalParser.parse(chars, 2, 2 + text.length());
    }

    private static void assertSameAsJava(String text) {
        assertThat(Numbers.isDecimal(text)).as("test input %s must be a decimal", text).isTrue();
        assertThat(Double.doubleToRawLongBits(parse(text)))
                .as("%s: parsed %s, Double.parseDouble %s", text, parse(text), Double.parseDouble(text))
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    @Test
    void boundaryCasesGiveWhatDoubleParseDoubleGives() {
        String[] cases = {"0", "-0", "+0", "-0.0", "0.0e0", "0e999999999999999999", "-0e-5", "000000000000000000000000",
            "1", "-1", "+1", ".5", "5.", "-.5e-3", "+5.E+3", "1e0", "1E22", "1e23", "9e22", "123456789e22",
            "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
            "18014398509481985", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "9999999999999999999", "10000000000000000000", "99999999999999999999",
            "1234567890123456789012345", "0.1234567890123456789012345e-300", "1.00000000000000011102230246251565404",
            "1.000000000000000111022302462515654042", "1.0000000000000002220446049250313080847263336181640625",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "2.225073858507201e-308",
            "4.9e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272e-324",
            "1e-323", "1e-320", "1e-310", "3e-310", "1e-342", "1e-343", "1e-400", "9999999999999999999e-343",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
            "1e308", "1e309", "0.001e311", "17976931348623157e292", "1e99999999999", "-1e99999999999",
            "0.000000000000000000000000000000000000000000001", "00000000000000000000000000001.5",
            "1.5000000000000000000000000000", "-0.5247147998094528", "-0.23808825580395804", "2.6276304291105963",
            "0.1", "0.2", "0.3", "0.30000000000000004", "3.141592653589793", "2.718281828459045", "1e-5", "123.456e-2",
            "8.98846567431158e307", "4.4501477170144023e-308", "2.9802322387695312e-8", "7.0e-10", "1e-22", "1e-23"};
        for (String c : cases) {
            assertSameAsJava(c);
        }
    }

    @Test
    void textThatIsNotADecimalIsNaN() {
        String[] cases = {"", "+", "-", ".", "+.", "-.e5", "e5", "1e", "1e+", "1e-", "1.5.3", "1e5.5", "--1", "+-1", "1-",
            " 1", "1 ", "1,5", "1_000", "NaN", "-NaN", "Infinity", "-Infinity", "0x1p3", "0x10", "1d", "1f", "1D", "1L",
            "\u0661", "1\u0000", "e", "E", ".e", "1ee5", "1e5e5", "١٢"};
        for (String c : cases) {
            assertThat(Numbers.isDecimal(c)).as(c).isFalse();
            assertThat(parse(c)).as(c).isNaN();
        }
    }

    @Property(tries = 3000, seed = "20251203")
    void anyFiniteDoubleAsJavaPrintsIt(@ForAll long bits) {
        double x = Double.longBitsToDouble(bits);
        if (!Double.isFinite(x)) {
            x = Double.longBitsToDouble(bits >>> 2);
        }
        assertSameAsJava(Double.toString(x));
        assertSameAsJava(new BigDecimal(x).round(MathContext.DECIMAL64).toString());   // 16 digits
    }

    @Property(tries = 3000, seed = "20251204")
    void pythonReprStyleSeventeenDigitNumbers(@ForAll long seed) {
        Random rng = new Random(seed);
        double x = rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
        assertSameAsJava(String.format(Locale.ROOT, "%.16e", x));   // 17 significant digits
        assertSameAsJava(String.format(Locale.ROOT, "%.17f", x));
        assertSameAsJava(Double.toString(x).replace("E", "e"));
    }

    @Property(tries = 5000, seed = "20251205")
    void randomDigitStringsWithRandomExponents(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int length) {
        Random rng = new Random(seed);
        StringBuilder s = new StringBuilder();
        if (rng.nextInt(3) == 0) {
            s.append(rng.nextBoolean() ? '-' : '+');
        }
        int point = rng.nextInt(length + 2) - 1;   // -1: no point
        for (int k = 0; k < length; k++) {
            if (k == point) {
                s.append('.');
            }
            s.append((char) ('0' + (rng.nextInt(4) == 0 ? 0 : rng.nextInt(10))));
        }
        if (point == length) {
            s.append('.');
        }
        if (rng.nextBoolean()) {
            s.append(rng.nextBoolean() ? 'e' : 'E').append(rng.nextInt(3) == 0 ? "-" : rng.nextBoolean() ? "+" : "")
                    .append(rng.nextInt(rng.nextBoolean() ? 30 : 700));
        }
        assertSameAsJava(s.toString());
    }

    /** Decimals within a hair of halfway between two neighbouring doubles, where rounding is hardest. */
    @Property(tries = 3000, seed = "20251206")
    void nearHalfwayBetweenTwoDoubles(@ForAll long bits, @ForAll @IntRange(min = 15, max = 19) int digits) {
        double x = Math.abs(Double.longBitsToDouble(bits));
        if (!Double.isFinite(x) || x == Double.MAX_VALUE) {
            x = Double.longBitsToDouble((bits >>> 2) & Long.MAX_VALUE);
        }
        BigDecimal half = new BigDecimal(x).add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.valueOf(2));
        assertSameAsJava(half.toString());   // the exact tie, usually many digits
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP, RoundingMode.HALF_EVEN}) {
            assertSameAsJava(half.round(new MathContext(digits, mode)).toString());
        }
    }

    /** Any text of number-like characters: a number exactly when isDecimal says so, then Java's value. */
    @Property(tries = 5000, seed = "20251207")
    void acceptsExactlyWhatIsDecimalAccepts(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int length) {
        Random rng = new Random(seed);
        String alphabet = "0123456789+-.eE x";
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < length; k++) {
            s.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        String text = s.toString();
        if (Numbers.isDecimal(text)) {
            assertSameAsJava(text);
        } else {
            assertThat(parse(text)).as(text).isNaN();
        }
    }
}
