package jgrad.tensor.kernel;

/**
 * Run in a child JVM by {@link KernelParametersTest}: prints whether SIMD is on and the results of
 * one call to each façade, so the parent can check that the kernels work without the Vector API.
 */
final class ScalarFallbackMain {
    private ScalarFallbackMain() {
    }

    public static void main(String[] args) {
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {7, 8, 9, 10, 11, 12};
        float[] c = new float[4];
        MatMul.mult(a, 0, b, 0, c, 0, 2, 3, 2);
        float[] p = new float[3];
        Reductions.softmaxRows(new float[] {1, 2, 3}, 0, 1, 3, p, 0);
        float[] r = new float[3];
        Elementwise.relu(new float[] {-1, 0, 2}, 0, r, 0, 3);
        boolean vectorClassLoaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        System.out.println("simd=" + KernelParameters.simd() + " module=" + vectorClassLoaded
                + " c=" + java.util.Arrays.toString(c) + " p0=" + p[0] + " relu=" + java.util.Arrays.toString(r));
    }
}
