package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Classification and regression metrics against scikit-learn 1.2.1 (Debian's python3-sklearn).
 * The expected numbers were printed once by /usr/bin/python3 with {@code sklearn.metrics}:
 * {@code accuracy_score}, {@code confusion_matrix},
 * {@code precision_recall_fscore_support(zero_division=0)}, {@code f1_score(average="macro")},
 * {@code mean_squared_error} (and {@code squared=False}), {@code mean_absolute_error} and
 * {@code r2_score} on the arrays written out below.
 */
class MetricsTest {
    private static final int[] TRUTH = {0, 1, 2, 2, 1, 0, 1, 2, 2, 0, 1, 1};
    private static final int[] PREDICTED = {0, 2, 2, 2, 1, 1, 1, 0, 2, 0, 1, 2};

    @Test
    void classificationMatchesScikitLearn() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUTH, PREDICTED, 3);
        assertThat(m.accuracy()).isCloseTo(0.6666666666666666, within(1e-15));
        assertThat(m.confusion()).isDeepEqualTo(new long[][] {{2, 1, 0}, {0, 3, 2}, {1, 0, 3}});
        double[] precision = {0.6666666666666666, 0.75, 0.6};
        double[] recall = {0.6666666666666666, 0.6, 0.75};
        long[] support = {3, 5, 4};
        for (int k = 0; k < 3; k++) {
            assertThat(m.precision(k)).isCloseTo(precision[k], within(1e-15));
            assertThat(m.recall(k)).isCloseTo(recall[k], within(1e-15));
            assertThat(m.f1(k)).isCloseTo(0.6666666666666666, within(1e-15));
            assertThat(m.support(k)).isEqualTo(support[k]);
        }
        assertThat(m.macroF1()).isCloseTo(0.6666666666666665, within(1e-15));
    }

    @Test
    void classesNeverPredictedScoreZeroAsScikitLearnsZeroDivision() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 0, 0}, 3);
        assertThat(new double[] {m.precision(0), m.precision(1), m.precision(2)}).containsExactly(0.5, 0, 0);
        assertThat(new double[] {m.recall(0), m.recall(1), m.recall(2)}).containsExactly(1, 0, 0);
        assertThat(m.f1(0)).isCloseTo(0.6666666666666666, within(1e-15));
        assertThat(m.f1(1)).isZero();
    }

    @Test
    void regressionMatchesScikitLearn() {
        RegressionMetrics m = RegressionMetrics.of(column(3.0, -0.5, 2.0, 7.0, 4.2), column(2.5, 0.0, 2.0, 8.0, 3.9));
        assertThat(m.mse()).isCloseTo(0.318, within(1e-15));
        assertThat(m.rmse()).isCloseTo(0.5639148871948674, within(1e-15));
        assertThat(m.mae()).isCloseTo(0.4600000000000001, within(1e-15));
        assertThat(m.r2()).isCloseTo(0.9480256276150627, within(1e-15));
    }

    @Test
    void severalTargetsAreAveragedAsScikitLearnsUniformAverage() {
        RegressionMetrics m = RegressionMetrics.of(new double[][] {{0.5, 1}, {-1, 1}, {7, -6}},
                new double[][] {{0, 2}, {-1, 2}, {8, -5}});
        assertThat(m.mse()).isCloseTo(0.7083333333333334, within(1e-15));
        assertThat(m.rmse()).isCloseTo(0.8227486121839513, within(1e-15));
        assertThat(m.mae()).isCloseTo(0.75, within(1e-15));
        assertThat(m.r2()).isCloseTo(0.9368005266622779, within(1e-15));
    }

    @Test
    void aConstantTargetHasRSquaredOneWhenPerfectAndZeroOtherwise() {
        assertThat(RegressionMetrics.of(column(1, 1, 1), column(1, 1, 1)).r2()).isEqualTo(1);
        assertThat(RegressionMetrics.of(column(1, 1, 1), column(1, 2, 1)).r2()).isEqualTo(0);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> ClassificationMetrics.of(new int[] {0}, new int[] {0, 1}, 2))
                .hasMessageContaining("1 true classes but 2 predictions");
        assertThatThrownBy(() -> ClassificationMetrics.of(new int[] {3}, new int[] {0}, 2))
                .hasMessageContaining("outside [0, 2)");
        assertThatThrownBy(() -> RegressionMetrics.of(new double[0][], new double[0][]))
                .hasMessageContaining("no examples");
    }

    @Test
    void regressionLossTermsByHand() {
        assertThat(RegressionLoss.MSE.term(-3)).isEqualTo(9);
        assertThat(RegressionLoss.MAE.term(-3)).isEqualTo(3);
        assertThat(RegressionLoss.HUBER.term(0.5)).isEqualTo(0.125);   // ½·0.25
        assertThat(RegressionLoss.HUBER.term(-3)).isEqualTo(2.5);      // 1·(3 − ½)
        assertThat(RegressionLoss.parse("L1")).isEqualTo(RegressionLoss.MAE);
        assertThatThrownBy(() -> RegressionLoss.parse("rmse")).hasMessageContaining("use mse, mae (l1) or huber");
    }

    private static double[][] column(double... v) {
        double[][] out = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }
}
