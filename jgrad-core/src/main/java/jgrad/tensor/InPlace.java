package jgrad.tensor;

/**
 * The in-place writes behind {@link Tensor#fillInPlace}, {@link Tensor#addInPlace},
 * {@link Tensor#mulInPlace}, {@link Tensor#addScaledInPlace} and {@link Tensor#copyFrom}: each
 * writes through the view (strides and offset), records nothing, and bumps the storage's version
 * so that a backward pass that saved the old values refuses to run. Internal.
 */
final class InPlace {
    private InPlace() {
    }

    static Tensor add(Tensor self, Tensor other) {
        check(self, "addInPlace", other);
        Tensor o = other.cast(self.dtype).expandTo(self.shape);
        self.storage.version++;
        for (int i = 0; i < self.numel(); i++) {
            int p = self.position(i);
            self.storage.set(p, self.storage.get(p) + o.getFlat(i));
        }
        return self;
    }

    static Tensor mul(Tensor self, double factor) {
        if (!self.dtype.isFloatingPoint() && factor != Math.rint(factor)) {
            throw new IllegalArgumentException("mulInPlace: the result of multiplying a " + self.dtype + " tensor by "
                    + factor + " is a float, which cannot be stored in place; cast(DType.FLOAT32) first");
        }
        self.storage.version++;
        for (int i = 0; i < self.numel(); i++) {
            int p = self.position(i);
            self.storage.set(p, self.storage.get(p) * factor);
        }
        return self;
    }

    static Tensor fill(Tensor self, double value) {
        self.storage.version++;
        for (int i = 0; i < self.numel(); i++) {
            self.setFlat(i, value);
        }
        return self;
    }

    static Tensor addScaled(Tensor self, double alpha, Tensor other) {
        if (!self.isLeaf()) {
            throw new IllegalArgumentException("addScaledInPlace: this " + self.shape + " tensor was made by an operation;"
                    + " update the leaf it came from (a parameter), not a view or a result");
        }
        if (!other.shape.equals(self.shape) || other.dtype != self.dtype) {
            throw new IllegalArgumentException("addScaledInPlace: other is " + other.shape + " " + other.dtype
                    + " but this tensor is " + self.shape + " " + self.dtype + "; cast or reshape it first");
        }
        self.storage.version++;
        if (self.contiguous) {
            Loops.axpy(alpha, other, self);
        } else {
            for (int i = 0; i < self.numel(); i++) {
                self.setFlat(i, self.getFlat(i) + alpha * other.getFlat(i));
            }
        }
        return self;
    }

    static Tensor copyFrom(Tensor self, Tensor src) {
        if (!src.shape.equals(self.shape)) {
            throw new IllegalArgumentException("copyFrom: source shape " + src.shape + " differs from " + self.shape);
        }
        self.storage.version++;
        if (src.dtype == self.dtype && self.contiguous) {
            Loops.copy(src, 0, self, 0, self.numel());
        } else {
            for (int i = 0; i < self.numel(); i++) {
                self.setFlat(i, src.getFlat(i));
            }
        }
        return self;
    }

    static void check(Tensor self, String op, Tensor other) {
        if (DType.promote(self.dtype, other.dtype) != self.dtype) {
            throw new IllegalArgumentException(op + ": dtype mismatch: the result of " + self.dtype + " and " + other.dtype
                    + " is " + DType.promote(self.dtype, other.dtype) + ", which cannot be stored in this " + self.dtype
                    + " tensor; cast the other operand to " + self.dtype + " or make this tensor wider");
        }
        Shape s = Shape.broadcast(self.shape, other.shape, op);
        if (!s.equals(self.shape)) {
            throw new IllegalArgumentException(op + ": other " + other.shape + " does not broadcast to this tensor's "
                    + self.shape + " (an in-place result keeps this shape)");
        }
    }
}
