package jgrad.tensor.kernel;

/**
 * Decides, once, whether the Vector API kernels may be used. The check on the module comes before
 * any Vector API class is touched, so a JVM without {@code --add-modules jdk.incubator.vector}
 * never loads one (Lucene's {@code VectorizationProvider} does the same).
 */
final class VectorSupport {
    private VectorSupport() {
    }

    /**
     * @param property      the value of {@code jgrad.simd}, or null when unset
     * @param modulePresent whether {@code jdk.incubator.vector} is in the boot layer
     */
    static boolean decide(String property, boolean modulePresent) {
        if (property != null && !property.equalsIgnoreCase("true") && !property.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("system property jgrad.simd must be true or false, got '"
                    + property + "'; use -Djgrad.simd=false to force the scalar kernels");
        }
        if ("false".equalsIgnoreCase(property) || !modulePresent) {
            return false;
        }
        // NOTE: only now may a Vector API class load. Fewer than 4 float lanes (no SSE/NEON
        // worth the name, or C2 disabled) would be slower than the auto-vectorized scalar loops.
        return SimdElementwise.LANES >= 4;
    }
}
