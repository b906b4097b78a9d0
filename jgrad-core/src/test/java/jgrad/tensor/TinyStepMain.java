package jgrad.tensor;

import java.util.Random;

/**
 * Benchmark main (not a test): steps/s of the 2-16-16-1 training step (linear/relu, MSE, backward,
 * addScaledInPlace, zeroGrad; batch 100, float32, 1 thread). Uses only API the old engine (0da789f)
 * also has, so the same source compiles against both; MSE is written as {@code d.mul(d).mean()},
 * which is what {@code Functional.mse} computes. Args: seconds per run (default 3), runs (default 3).
 */
public final class TinyStepMain {
    private TinyStepMain() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Random rng = new Random(42);
        Tensor x = Tensor.randn(rng, 100, 2);
        Tensor y = Tensor.randn(rng, 100, 1);
        Tensor w1 = Tensor.randn(rng, 16, 2).mul(0.5).requiresGrad(true);
        Tensor b1 = Tensor.randn(rng, 16).mul(0.1).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 16, 16).mul(0.25).requiresGrad(true);
        Tensor b2 = Tensor.randn(rng, 16).mul(0.1).requiresGrad(true);
        Tensor w3 = Tensor.randn(rng, 1, 16).mul(0.25).requiresGrad(true);
        Tensor b3 = Tensor.randn(rng, 1).mul(0.1).requiresGrad(true);
        Tensor[] ps = {w1, b1, w2, b2, w3, b3};
        double loss = 0;
        for (int r = 0; r < runs + 1; r++) {
            long end = System.nanoTime() + (long) ((r == 0 ? 1 : seconds) * 1e9);
            long steps = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() < end) {
                Tensor h = x.linear(w1, b1).relu().linear(w2, b2).relu();
                Tensor d = h.linear(w3, b3).sub(y);
                Tensor l = d.mul(d).mean();
                l.backward();
                for (Tensor p : ps) {
                    p.addScaledInPlace(-1e-3, p.grad());
                    p.zeroGrad();
                }
                steps++;
                if ((steps & 1023) == 0) {
                    loss = l.item();
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (r > 0) {
                System.out.printf("run %d: %.0f steps/s (loss %.6f)%n", r, steps / s, loss);
            }
        }
    }
}
