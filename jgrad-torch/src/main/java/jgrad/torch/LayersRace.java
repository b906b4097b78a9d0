package jgrad.torch;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jgrad.tensor.DType;
import jgrad.tensor.functional.Functional;
import jgrad.tensor.kernel.KernelParameters;
import jgrad.tensor.nn.Embedding;
import jgrad.tensor.nn.LayerNorm;
import jgrad.tensor.nn.LeNet;
import jgrad.tensor.nn.Linear;
import jgrad.tensor.nn.Sequential;
import jgrad.tensor.nn.TensorModule;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Training steps per second of issue 12's two layer networks in jgrad and in libtorch, same weights,
 * same batch, float32, 1 and 2 threads: the LeNet-style CNN ({@link LeNet}: conv 6@5×5 'same',
 * pool, conv 16@5×5, pool, linear 120-84-10) on 28×28 images at batch 64, and a makemore-style
 * step (Embedding 27×10, context 3, Linear 30→200, LayerNorm, tanh, Linear 200→27) at batch 32.
 * A step is forward, cross-entropy, backward, SGD update and zeroing. The jgrad column also gives
 * the bytes allocated on the heap per step (the JVM's per-thread allocation counter).
 * {@code KernelRace <window ms> layers} prints only this table.
 */
public final class LayersRace {
    private LayersRace() {
    }

    /** Prints the table, best-of-5 windows of {@code windowNanos} per figure. */
    public static void table(long windowNanos) {
        System.out.println("Layer networks, training steps per second (forward, backward, SGD update), float32:");
        System.out.println();
        System.out.println("| step | threads | jgrad steps/s | libtorch steps/s | jgrad / libtorch | jgrad heap allocated per step |");
        System.out.println("|---|---|---|---|---|---|");
        for (int threads = 1; threads <= 2; threads++) {
            KernelParameters.setThreads(threads);
            torch.set_num_threads(threads);
            openblas.blas_set_num_threads(threads);
            for (Pair p : List.of(new LeNetPair(64, 11), new MakemorePair(32, 12))) {
                double jgrad = 1 / KernelRace.best(p::jgradStep, windowNanos);
                double libtorch = 1 / KernelRace.best(p::torchStep, windowNanos);
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.1f MB |%n", p.name(), threads, jgrad,
                        libtorch, jgrad / libtorch, allocatedPerStep(p) / 1e6);
            }
        }
        System.out.println();
    }

    private static double allocatedPerStep(Pair p) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int steps = 20;
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < steps; i++) {
            p.jgradStep();
        }
        return (mx.getThreadAllocatedBytes(id) - before) / (double) steps;
    }

    /** One network in both libraries. */
    abstract static class Pair {
        final double lr = 0.01;
        final Scalar minusLr = new Scalar(-lr);
        List<jgrad.tensor.Tensor> jp;
        Tensor[] tp;

        abstract String name();

        abstract jgrad.tensor.Tensor jgradLoss();

        abstract Tensor torchLoss();

        /** Copies jgrad's parameters into libtorch leaves. */
        void mirror(TensorModule m) {
            jp = m.parameters();
            tp = new Tensor[jp.size()];
            for (int i = 0; i < tp.length; i++) {
                tp[i] = TorchArrays.tensor(jp.get(i)).requires_grad_(true);
            }
        }

        double jgradStep() {
            jgrad.tensor.Tensor loss = jgradLoss();
            loss.backward();
            for (jgrad.tensor.Tensor p : jp) {
                p.addScaledInPlace(-lr, p.grad());
                p.zeroGrad();
            }
            return loss.item();
        }

        double torchStep() {
            try (PointerScope scope = new PointerScope()) {
                Tensor loss = torchLoss();
                loss.backward();
                try (NoGradGuard guard = new NoGradGuard()) {
                    for (Tensor p : tp) {
                        p.add_(p.grad(), minusLr);
                        p.grad().zero_();
                    }
                }
                return loss.item_double();
            }
        }
    }

    /** LeNet on [batch, 784] rows of random pixels, random class targets. */
    static final class LeNetPair extends Pair {
        private final Sequential net;
        private final jgrad.tensor.Tensor jx;
        private final int[] y;
        private final Tensor tx, ty;

        LeNetPair(int batch, long seed) {
            Random rnd = new Random(seed);
            net = LeNet.of(28, 28, 10, DType.FLOAT32, rnd);
            mirror(net);
            jx = jgrad.tensor.Tensor.rand(DType.FLOAT32, rnd, batch, 784);
            y = new int[batch];
            double[] yd = new double[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = rnd.nextInt(10);
                yd[i] = y[i];
            }
            tx = TorchArrays.tensor(jx).reshape(batch, 1, 28, 28);
            ty = TorchArrays.tensor(yd, batch).toType(torch.ScalarType.Long);
        }

        @Override
        String name() {
            return "LeNet 28×28, batch 64";
        }

        @Override
        jgrad.tensor.Tensor jgradLoss() {
            return Functional.crossEntropy(net.forward(jx), y);
        }

        @Override
        Tensor torchLoss() {
            long[] one = {1, 1}, none = {0, 0};
            Tensor h = torch.conv2d(tx, tp[0], new TensorOptional(tp[1]), one, new long[] {2, 2}, one, 1);
            h = torch.max_pool2d(torch.relu(h), new long[] {2, 2}, new long[] {2, 2}, none, one, false);
            h = torch.conv2d(h, tp[2], new TensorOptional(tp[3]), one, none, one, 1);
            h = torch.max_pool2d(torch.relu(h), new long[] {2, 2}, new long[] {2, 2}, none, one, false);
            h = torch.flatten(h, 1, -1);
            h = torch.relu(torch.linear(h, tp[4], new TensorOptional(tp[5])));
            h = torch.relu(torch.linear(h, tp[6], new TensorOptional(tp[7])));
            return torch.cross_entropy_loss(torch.linear(h, tp[8], new TensorOptional(tp[9])), ty);
        }
    }

    /** makemore's MLP with a LayerNorm: embedding of 3 previous characters → 200 → 27. */
    static final class MakemorePair extends Pair {
        private final Embedding emb;
        private final Linear fc1, fc2;
        private final LayerNorm ln;
        private final jgrad.tensor.Tensor jidx;
        private final int[] y;
        private final Tensor tidx, ty;
        private final int batch;

        MakemorePair(int batch, long seed) {
            this.batch = batch;
            Random rnd = new Random(seed);
            emb = new Embedding(27, 10, DType.FLOAT32, rnd);
            fc1 = new Linear(30, 200, DType.FLOAT32, jgrad.tensor.nn.Init.PYTORCH_DEFAULT, rnd);
            ln = new LayerNorm(200);
            fc2 = new Linear(200, 27, DType.FLOAT32, jgrad.tensor.nn.Init.PYTORCH_DEFAULT, rnd);
            mirror(new Sequential(emb, fc1, ln, fc2));
            long[] idx = new long[batch * 3];
            double[] idxd = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rnd.nextInt(27);
                idxd[i] = idx[i];
            }
            jidx = jgrad.tensor.Tensor.of(idx, batch, 3);
            tidx = TorchArrays.tensor(idxd, batch, 3).toType(torch.ScalarType.Long);
            y = new int[batch];
            double[] yd = new double[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = rnd.nextInt(27);
                yd[i] = y[i];
            }
            ty = TorchArrays.tensor(yd, batch).toType(torch.ScalarType.Long);
        }

        @Override
        String name() {
            return "makemore Embedding+LayerNorm+MLP, batch 32";
        }

        @Override
        jgrad.tensor.Tensor jgradLoss() {
            jgrad.tensor.Tensor h = emb.forward(jidx).reshape(batch, 30);
            h = ln.forward(fc1.forward(h)).tanh();
            return Functional.crossEntropy(fc2.forward(h), y);
        }

        @Override
        Tensor torchLoss() {
            Tensor h = torch.embedding(tp[0], tidx).reshape(batch, 30);
            h = torch.linear(h, tp[1], new TensorOptional(tp[2]));
            h = torch.tanh(torch.layer_norm(h, new long[] {200}, new TensorOptional(tp[3]), new TensorOptional(tp[4]),
                    1e-5, false));
            return torch.cross_entropy_loss(torch.linear(h, tp[5], new TensorOptional(tp[6])), ty);
        }
    }
}
