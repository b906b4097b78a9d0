/**
 * Neural networks on the scalar engine, as in micrograd's {@code nn.py}: {@link jgrad.nn.Neuron},
 * {@link jgrad.nn.Layer} and {@link jgrad.nn.MLP} with a choice of {@link jgrad.nn.Activation} and
 * {@link jgrad.nn.Init}; loss functions composed from {@code Value} operations in
 * {@link jgrad.nn.Losses}; optimizers ({@link jgrad.optim.SGD}, {@link jgrad.optim.Adam},
 * {@link jgrad.optim.AdamW}) written once over a flat {@link jgrad.optim.ParameterGroup} so that the tensor
 * engine can share them; {@link jgrad.optim.LearningRateSchedule}s; and {@link jgrad.nn.Trainer}, a
 * small training loop with mini-batches, accuracy and a progress listener. Parameters are always
 * listed layer by layer, neuron by neuron, weights then bias.
 */
package jgrad.nn;
