package jgrad.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jgrad.engine.Value;

/**
 * A typed expression for {@code jgrad graph --expr}, built into a {@link Value} graph: assignments
 * separated by {@code ;}, the last one the output, as in
 * {@code "a = 2; b = -3; c = 10; f = -2; L = (a*b + c) * f"}.
 *
 * <p>Grammar, with Python's precedence: {@code + -} below {@code * /} below unary {@code -} below
 * {@code **} (right-associative); numbers, names assigned before, parentheses, and the functions
 * {@code tanh exp log relu sigmoid}. Every assignment labels its node with its name; a bare
 * expression without {@code =} is allowed as the last part. Mistakes throw an
 * {@link IllegalArgumentException} that quotes the text and points at the place.
 */
final class Expression {
    private final String text;
    private int pos;
    private final Map<String, Value> names = new LinkedHashMap<>();

    private Expression(String text) {
        this.text = text;
    }

    /** The output of {@code text}: the value of its last assignment or expression. */
    static Value parse(String text) {
        Expression e = new Expression(text);
        Value last = null;
        for (String part : text.split(";", -1)) {
            if (part.isBlank()) {
                continue;
            }
            last = e.statement(part);
        }
        if (last == null) {
            throw new IllegalArgumentException("--expr: nothing to draw in '" + text
                    + "'; write e.g. \"a = 2; b = -3; L = a*b + 1\"");
        }
        return last;
    }

    private String part;

    private Value statement(String s) {
        part = s;
        pos = 0;
        int eq = s.indexOf('=');
        String name = null;
        if (eq >= 0) {
            name = s.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z_0-9.]*")) {
                throw error("'" + name + "' is not a name to assign to", 0);
            }
            pos = eq + 1;
        }
        Value v = sum();
        skip();
        if (pos < part.length()) {
            throw error("unexpected '" + part.charAt(pos) + "'", pos);
        }
        if (name != null) {
            if (names.containsValue(v)) {
                v = v.add(0);   // "x = y": a node of its own, so that both names show
            }
            v.label(name);
            names.put(name, v);
        }
        return v;
    }

    private Value sum() {
        Value v = product();
        while (true) {
            skip();
            if (eat('+')) {
                v = v.add(product());
            } else if (eat('-')) {
                v = v.sub(product());
            } else {
                return v;
            }
        }
    }

    private Value product() {
        Value v = unary();
        while (true) {
            skip();
            if (part.startsWith("**", pos)) {
                return v;   // handled by power()
            }
            if (eat('*')) {
                v = v.mul(unary());
            } else if (eat('/')) {
                v = v.div(unary());
            } else {
                return v;
            }
        }
    }

    private Value unary() {
        skip();
        if (eat('-')) {
            skip();
            if (pos < part.length() && (Character.isDigit(part.charAt(pos)) || part.charAt(pos) == '.')) {
                Value number = power();
                // -3 is the constant -3, as Python reads it, unless a power follows (-2**2 = -(2**2))
                return number.isLeaf() ? Value.of(-number.data()) : number.neg();
            }
            return unary().neg();
        }
        if (eat('+')) {
            return unary();
        }
        return power();
    }

    private Value power() {
        Value base = atom();
        skip();
        if (part.startsWith("**", pos)) {
            pos += 2;
            skip();
            Value exponent = unary();
            // a constant exponent, as micrograd's Value.__pow__ takes it
            if (exponent.isLeaf() && exponent.label().isEmpty()) {
                return base.pow(exponent.data());
            }
            return base.pow(exponent);
        }
        return base;
    }

    private Value atom() {
        skip();
        int start = pos;
        if (eat('(')) {
            Value v = sum();
            skip();
            if (!eat(')')) {
                throw error("missing ')'", pos);
            }
            return v;
        }
        if (pos < part.length() && (Character.isDigit(part.charAt(pos)) || part.charAt(pos) == '.')) {
            while (pos < part.length() && (Character.isDigit(part.charAt(pos)) || ".eE".indexOf(part.charAt(pos)) >= 0
                    || (pos > start && "+-".indexOf(part.charAt(pos)) >= 0 && "eE".indexOf(part.charAt(pos - 1)) >= 0))) {
                pos++;
            }
            try {
                return Value.of(Double.parseDouble(part.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw error("'" + part.substring(start, pos) + "' is not a number", start);
            }
        }
        if (pos < part.length() && (Character.isLetter(part.charAt(pos)) || part.charAt(pos) == '_')) {
            while (pos < part.length() && (Character.isLetterOrDigit(part.charAt(pos)) || part.charAt(pos) == '_'
                    || part.charAt(pos) == '.')) {
                pos++;
            }
            String word = part.substring(start, pos);
            skip();
            if (pos < part.length() && part.charAt(pos) == '(') {
                pos++;
                Value arg = sum();
                skip();
                if (!eat(')')) {
                    throw error("missing ')' after " + word + "(...", pos);
                }
                return switch (word.toLowerCase(Locale.ROOT)) {
                    case "tanh" -> arg.tanh();
                    case "exp" -> arg.exp();
                    case "log" -> arg.log();
                    case "relu" -> arg.relu();
                    case "sigmoid" -> arg.sigmoid();
                    default -> throw error("unknown function '" + word + "'; there are tanh, exp, log, relu, sigmoid", start);
                };
            }
            Value v = names.get(word);
            if (v == null) {
                throw error("'" + word + "' is not assigned before; assign it first, e.g. \"" + word + " = 2; ...\"", start);
            }
            return v;
        }
        throw error(pos < part.length() ? "unexpected '" + part.charAt(pos) + "'" : "the expression ends too early", pos);
    }

    private void skip() {
        while (pos < part.length() && Character.isWhitespace(part.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        if (pos < part.length() && part.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String what, int at) {
        return new Main.UsageException("--expr: " + what + " in '" + part.strip() + "' (at character "
                + (at + 1 - (part.length() - part.stripLeading().length())) + ")");
    }
}
