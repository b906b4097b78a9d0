package jgrad.playground;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.engine.Value;

/**
 * Parses the playground's small expression language into a {@link Value} graph, built with jgrad's
 * own operations so that every number the page shows is jgrad's.
 *
 * <p>A program is statements separated by new lines or {@code ;}. {@code name = NUMBER} (or
 * {@code name = Value(NUMBER)}, as micrograd writes it) makes a leaf, a variable; {@code name = expr}
 * and {@code name += expr} build nodes and label them with the name. The last statement's node is
 * the output. Expressions have {@code + - * / **}, unary minus, parentheses, numbers (constants
 * become unlabelled leaves, as in micrograd), and the functions {@code tanh exp relu log sigmoid},
 * written {@code tanh(x)} or {@code x.tanh()}. {@code #} starts a comment; {@code −} (U+2212) is a
 * minus.
 *
 * <pre>{@code
 * ExpressionParser.Program p = ExpressionParser.parse("a = 2; b = -3; c = 10; f = -2\nL = (a*b + c) * f");
 * p.output().data();   // -8.0
 * }</pre>
 *
 * <p>Errors are {@link ParseException}s that give the line and column and say what was expected.
 */
public final class ExpressionParser {
    /** The longest program accepted, in characters. */
    public static final int MAX_LENGTH = 8000;
    /** The most nodes a program may build. */
    public static final int MAX_NODES = 2000;
    /** The functions the language knows. */
    public static final List<String> FUNCTIONS = List.of("tanh", "exp", "relu", "log", "sigmoid");

    /** A parse error at a line and column (both from 1). */
    public static final class ParseException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        ParseException(String message, int line, int column) {
            super("expression: " + message + " at line " + line + ", column " + column);
            this.line = line;
            this.column = column;
        }

        /** The line of the error, from 1. */
        public int line() {
            return line;
        }

        /** The column of the error, from 1. */
        public int column() {
            return column;
        }
    }

    /** A parsed program: its output, its variables in order, and the constant exponents of its powers. */
    public static final class Program {
        private final Value output;
        private final Map<String, Value> variables;
        private final Map<Value, Double> exponents;

        Program(Value output, Map<String, Value> variables, Map<Value, Double> exponents) {
            this.output = output;
            this.variables = variables;
            this.exponents = exponents;
        }

        /** The node of the last statement. */
        public Value output() {
            return output;
        }

        /** The variables (leaves defined by {@code name = NUMBER}), in the order they were defined. */
        public Map<String, Value> variables() {
            return variables;
        }

        /** The constant exponent of a {@code x ** k} node, or null for any other node. */
        public Double exponent(Value node) {
            return exponents.get(node);
        }
    }

    private final String src;
    private int pos;
    private int nodes;
    private final Map<String, Value> names = new LinkedHashMap<>();
    private final Map<String, Value> variables = new LinkedHashMap<>();
    private final Map<Value, Double> exponents = new IdentityHashMap<>();

    private ExpressionParser(String src) {
        this.src = src;
    }

    /**
     * Parses {@code source}; {@code overrides} (may be empty) replace the values of variables of
     * the same name, as the page's nudge and step do.
     *
     * @throws ParseException if the program does not parse, uses an unknown name or function, or is too big
     * @throws IllegalArgumentException if an override names no variable of the program
     */
    public static Program parse(String source, Map<String, Double> overrides) {
        if (source == null || source.isBlank()) {
            throw new ParseException("the program is empty; write for example 'a = 2; b = -3; L = a*b'", 1, 1);
        }
        if (source.length() > MAX_LENGTH) {
            throw new ParseException("the program has " + source.length() + " characters, more than the "
                    + MAX_LENGTH + " allowed; shorten it", 1, 1);
        }
        ExpressionParser p = new ExpressionParser(source.replace('\u2212', '-').replace('\u00b7', '*'));
        Value out = p.program(overrides == null ? Map.of() : overrides);
        if (overrides != null) {
            for (String name : overrides.keySet()) {
                if (!p.variables.containsKey(name)) {
                    throw new IllegalArgumentException("expression: the value given for '" + name
                            + "' names no variable of the program; variables: " + p.variables.keySet());
                }
            }
        }
        return new Program(out, p.variables, p.exponents);
    }

    /** {@link #parse(String, Map)} without overrides. */
    public static Program parse(String source) {
        return parse(source, Map.of());
    }

    private Value program(Map<String, Double> overrides) {
        Value last = null;
        skipBlank(true);
        while (pos < src.length()) {
            last = statement(overrides);
            skipBlank(false);
            if (pos < src.length()) {
                char c = src.charAt(pos);
                if (c != '\n' && c != ';') {
                    throw error("expected the end of the statement (a new line or ';'), found '" + c + "'");
                }
            }
            skipBlank(true);
        }
        if (last == null) {
            throw new ParseException("the program has no statement; write for example 'L = a*b'", 1, 1);
        }
        return last;
    }

    private Value statement(Map<String, Double> overrides) {
        int start = pos;
        String name = identifier();
        if (name == null) {
            throw error("expected a statement 'name = expression'");
        }
        skipBlank(false);
        boolean plus = false;
        if (src.startsWith("+=", pos)) {
            plus = true;
            pos += 2;
        } else if (pos < src.length() && src.charAt(pos) == '=') {
            pos++;
        } else {
            pos = start;
            throw error("expected '=' or '+=' after '" + name + "'");
        }
        if (FUNCTIONS.contains(name)) {
            pos = start;
            throw error("'" + name + "' is a function and cannot be assigned; choose another name");
        }
        skipBlank(false);
        Double constant = plus ? null : leafValue();
        Value v;
        if (constant != null) {
            if (variables.containsKey(name)) {
                pos = start;
                throw error("the variable '" + name + "' is defined twice");
            }
            double value = overrides.containsKey(name) ? overrides.get(name) : constant;
            v = count(Value.of(value, name));
            variables.put(name, v);
        } else {
            Value rhs = expression();
            if (plus) {
                Value old = names.get(name);
                if (old == null) {
                    pos = start;
                    throw error("'" + name + " += ...' needs '" + name + "' to be defined first");
                }
                rhs = count(old.add(rhs));
            }
            // 'y = x' gets its own node (x * 1) so that it can carry its own label
            v = rhs.isLeaf() || names.containsValue(rhs) ? count(rhs.mul(1.0)) : rhs;
            v.label(name);
        }
        names.put(name, v);
        return v;
    }

    /** A number literal (optionally signed, or as Value(number)) that is the whole right-hand side; else null. */
    private Double leafValue() {
        int save = pos;
        boolean wrapped = false;
        if (src.startsWith("Value(", pos)) {
            wrapped = true;
            pos += 6;
            skipBlank(false);
        }
        double sign = 1;
        if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
            sign = src.charAt(pos) == '-' ? -1 : 1;
            pos++;
            skipBlank(false);
        }
        Double n = number();
        if (n != null && wrapped) {
            skipBlank(false);
            if (pos < src.length() && src.charAt(pos) == ')') {
                pos++;
            } else {
                n = null;
            }
        }
        skipBlank(false);
        if (n != null && (pos >= src.length() || src.charAt(pos) == '\n' || src.charAt(pos) == ';' || src.charAt(pos) == '#')) {
            return sign * n;
        }
        pos = save;
        return null;
    }

    private Value expression() {
        Value v = term();
        while (true) {
            skipBlank(false);
            if (peek('+') && !src.startsWith("+=", pos)) {
                pos++;
                v = count(v.add(term()));
            } else if (peek('-')) {
                pos++;
                v = count(v.sub(term()));
            } else {
                return v;
            }
        }
    }

    private Value term() {
        Value v = unary();
        while (true) {
            skipBlank(false);
            if (peek('*') && !src.startsWith("**", pos)) {
                pos++;
                v = count(v.mul(unary()));
            } else if (peek('/')) {
                pos++;
                v = count(v.div(unary()));
            } else {
                return v;
            }
        }
    }

    private Value unary() {
        skipBlank(false);
        if (peek('-')) {
            pos++;
            return count(unary().neg());
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return power();
    }

    /** {@code base ** exponent}, right-associative, binding tighter than unary minus on its left. */
    private Value power() {
        Value base = postfix();
        skipBlank(false);
        if (src.startsWith("**", pos)) {
            pos += 2;
            skipBlank(false);
            int save = pos;
            double sign = 1;
            if (peek('-')) {
                sign = -1;
                pos++;
                skipBlank(false);
            }
            Double k = number();
            if (k != null) {
                skipBlank(false);
                if (!src.startsWith("**", pos) && !peek('.') && !peek('(')) {
                    Value out = count(base.pow(sign * k));
                    exponents.put(out, sign * k);
                    return out;
                }
            }
            pos = save;
            Value exponent = unary();
            return count(base.pow(exponent));
        }
        return base;
    }

    private Value postfix() {
        Value v = primary();
        while (true) {
            skipBlank(false);
            if (peek('.') && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))) {
                pos++;
                int at = pos;
                String f = identifier();
                skipBlank(false);
                if (!peek('(')) {
                    throw error("expected '()' after '." + f + "'");
                }
                pos++;
                skipBlank(false);
                if (!peek(')')) {
                    throw error("'." + f + "()' takes no argument");
                }
                pos++;
                v = apply(f, v, at);
            } else {
                return v;
            }
        }
    }

    private Value primary() {
        skipBlank(false);
        if (pos >= src.length() || src.charAt(pos) == '\n' || src.charAt(pos) == ';') {
            throw error("expected a number, a name or '(' but the statement ended");
        }
        if (peek('(')) {
            pos++;
            Value v = expression();
            skipBlank(false);
            if (!peek(')')) {
                throw error("expected ')'");
            }
            pos++;
            return v;
        }
        int at = pos;
        Double n = number();
        if (n != null) {
            return count(Value.of(n));
        }
        String name = identifier();
        if (name == null) {
            throw error("expected a number, a name or '(', found '" + src.charAt(pos) + "'");
        }
        skipBlank(false);
        if (name.equals("Value") && peek('(')) {
            pos++;
            Value v = expression();
            skipBlank(false);
            if (!peek(')')) {
                throw error("expected ')'");
            }
            pos++;
            return v;
        }
        if (peek('(')) {
            pos++;
            Value arg = expression();
            skipBlank(false);
            if (!peek(')')) {
                throw error("expected ')' to close " + name + "(");
            }
            pos++;
            return apply(name, arg, at);
        }
        Value v = names.get(name);
        if (v == null) {
            pos = at;
            throw error("unknown name '" + name + "'; define it first, e.g. '" + name + " = 1.0'"
                    + (names.isEmpty() ? "" : " (defined: " + String.join(", ", names.keySet()) + ")"));
        }
        return v;
    }

    private Value apply(String f, Value x, int at) {
        switch (f) {
            case "tanh": return count(x.tanh());
            case "exp": return count(x.exp());
            case "relu": return count(x.relu());
            case "log": return count(x.log());
            case "sigmoid": return count(x.sigmoid());
            default:
                pos = at;
                throw error("unknown function '" + f + "'; use one of " + String.join(", ", FUNCTIONS));
        }
    }

    private Value count(Value v) {
        // a new node costs one, and composite ops (sub, div, neg) make up to two more
        nodes++;
        if (nodes > MAX_NODES) {
            throw error("the program builds more than " + MAX_NODES + " nodes; make it smaller");
        }
        return v;
    }

    private Double number() {
        int start = pos;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            if (src.charAt(pos) == '.' && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))) {
                break;   // "2.tanh()" is not a number followed by garbage, but a method call on 2
            }
            pos++;
        }
        if (pos < src.length() && pos > start && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                pos = save;
            }
        }
        if (pos == start) {
            return null;
        }
        String text = src.substring(start, pos);
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                pos = start;
                throw error("the number '" + text + "' is too large");
            }
            return d;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + text + "' is not a number");
        }
    }

    private String identifier() {
        int start = pos;
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return src.substring(start, pos);
        }
        return null;
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    /** Skips spaces and comments, and new lines and ';' too when {@code newlines}. */
    private void skipBlank(boolean newlines) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || newlines && (c == '\n' || c == ';')) {
                pos++;
            } else {
                return;
            }
        }
    }

    private ParseException error(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, src.length()); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ParseException(message, line, pos - lineStart + 1);
    }

    /** The presets of the page: the lecture's examples and micrograd's README expression. */
    public static Map<String, String> presets() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lecture", "# the lecture's first expression\na = 2.0\nb = -3.0\nc = 10.0\nf = -2.0\ne = a*b\nd = e + c\nL = d * f");
        p.put("neuron", "# the lecture's neuron: o = tanh(x1*w1 + x2*w2 + b)\nx1 = 2.0\nx2 = 0.0\nw1 = -3.0\nw2 = 1.0\n"
                + "b = 6.8813735870195432\nx1w1 = x1*w1\nx2w2 = x2*w2\nx1w1x2w2 = x1w1 + x2w2\nn = x1w1x2w2 + b\no = tanh(n)");
        p.put("neuron-exp", "# the same neuron with tanh written out: (e^2n - 1) / (e^2n + 1)\nx1 = 2.0\nx2 = 0.0\nw1 = -3.0\n"
                + "w2 = 1.0\nb = 6.8813735870195432\nn = x1*w1 + x2*w2 + b\ne = exp(2*n)\no = (e - 1) / (e + 1)");
        p.put("reuse", "# a value used twice: its gradient accumulates\na = 3.0\nb = a + a");
        p.put("reuse2", "# the lecture's bug case: a used in two places\na = -2.0\nb = 3.0\nd = a * b\ne = a + b\nf = d * e");
        p.put("readme", "# micrograd's README expression\na = -4.0\nb = 2.0\nc = a + b\nd = a * b + b**3\nc += c + 1\n"
                + "c += 1 + c + (-a)\nd += d * 2 + (b + a).relu()\nd += 3 * d + (b - a).relu()\ne = c - d\nf = e**2\n"
                + "g = f / 2.0\ng += 10.0 / f");
        return p;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ExpressionParser(at %d of %d)", pos, src.length());
    }
}
