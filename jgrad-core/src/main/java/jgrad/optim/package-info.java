/**
 * Optimizers for both engines, as {@code torch.optim}: {@link jgrad.optim.SGD} (momentum, weight
 * decay), {@link jgrad.optim.Adam} and {@link jgrad.optim.AdamW}, written once over a flat
 * {@link jgrad.optim.ParameterGroup} of (value, gradient) pairs, and the
 * {@link jgrad.optim.LearningRateSchedule}s. Anything that implements
 * {@link jgrad.optim.Parameter} can be trained: the scalar engine's {@code Value} and the tensor
 * engine's {@code Tensor} both do. This package is a leaf: it depends on no other jgrad package.
 */
package jgrad.optim;
