/**
 * The tensor engine: {@link jgrad.tensor.Tensor}, a dense row-major float32/float64 array with
 * micrograd's autograd design. A small set of primitive operations (package-private classes, each
 * with its forward formula above its backward) carry hand-written derivatives; everything else
 * ({@code sub}, {@code div}, {@code mean}, {@code softmax}, the losses) is composed from them.
 * Broadcasting is an explicit {@code expand} whose backward sums the gradient back, so binary
 * kernels only see equal shapes. All bulk loops go through one internal class, the seam for the
 * kernels of {@code jgrad.tensor.kernel}. {@link jgrad.tensor.TensorGradCheck} checks gradients by
 * finite differences; {@link jgrad.optim.ParameterGroup} lets the optimizers of
 * {@code jgrad.nn} update tensors.
 */
package jgrad.tensor;
