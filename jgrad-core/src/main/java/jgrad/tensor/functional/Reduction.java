package jgrad.tensor.functional;

/**
 * How a loss combines its per-element terms, as PyTorch's {@code reduction=} argument.
 *
 * <pre>{@code
 * Functional.mse(pred, target, Reduction.SUM);   // torch.nn.functional.mse_loss(..., reduction='sum')
 * }</pre>
 */
public enum Reduction {
    /** The mean of the terms: PyTorch's default, {@code 'mean'}. */
    MEAN,
    /** The sum of the terms, {@code 'sum'}. */
    SUM,
    /** The terms themselves, unreduced, {@code 'none'}. */
    NONE
}
