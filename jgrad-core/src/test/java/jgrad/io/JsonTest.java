package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.5, 3e2, -0, 0.1, 12345678901234567890], \"b\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"} ");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("a", "b", "s");
        assertThat(asList(m.get("a"))).containsExactly(1L, -2.5, 300.0, -0.0, 0.1, 1.2345678901234567e19);
        assertThat(((Map<?, ?>) m.get("b")).get("t")).isEqualTo(true);
        assertThat(((Map<?, ?>) m.get("b")).containsKey("n")).isTrue();
        assertThat(m.get("s")).isEqualTo("q\"\\/\b\f\n\r\té\uD83D\uDE00");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    @Test
    void writesCompactAndPretty() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "moons \"demo\"\n");
        m.put("sizes", new int[] {16, 16, 1});
        m.put("w", List.of(new double[] {0.1, -2.0}, new double[] {1e-5}));
        m.put("empty", List.of());
        m.put("none", null);
        assertThat(Json.write(m)).isEqualTo(
                "{\"name\":\"moons \\\"demo\\\"\\n\",\"sizes\":[16,16,1],\"w\":[[0.1,-2.0],[1.0E-5]],\"empty\":[],\"none\":null}");
        assertThat(Json.writePretty(m)).isEqualTo("{\n"
                + "  \"name\": \"moons \\\"demo\\\"\\n\",\n"
                + "  \"sizes\": [16, 16, 1],\n"
                + "  \"w\": [\n"
                + "    [0.1, -2.0],\n"
                + "    [1.0E-5]\n"
                + "  ],\n"
                + "  \"empty\": [],\n"
                + "  \"none\": null\n"
                + "}\n");
        assertThat(Json.parse(Json.writePretty(m))).isEqualTo(Json.parse(Json.write(m)));
    }

    @Property(tries = 2000, seed = "20261126")
    void everyFiniteDoubleRoundTripsBitForBit(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (!Double.isFinite(d)) {
            return;
        }
        Object back = ((List<?>) Json.parse(Json.write(new double[] {d}))).get(0);
        assertThat(Double.doubleToRawLongBits(((Number) back).doubleValue())).isEqualTo(Double.doubleToRawLongBits(d));
    }

    @Test
    void awkwardDoublesRoundTrip() {
        double[] ds = {0.1, 1.0 / 3, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 2e-3, 1e23, 4.35, 0.8958441028683222,
            Math.nextUp(1.0), 9007199254740993.0, -Double.MIN_NORMAL};
        List<?> back = (List<?>) Json.parse(Json.writePretty(ds));
        for (int i = 0; i < ds.length; i++) {
            assertThat(Double.doubleToRawLongBits(((Number) back.get(i)).doubleValue()))
                    .as("%s", ds[i]).isEqualTo(Double.doubleToRawLongBits(ds[i]));
        }
    }

    @Test
    void rejectsWhatIsNotJsonWithLineAndColumn() {
        assertError("[1, 2,]", "1:7: unexpected ']': expected a value");
        assertError("{\"a\": 1,\n \"b\" 2}", "2:6: unexpected '2': expected ':' after the member name \"b\"");
        assertError("{\"a\": [1, 2", "1:12: unexpected end of input (the file may be truncated): expected ',' or ']' in an array");
        assertError("\"abc", "1:1: unterminated string (the file may be truncated)");
        assertError("[NaN]", "1:2: unexpected 'N': expected a value");
        assertError("[01]", "1:3: leading zero in a number");
        assertError("[1.]", "1:4: invalid number: expected a digit after '.'");
        assertError("{\"a\": 1, \"a\": 2}", "1:10: duplicate member name \"a\"");
        assertError("[1] x", "1:5: unexpected 'x' after the end of the JSON value");
        assertError("", "1:1: empty input: expected a JSON value");
        assertError("// c\n1", "1:1: unexpected '/': expected a value");
        assertError("[\"a\tb\"]", "1:4: unescaped control character U+0009 in a string");
        assertError("\"\\x\"", "1:2: invalid escape '\\x' in a string");
        assertError("[tru]", "1:2: unexpected 't': expected a value");
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("nesting deeper than 512");
        assertThat(Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH))).isInstanceOf(List.class);
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text, "t.json")).isInstanceOf(JsonException.class).hasMessage("t.json:" + message);
    }

    @Test
    void writerRefusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Map.of("w", new double[] {1, Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.w[1] is NaN");
        assertThatThrownBy(() -> Json.write(List.of(Double.POSITIVE_INFINITY))).hasMessageContaining("$[0] is Infinity");
        assertThatThrownBy(() -> Json.write(List.of(new Object()))).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).hasMessageContaining("key that is not a String");
        assertThat(Json.write(Arrays.asList("\u0001", true))).isEqualTo("[\"\\u0001\",true]");
    }
}
