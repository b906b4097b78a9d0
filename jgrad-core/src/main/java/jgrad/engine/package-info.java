/**
 * The scalar autograd engine: {@link jgrad.engine.Value}, one number in an expression graph that
 * knows how it was made and backpropagates through it, as in Karpathy's micrograd. The primitive
 * operations and their derivatives sit together in one small enum; everything else is composed.
 * {@link jgrad.engine.CompiledGraph} replays a graph of fixed shape from flat arrays, bit for bit
 * as rebuilding it would. {@link jgrad.engine.GradCheck} compares backpropagated gradients with
 * finite differences, and {@link jgrad.engine.AnomalyMode} turns the first NaN or infinity into an
 * exception that names the operation.
 */
package jgrad.engine;
