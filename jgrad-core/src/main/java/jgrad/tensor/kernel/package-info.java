/**
 * Internal: the fast loops under the tensor engine, as static methods over primitive arrays with
 * offsets, row-major and contiguous. {@link jgrad.tensor.kernel.MatMul},
 * {@link jgrad.tensor.kernel.Elementwise} and {@link jgrad.tensor.kernel.Reductions} are façades
 * that dispatch once per call either to a Java Vector API ({@code jdk.incubator.vector})
 * implementation or to its plain scalar twin ({@code Scalar*}), which is both the fallback and
 * the test oracle. The Vector API classes are loaded only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and {@code -Djgrad.simd=false} is not set, so the
 * library runs unchanged without the flag. Sizes, thresholds and the thread count live in
 * {@link jgrad.tensor.kernel.KernelParameters}. Callers validate shapes; kernels do not check.
 */
package jgrad.tensor.kernel;
