/**
 * Losses, activations and softmax as functions of tensors, in the spirit of
 * {@code torch.nn.functional}: {@link jgrad.tensor.functional.Functional} composes the public
 * operations of {@link jgrad.tensor.Tensor}, so no derivative is written here. The engine
 * ({@code jgrad.tensor}) knows nothing of this package; modules ({@code jgrad.tensor.nn}) and
 * trainers call it.
 */
package jgrad.tensor.functional;
