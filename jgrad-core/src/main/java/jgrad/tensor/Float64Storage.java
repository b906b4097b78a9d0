package jgrad.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import jgrad.tensor.kernel.Elementwise;
import jgrad.tensor.kernel.MatMul;
import jgrad.tensor.kernel.Reductions;

/**
 * float64 elements in a {@code double[]}: the same kernels as float32 in their {@code double[]}
 * forms ({@code DoubleVector}, half the lanes, when SIMD is on), for when precision matters more
 * than speed.
 */
final class Float64Storage extends Storage {
    final double[] a;

    Float64Storage(double[] a) {
        this.a = a;
    }

    @Override DType dtype() {
        return DType.FLOAT64;
    }

    @Override int length() {
        return a.length;
    }

    @Override double get(int i) {
        return a[i];
    }

    @Override void set(int i, double v) {
        a[i] = v;
    }

    @Override void map(Storage x, int xo, int oo, int n, DoubleUnaryOperator fn) {
        double[] xd = ((Float64Storage) x).a;
        for (int i = 0; i < n; i++) {
            a[oo + i] = fn.applyAsDouble(xd[xo + i]);
        }
    }

    @Override void zip(Storage x, int xo, Storage y, int yo, int oo, int n, DoubleBinaryOperator fn) {
        double[] xd = ((Float64Storage) x).a, yd = ((Float64Storage) y).a;
        for (int i = 0; i < n; i++) {
            a[oo + i] = fn.applyAsDouble(xd[xo + i], yd[yo + i]);
        }
    }

    @Override void add(Storage x, int xo, Storage y, int yo, int oo, int n) {
        Elementwise.add(((Float64Storage) x).a, xo, ((Float64Storage) y).a, yo, a, oo, n);
    }

    @Override void mul(Storage x, int xo, Storage y, int yo, int oo, int n) {
        Elementwise.mul(((Float64Storage) x).a, xo, ((Float64Storage) y).a, yo, a, oo, n);
    }

    @Override void axpy(double alpha, Storage x, int xo, int yo, int n) {
        Elementwise.axpy(alpha, ((Float64Storage) x).a, xo, a, yo, n);
    }

    @Override void copy(Storage src, int pos, int dst, int len) {
        System.arraycopy(((Float64Storage) src).a, pos, a, dst, len);
    }

    @Override void addInto(Storage src, int pos, int dst, int len) {
        Elementwise.add(a, dst, ((Float64Storage) src).a, pos, a, dst, len);
    }

    @Override void copyRow(Storage src, int pos, int stride, int dst, int len) {
        double[] s = ((Float64Storage) src).a;
        for (int j = 0; j < len; j++) {
            a[dst + j] = s[pos + j * stride];
        }
    }

    @Override void fill(int from, int to, double v) {
        Arrays.fill(a, from, to, v);
    }

    @Override void reduceRows(Storage src, int so, int rows, int len, int oo, Loops.Reduce kind) {
        if (kind == Loops.Reduce.SUM) {
            Reductions.sumRows(((Float64Storage) src).a, so, rows, len, a, oo);
        } else if (len > 0) {
            Reductions.maxRows(((Float64Storage) src).a, so, rows, len, a, oo);
        } else {
            super.reduceRows(src, so, rows, len, oo, kind);
        }
    }

    @Override void matmul(boolean transA, boolean transB, Storage x, int xo, Storage y, int yo, int co,
                          int n, int k, int m) {
        MatMul.matmul(transA, transB, ((Float64Storage) x).a, xo, ((Float64Storage) y).a, yo, a, co, n, k, m, true);
    }

    @Override void sumColumns(Storage x, int xo, int rows, int cols, int oo) {
        Reductions.sumColumns(((Float64Storage) x).a, xo, rows, cols, a, oo, false);
    }

    @Override void read(int from, double[] values, int off, int n) {
        System.arraycopy(a, from, values, off, n);
    }

    @Override void write(int from, double[] values, int off, int n) {
        System.arraycopy(values, off, a, from, n);
    }
}
