package jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** jgrad-cli has no Spark: train --spark explains how to get jgrad-spark instead of failing obscurely. */
class SparkDelegateTest {
    @Test
    void trainWithSparkWithoutTheModuleSaysHowToGetIt() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new String[] {"train", "--spark", "local[2]", "data.csv"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("jgrad-spark is not on the class path")
                .contains("mvn -B -ntp -Pspark -pl jgrad-spark -am package").contains("spark-submit --class jgrad.spark.Train");
    }

    @Test
    void onlyTrainWithTheSparkFlagIsHandedOver() {
        assertThat(SparkDelegate.wanted(new String[] {"train", "--spark", "local[2]"})).isTrue();
        assertThat(SparkDelegate.wanted(new String[] {"train", "data.csv"})).isFalse();
        assertThat(SparkDelegate.wanted(new String[] {"predict", "--spark"})).isFalse();
    }
}
