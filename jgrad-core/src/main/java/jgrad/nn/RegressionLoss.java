package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.engine.Value;

/**
 * How a regression network's outputs are scored against real-valued targets. Each loss is the
 * mean, over every example and every output, of a per-element term of the residual
 * {@code r = output − target}:
 *
 * <ul>
 *   <li>{@link #MSE}: {@code r²}, the lecture's squared error (PyTorch's {@code MSELoss});</li>
 *   <li>{@link #MAE}: {@code |r|}, the L1 loss (PyTorch's {@code L1Loss});</li>
 *   <li>{@link #HUBER}: {@code ½r²} for {@code |r| ≤ δ}, else {@code δ(|r| − ½δ)}, with
 *       {@code δ = 1} (PyTorch's {@code HuberLoss}), written branch-free as
 *       {@code ½q² + δ(|r| − q)} with {@code q = min(|r|, δ)}, the form both engines use.</li>
 * </ul>
 *
 * <pre>{@code
 * RegressionLoss.parse("mae");                         // MAE (also "l1")
 * RegressionLoss.HUBER.term(3.0);                      // 2.5
 * }</pre>
 */
public enum RegressionLoss {
    /** Mean squared error. */
    MSE("mse"),
    /** Mean absolute error (L1). */
    MAE("mae"),
    /** Huber loss with delta 1. */
    HUBER("huber");

    /** The Huber loss's delta: quadratic within it, linear beyond. */
    public static final double HUBER_DELTA = 1.0;

    private final String id;

    RegressionLoss(String id) {
        this.id = id;
    }

    /** The name on the command line and in model metadata: mse, mae, huber. */
    public String id() {
        return id;
    }

    /** The loss named {@code id} (mse, mae or l1, huber). @throws IllegalArgumentException naming the choices */
    public static RegressionLoss parse(String id) {
        for (RegressionLoss l : values()) {
            if (l.id.equalsIgnoreCase(id)) {
                return l;
            }
        }
        if ("l1".equalsIgnoreCase(id)) {
            return MAE;
        }
        throw new IllegalArgumentException("unknown regression loss \"" + id + "\": use mse, mae (l1) or huber");
    }

    /** The per-element term of a residual {@code r}, as a number (for evaluation and tests). */
    public double term(double r) {
        double a = Math.abs(r);
        return switch (this) {
            case MSE -> r * r;
            case MAE -> a;
            case HUBER -> {
                double q = Math.min(a, HUBER_DELTA);
                yield 0.5 * q * q + HUBER_DELTA * (a - q);
            }
        };
    }

    /**
     * The mean loss of a batch as a scalar graph: {@code outputs.get(i)} is the network's output
     * row for an example whose targets are {@code targets[i]}.
     *
     * @throws IllegalArgumentException if the counts or row lengths differ
     */
    public Value loss(List<List<Value>> outputs, double[][] targets) {
        if (outputs.size() != targets.length) {
            throw new IllegalArgumentException(id + ": " + outputs.size() + " output rows but " + targets.length
                    + " target rows");
        }
        List<Value> terms = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            List<Value> row = outputs.get(i);
            if (row.size() != targets[i].length) {
                throw new IllegalArgumentException(id + ": row " + i + " has " + row.size() + " outputs but "
                        + targets[i].length + " targets; the network needs one output per target");
            }
            for (int j = 0; j < row.size(); j++) {
                Value r = row.get(j).add(-targets[i][j]);
                terms.add(switch (this) {
                    case MSE -> r.pow(2);
                    case MAE -> abs(r);
                    case HUBER -> {
                        Value a = abs(r);
                        // q = min(|r|, delta): the residual itself inside delta, the constant beyond
                        Value q = a.data() <= HUBER_DELTA ? a : Value.of(HUBER_DELTA);
                        yield q.mul(q).mul(0.5).add(a.sub(q).mul(HUBER_DELTA));
                    }
                });
            }
        }
        return Losses.mean(terms);
    }

    /** |r| as relu(r) + relu(−r): gradient sign(r), and 0 at r = 0 as PyTorch's abs. */
    private static Value abs(Value r) {
        return r.relu().add(r.neg().relu());
    }
}
