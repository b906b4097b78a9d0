/**
 * Neural networks over tensors: {@link jgrad.tensor.nn.Linear} layers with seeded Kaiming or
 * Xavier initialisation, {@link jgrad.tensor.nn.Activation} modules,
 * {@link jgrad.tensor.nn.Sequential}, a tensor {@link jgrad.tensor.nn.MLP} that converts to and from
 * the scalar {@code jgrad.nn.MLP}, and {@link jgrad.tensor.nn.TensorTrainer}, the training loop of
 * {@code jgrad.nn.Trainer} for tensor models. Parameters are named as PyTorch's
 * {@code state_dict}, so models move to and from PyTorch through {@code jgrad.io.SafeTensors}; the
 * optimizers of {@code jgrad.nn} update them through {@code jgrad.optim.ParameterGroup}.
 */
package jgrad.tensor.nn;
