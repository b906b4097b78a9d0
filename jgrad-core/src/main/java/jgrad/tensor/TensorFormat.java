package jgrad.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch-style printing for {@link Tensor#toString()}: aligned columns, {@code 1.} for whole
 * numbers, four decimals or scientific notation otherwise, and "..." summaries past 1000 elements.
 * Internal.
 */
final class TensorFormat {
    static final int SUMMARY_THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        boolean summarize = t.numel() > SUMMARY_THRESHOLD;
        List<Double> shown = new ArrayList<>();
        collect(t, summarize, shown);
        Style style = t.dtype == DType.INT64 ? Style.INTEGER : t.dtype == DType.BOOL ? Style.BOOLEAN : style(shown);
        int width = 0;
        for (double v : shown) {
            width = Math.max(width, number(v, style).length());
        }
        StringBuilder s = new StringBuilder("tensor(");
        if (t.numel() == 0) {
            s.append("[]");
        } else {
            block(t, 0, 0, summarize, style, width, s);
        }
        if (summarize || t.numel() == 0) {
            s.append(", shape=").append(t.shape);
        }
        if (t.dtype != DType.FLOAT32) {
            s.append(", dtype=").append(t.dtype);
        }
        if (t.creator != null) {
            s.append(", grad_fn=<").append(t.creator.name()).append('>');
        } else if (t.requiresGrad()) {
            s.append(", requires_grad=true");
        }
        return s.append(')').toString();
    }

    private static void collect(Tensor t, boolean summarize, List<Double> out) {
        for (int i = 0; i < t.numel(); i++) {
            if (!summarize || visible(t.shape, i)) {
                out.add(t.getFlat(i));
            }
        }
    }

    /** Whether flat element i is printed in a summary: every coordinate near an edge. */
    private static boolean visible(Shape s, int flat) {
        for (int ax = s.rank() - 1; ax >= 0; ax--) {
            int n = s.at(ax), c = flat % n;
            flat /= n;
            if (n > 2 * EDGE_ITEMS && c >= EDGE_ITEMS && c < n - EDGE_ITEMS) {
                return false;
            }
        }
        return true;
    }

    private static void block(Tensor t, int axis, int offset, boolean summarize, Style style, int width,
                              StringBuilder s) {
        if (t.rank() == 0) {
            s.append(number(t.getFlat(0), style));
            return;
        }
        int n = t.shape.at(axis), stride = t.shape.strides()[axis];
        s.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                s.append(axis == t.rank() - 1 ? " ..., " : "...,\n" + indent(axis));
                i = n - EDGE_ITEMS;
            }
            if (axis == t.rank() - 1) {
                String num = number(t.getFlat(offset + i), style);
                s.append(" ".repeat(width - num.length())).append(num);
            } else {
                block(t, axis + 1, offset + i * stride, summarize, style, width, s);
            }
            if (i < n - 1) {
                s.append(axis == t.rank() - 1 ? ", " : ",\n" + "\n".repeat(t.rank() - axis - 2) + indent(axis));
            }
        }
        s.append(']');
    }

    private static String indent(int axis) {
        return " ".repeat("tensor(".length() + axis + 1);
    }

    /** How numbers print: {@code 1.} for whole numbers, {@code 1.0000e-05}, or {@code 1.5000}. */
    private enum Style { WHOLE, SCIENTIFIC, FIXED, INTEGER, BOOLEAN }

    /** WHOLE when every finite value is whole, else SCIENTIFIC for wide ranges, else FIXED. */
    private static Style style(List<Double> values) {
        boolean whole = true;
        double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            whole &= v == Math.rint(v) && Math.abs(v) < 1e16;
            double a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) {
                minAbs = Math.min(minAbs, a);
            }
        }
        if (whole) {
            return Style.WHOLE;
        }
        boolean sci = maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1000;
        return sci ? Style.SCIENTIFIC : Style.FIXED;
    }

    private static String number(double v, Style style) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        switch (style) {
            case INTEGER:
                return Long.toString((long) v);
            case BOOLEAN:
                return v != 0 ? "True" : "False";
            case WHOLE:
                return (long) v + ".";
            case SCIENTIFIC:
                return String.format(Locale.ROOT, "%.4e", v);
            default:
                return String.format(Locale.ROOT, "%.4f", v);
        }
    }
}
