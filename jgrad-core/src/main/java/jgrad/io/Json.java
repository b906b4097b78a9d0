package jgrad.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer (RFC 8259) over plain Java values, with no dependencies.
 *
 * <p>JSON maps to Java as follows: an object is a {@code Map<String, Object>} that keeps the
 * member order (a {@link LinkedHashMap}), an array is a {@code List<Object>}, a string is a
 * {@code String}, {@code true}/{@code false} are {@code Boolean}s, {@code null} is {@code null}.
 * A number without fraction or exponent that fits in a {@code long} is read as a {@code Long}
 * (so byte offsets and counts stay exact); every other number is read as a {@code Double} with
 * {@link Double#parseDouble}, which rounds correctly. Doubles are written with
 * {@link Double#toString}, which prints enough digits to identify the double uniquely, so every
 * finite double survives a write and a read bit for bit.
 *
 * <pre>{@code
 * Object v = Json.parse("{\"lr\": 0.1, \"sizes\": [16, 16, 1]}");
 * Map<?, ?> m = (Map<?, ?>) v;            // {lr=0.1, sizes=[16, 16, 1]}
 * Json.write(m);                          // {"lr":0.1,"sizes":[16,16,1]}
 * Json.writePretty(m);                    // the same, indented, arrays of numbers on one line
 * }</pre>
 *
 * <p>The reader rejects everything outside the standard with a {@link JsonException} that gives
 * the line and column: trailing commas, comments, {@code NaN}, leading zeros, unescaped control
 * characters, duplicate keys, anything after the value, and nesting deeper than
 * {@value #MAX_DEPTH}. The writer accepts maps with string keys, lists, {@code double[]},
 * {@code int[]}, strings, numbers, booleans and null; it throws {@link IllegalArgumentException}
 * for NaN, infinities and any other type, so a broken number never reaches a file.
 */
public final class Json {
    /** The deepest nesting of arrays and objects the reader accepts. */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private final String source;
    private int pos;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    // ---------------------------------------------------------------- reading

    /** Parses one JSON value. @throws JsonException if {@code text} is not exactly one JSON value */
    public static Object parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses one JSON value; {@code source} (a file name, or null) starts every error message.
     *
     * @throws JsonException if {@code text} is not exactly one JSON value
     */
    public static Object parse(String text, String source) {
        Json p = new Json(text, source);
        p.skipWhitespace();
        if (p.pos == text.length()) {
            throw p.error("empty input: expected a JSON value");
        }
        Object value = p.readValue(0);
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the end of the JSON value");
        }
        return value;
    }

    private Object readValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos == text.length()) {
            throw error("unexpected end of input: expected a value (the file may be truncated)");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return readObject(depth);
            case '[': return readArray(depth);
            case '"': return readString();
            case 't': return readLiteral("true", Boolean.TRUE);
            case 'f': return readLiteral("false", Boolean.FALSE);
            case 'n': return readLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected " + describeHere() + ": expected a value");
        }
    }

    private Map<String, Object> readObject(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeHere() + ": expected a member name in double quotes");
            }
            int keyPos = pos;
            String key = readString();
            skipWhitespace();
            expect(':', "after the member name \"" + key + "\"");
            skipWhitespace();
            Object value = readValue(depth + 1);
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate member name \"" + key + "\"");
            }
            map.put(key, value);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return map;
            } else {
                throw error("unexpected " + describeHere() + ": expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> readArray(int depth) {
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new ArrayList<>();
        }
        // NOTE: an array of non-integral numbers (a model's weights) is kept as a double[] behind a
        // List view: 8 bytes a number instead of a boxed Double and a reference (about 24).
        double[] numbers = new double[8];
        int count = 0;
        List<Object> list = null;
        while (true) {
            skipWhitespace();
            Object v = readValue(depth + 1);
            if (list == null && v instanceof Double) {
                if (count == numbers.length) {
                    numbers = java.util.Arrays.copyOf(numbers, count + (count >> 1) + 8);
                }
                numbers[count++] = (Double) v;
            } else {
                if (list == null) {
                    list = new ArrayList<>(Math.max(10, count + 1));
                    for (int i = 0; i < count; i++) {
                        list.add(numbers[i]);
                    }
                    numbers = null;
                }
                list.add(v);
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return list != null ? list : new DoubleList(java.util.Arrays.copyOf(numbers, count));
            } else {
                throw error("unexpected " + describeHere() + ": expected ',' or ']' in an array");
            }
        }
    }

    /** A read-only list of Doubles over a double[]: what the reader gives for an array of non-integral numbers. */
    private static final class DoubleList extends java.util.AbstractList<Object> implements java.util.RandomAccess {
        private final double[] values;

        DoubleList(double[] values) {
            this.values = values;
        }

        @Override
        public Object get(int i) {
            return values[i];
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    private String readString() {
        int start = pos;
        pos++; // opening quote
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string (the file may be truncated)");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            } else if (c == '\\') {
                if (pos >= text.length()) {
                    continue; // reported as unterminated above
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"': s.append('"'); break;
                    case '\\': s.append('\\'); break;
                    case '/': s.append('/'); break;
                    case 'b': s.append('\b'); break;
                    case 'f': s.append('\f'); break;
                    case 'n': s.append('\n'); break;
                    case 'r': s.append('\r'); break;
                    case 't': s.append('\t'); break;
                    case 'u': s.append(readHex4()); break;
                    default:
                        pos -= 2;
                        throw error("invalid escape '\\" + e + "' in a string");
                }
            } else if (c < 0x20) {
                pos--;
                throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
            } else {
                s.append(c);
            }
        }
    }

    private char readHex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid \\u escape: expected four hex digits");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeHere() + ": expected a value");
        }
        pos += word.length();
        return value;
    }

    /** Checks the JSON number grammar, then lets the JDK convert, which rounds correctly. */
    private Object readNumber() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("invalid number: expected a digit after '-'");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number: expected a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number: expected a digit in the exponent");
            }
            skipDigits();
        }
        String literal = text.substring(start, pos);
        if (integral && !literal.equals("-0")) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through to a double
            }
        }
        return Double.parseDouble(literal);
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void expect(char c, String where) {
        if (peek() != c) {
            throw error("unexpected " + describeHere() + ": expected '" + c + "' " + where);
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "end of input (the file may be truncated)";
        }
        char c = text.charAt(pos);
        return c < 0x20 ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    private JsonException error(String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonException(source, line, column, message);
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code value} as compact JSON (no whitespace). @throws IllegalArgumentException as described above */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value, -1, "$");
        return out.toString();
    }

    /**
     * Writes {@code value} as indented JSON: two spaces per level, one member per line, and arrays
     * that hold only numbers, strings, booleans or nulls on a single line.
     *
     * @throws IllegalArgumentException as described above
     */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value, 0, "$");
        return out.append('\n').toString();
    }

    /** {@code indent < 0} means compact; {@code path} names the value in error messages. */
    private static void writeValue(StringBuilder out, Object value, int indent, String path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            writeString(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Json.write: " + path + " is " + d
                        + ", which JSON cannot represent; fix the value before saving");
            }
            out.append(Double.toString(d));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof double[]) {
            double[] a = (double[]) value;
            List<Object> boxed = new ArrayList<>(a.length);
            for (double d : a) {
                boxed.add(d);
            }
            writeValue(out, boxed, indent, path);
        } else if (value instanceof int[]) {
            int[] a = (int[]) value;
            List<Object> boxed = new ArrayList<>(a.length);
            for (int i : a) {
                boxed.add(i);
            }
            writeValue(out, boxed, indent, path);
        } else if (value instanceof Map) {
            writeObject(out, (Map<?, ?>) value, indent, path);
        } else if (value instanceof List) {
            writeArray(out, (List<?>) value, indent, path);
        } else {
            throw new IllegalArgumentException("Json.write: " + path + " is a "
                    + value.getClass().getName() + "; use Map, List, double[], int[], String, Number, Boolean or null");
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, int indent, String path) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        int inner = indent < 0 ? -1 : indent + 1;
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("Json.write: " + path + " has a key that is not a String: " + e.getKey());
            }
            String key = (String) e.getKey();
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, inner);
            writeString(out, key);
            out.append(indent < 0 ? ":" : ": ");
            writeValue(out, e.getValue(), inner, path + "." + key);
        }
        newline(out, indent);
        out.append('}');
    }

    private static void writeArray(StringBuilder out, List<?> list, int indent, String path) {
        boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List
                || v instanceof double[] || v instanceof int[]);
        int inner = indent < 0 || flat ? -1 : indent + 1;
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
                if (flat && indent >= 0) {
                    out.append(' ');
                }
            }
            newline(out, inner);
            writeValue(out, list.get(i), inner, path + "[" + i + "]");
        }
        if (!list.isEmpty()) {
            newline(out, inner < 0 ? -1 : indent);
        }
        out.append(']');
    }

    private static void newline(StringBuilder out, int indent) {
        if (indent >= 0) {
            out.append('\n');
            out.append("  ".repeat(indent));
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
