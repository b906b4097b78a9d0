package jgrad.tensor;

/**
 * The comparisons {@code gt}, {@code lt}, {@code ge}, {@code le} and {@code eq}: broadcast, compare
 * in the promoted dtype, and return a bool mask that carries no gradient. Internal.
 */
final class Comparison {
    private Comparison() {
    }

    /** The test on one pair of elements. */
    interface Predicate {
        boolean test(double a, double b);
    }

    static Tensor compare(Tensor self, String op, Tensor other, Comparison.Predicate p) {
        Tensor[] ab;
        try (NoGrad scope = Tensor.noGrad()) {
            ab = Tensor.broadcast(op, self.detach(), other.detach());
        }
        Tensor a = ab[0].dense(), b = ab[1].dense(), out = new Tensor(a.shape, DType.BOOL);
        for (int i = 0; i < out.numel(); i++) {
            out.storage.set(i, p.test(a.storage.get(a.offset + i), b.storage.get(b.offset + i)) ? 1 : 0);
        }
        return out;
    }
}
