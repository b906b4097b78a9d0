package jgrad.optim;

/**
 * Something an {@link Optimizer} can update: a block of scalars with their gradients. The scalar
 * engine's {@code Value} is a parameter of one scalar; a leaf tensor is a parameter of
 * {@code numel()} scalars in row-major order. Optimizers therefore take a model's
 * {@code parameters()} list directly, whatever the engine, as {@code torch.optim} takes tensors:
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(scalarModel.parameters(), 0.1);    // List<Value>
 * Optimizer adam = new Adam(tensorModel.parameters(), 0.01); // List<Tensor>
 * }</pre>
 *
 * <p>The methods below are the optimizers' side of the contract; a learner never needs to call
 * them.
 */
public interface Parameter {
    /** How many scalars this parameter holds: 1 for a {@code Value}, the element count for a tensor. */
    int scalarCount();

    /**
     * Copies the values into {@code values[offset, offset + scalarCount())} and the gradients into
     * {@code grads} at the same places; a gradient that was never computed reads as 0.
     */
    void readScalars(double[] values, double[] grads, int offset);

    /** Sets the values from {@code values[offset, offset + scalarCount())}, unrecorded. */
    void writeScalars(double[] values, int offset);

    /** Sets the gradient to 0. */
    void zeroGrad();

    /**
     * Throws if this object cannot be trained (a tensor made by an operation, or one that does not
     * require a gradient); {@code index} is its place in the parameter list, for the message.
     *
     * @throws IllegalArgumentException if it cannot be a parameter
     */
    default void checkTrainable(int index) {
    }
}
