package jgrad.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * {@code jgrad train --spark MASTER FILE ...}: hands the command to {@code jgrad.spark.Train} of
 * the optional jgrad-spark module, found by reflection, so jgrad-cli does not depend on Spark.
 * Without jgrad-spark and Spark on the class path it says how to get them.
 */
final class SparkDelegate {
    static final String TRAIN_CLASS = "jgrad.spark.Train";

    private SparkDelegate() {
    }

    /** Whether {@code args} ask for {@code train --spark}. */
    static boolean wanted(String[] args) {
        return args.length > 0 && args[0].equals("train") && Arrays.asList(args).contains("--spark");
    }

    /** Runs {@code train --spark}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Class<?> train;
        try {
            train = Class.forName(TRAIN_CLASS);
        } catch (ClassNotFoundException | LinkageError e) {
            err.println("jgrad train --spark: jgrad-spark is not on the class path (" + e + "). Build it with\n"
                    + "  mvn -B -ntp -Pspark -pl jgrad-spark -am package -DskipTests\n"
                    + "and run it through Spark:\n"
                    + "  spark-submit --class jgrad.spark.Train jgrad-spark/target/jgrad-spark-*-all.jar --spark submit FILE ...\n"
                    + "or put jgrad-cli, jgrad-spark and Spark's jars on one class path and run jgrad.cli.Main (README, "
                    + "\"Training on Spark\").");
            return Main.USAGE;
        }
        try {
            Object code = train.getMethod("run", String[].class, PrintWriter.class, PrintWriter.class)
                    .invoke(null, args, out, err);
            return (Integer) code;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.println("jgrad train --spark: " + cause);
            return Main.FAILURE;
        } catch (ReflectiveOperationException e) {
            err.println("jgrad train --spark: " + TRAIN_CLASS + " has no run(String[], PrintWriter, PrintWriter): " + e);
            return Main.FAILURE;
        }
    }
}
