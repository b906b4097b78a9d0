package jgrad.tensor.nn;

import java.util.Random;

import jgrad.tensor.DType;

/**
 * A LeNet-style convolutional classifier of single-channel H×W images given as rows of pixels
 * ([N, H·W], as {@link jgrad.io.Idx#readImages} reads them): conv 6@5×5 (padding 2), ReLU,
 * max-pool 2, conv 16@5×5, ReLU, max-pool 2, then linear 120, 84 and {@code classes}, with ReLU
 * between. The second convolution pads by 2 on images too small for a valid 5×5 (under 20
 * pixels a side, such as 8×8 digits) and not on MNIST's 28×28, which gives the classic
 * 16·5·5 = 400 features. A {@link Sequential} with PyTorch's state-dict names
 * ({@code 1.weight} is the first convolution: index 0 is the {@link Unflatten}).
 *
 * <pre>{@code
 * Sequential net = LeNet.of(28, 28, 10, DType.FLOAT32, new Random(0));
 * net.forward(images).shape();   // [64, 784] → [64, 10]
 * }</pre>
 */
public final class LeNet {
    private LeNet() {
    }

    /**
     * The network for H×W images and {@code classes} outputs, weights as PyTorch's defaults.
     *
     * @throws IllegalArgumentException if an image side is below 4 or classes below 1
     */
    public static Sequential of(int h, int w, int classes, DType dtype, Random rng) {
        if (h < 4 || w < 4 || classes < 1) {
            throw new IllegalArgumentException("LeNet: images must be at least 4x4 and classes >= 1, got " + h + "x" + w
                    + ", " + classes + " classes");
        }
        int h1 = h / 2, w1 = w / 2;                  // after conv1 ('same') and the first pool
        int pad2 = Math.min(h1, w1) >= 10 ? 0 : 2;
        int h2 = (h1 + 2 * pad2 - 4) / 2, w2 = (w1 + 2 * pad2 - 4) / 2;
        return new Sequential(
                new Unflatten(1, 1, h, w),
                new Conv2d(1, 6, 5, 1, 2, dtype, rng), Activation.RELU, new MaxPool2d(2),
                new Conv2d(6, 16, 5, 1, pad2, dtype, rng), Activation.RELU, new MaxPool2d(2),
                new Flatten(),
                linear(16 * h2 * w2, 120, dtype, rng), Activation.RELU,
                linear(120, 84, dtype, rng), Activation.RELU,
                linear(84, classes, dtype, rng));
    }

    private static Linear linear(int in, int out, DType dtype, Random rng) {
        return new Linear(in, out, dtype, Init.PYTORCH_DEFAULT, rng);   // the bias from U(±1/√in) too, as PyTorch
    }
}
