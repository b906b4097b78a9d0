package jgrad.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a DataFrame before training, in one pass, and turns it into the rows
 * {@link SparkTrainer} takes. Each failure is an {@code IllegalArgumentException} that names the
 * estimator, the column, how many of how many rows are affected, and what to do; nothing is
 * trained on bad data.
 *
 * <pre>{@code
 * InputCheck.Summary s = InputCheck.check("JgradClassifier", df, "features", "label", true);
 * s.features();   // vector length
 * s.classes();    // max label + 1
 * }</pre>
 */
public final class InputCheck {
    private InputCheck() {
    }

    /** What the check found: the row count, the vector length and, for classifiers, the class count. */
    public record Summary(long rows, int features, int classes) implements Serializable {
    }

    /**
     * Checks {@code df}'s features vector column and numeric label column.
     *
     * @throws IllegalArgumentException for a missing or mistyped column, no rows, null or
     *     non-finite values, vectors of different lengths, or (classifiers) labels that are not
     *     whole numbers >= 0
     */
    public static Summary check(String who, Dataset<?> df, String featuresCol, String labelCol, boolean classifier) {
        StructType schema = df.schema();
        boolean hasF = Arrays.asList(schema.fieldNames()).contains(featuresCol);
        boolean hasL = Arrays.asList(schema.fieldNames()).contains(labelCol);
        if (!hasF || !hasL) {
            String missing = !hasF ? featuresCol : labelCol;
            throw new IllegalArgumentException(who + ": no column \"" + missing + "\" among "
                    + Arrays.toString(schema.fieldNames()) + " (" + df.count() + " rows); "
                    + (!hasF ? "assemble the features into one vector column with VectorAssembler, or set featuresCol"
                            : "set labelCol to the column that holds the target"));
        }
        DataType ft = schema.apply(featuresCol).dataType();
        if (!ft.equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException(who + ": column \"" + featuresCol + "\" is " + ft.simpleString()
                    + ", not a vector (" + df.count() + " rows); assemble it with VectorAssembler");
        }
        DataType lt = schema.apply(labelCol).dataType();
        if (!(lt instanceof NumericType)) {
            throw new IllegalArgumentException(who + ": column \"" + labelCol + "\" is " + lt.simpleString()
                    + ", not numeric (" + df.count() + " rows); index string labels with StringIndexer");
        }
        Stats s = df.select(featuresCol, labelCol).toDF().javaRDD()
                .map(r -> Stats.of(r, classifier)).fold(new Stats(), Stats::merge);
        String of = " of " + s.rows + " rows";
        if (s.rows == 0) {
            throw new IllegalArgumentException(who + ": the DataFrame has no rows; nothing to train on");
        }
        if (s.nullFeatures > 0) {
            throw new IllegalArgumentException(who + ": column \"" + featuresCol + "\" is null in " + s.nullFeatures
                    + of + "; drop them (df.na().drop()) or fill them before fitting");
        }
        if (s.nullLabels > 0) {
            throw new IllegalArgumentException(who + ": column \"" + labelCol + "\" is null in " + s.nullLabels
                    + of + "; drop them (df.na().drop()) or fill them before fitting");
        }
        if (s.minLength != s.maxLength) {
            throw new IllegalArgumentException(who + ": column \"" + featuresCol + "\" holds vectors of different lengths"
                    + " (" + s.minLength + " to " + s.maxLength + "; " + s.notMaxLength + of + " are shorter than "
                    + s.maxLength + "); every row needs the same features");
        }
        if (s.nonFiniteFeatures > 0) {
            throw new IllegalArgumentException(who + ": column \"" + featuresCol + "\" has NaN or infinite values in "
                    + s.nonFiniteFeatures + of + "; impute them (Imputer) or filter those rows");
        }
        if (s.nonFiniteLabels > 0) {
            throw new IllegalArgumentException(who + ": column \"" + labelCol + "\" is NaN or infinite in "
                    + s.nonFiniteLabels + of + "; filter those rows");
        }
        if (classifier && s.badClassLabels > 0) {
            throw new IllegalArgumentException(who + ": column \"" + labelCol + "\" has " + s.badClassLabels + of
                    + " that are not class indices (whole numbers >= 0); index the labels with StringIndexer");
        }
        if (s.minLength == 0) {
            throw new IllegalArgumentException(who + ": column \"" + featuresCol + "\" holds empty vectors in all "
                    + s.rows + " rows");
        }
        return new Summary(s.rows, s.maxLength, classifier ? (int) s.maxLabel + 1 : 0);
    }

    /** The rows as {@link SparkTrainer} takes them: the features then the label. */
    public static JavaRDD<double[]> rows(Dataset<?> df, String featuresCol, String labelCol) {
        return df.select(featuresCol, labelCol).toDF().javaRDD().map(r -> {
            double[] v = ((Vector) r.get(0)).toArray();
            double[] out = Arrays.copyOf(v, v.length + 1);
            out[v.length] = ((Number) r.get(1)).doubleValue();
            return out;
        });
    }

    /** Counts over the rows, merged across partitions. */
    static final class Stats implements Serializable {
        private static final long serialVersionUID = 1L;
        long rows;
        long nullFeatures;
        long nullLabels;
        long nonFiniteFeatures;
        long nonFiniteLabels;
        long badClassLabels;
        int minLength = Integer.MAX_VALUE;
        int maxLength = -1;
        long notMaxLength;
        long maxLengthRows;
        double maxLabel = -1;

        static Stats of(Row r, boolean classifier) {
            Stats s = new Stats();
            s.rows = 1;
            if (r.isNullAt(0)) {
                s.nullFeatures = 1;
            } else {
                Vector v = (Vector) r.get(0);
                s.minLength = s.maxLength = v.size();
                s.maxLengthRows = 1;
                double[] a = v.toArray();
                for (double x : a) {
                    if (!Double.isFinite(x)) {
                        s.nonFiniteFeatures = 1;
                        break;
                    }
                }
            }
            if (r.isNullAt(1)) {
                s.nullLabels = 1;
            } else {
                double y = ((Number) r.get(1)).doubleValue();
                if (!Double.isFinite(y)) {
                    s.nonFiniteLabels = 1;
                } else if (classifier && (y < 0 || y != Math.rint(y) || y > Integer.MAX_VALUE - 1)) {
                    s.badClassLabels = 1;
                } else {
                    s.maxLabel = y;
                }
            }
            return s;
        }

        Stats merge(Stats o) {
            Stats s = new Stats();
            s.rows = rows + o.rows;
            s.nullFeatures = nullFeatures + o.nullFeatures;
            s.nullLabels = nullLabels + o.nullLabels;
            s.nonFiniteFeatures = nonFiniteFeatures + o.nonFiniteFeatures;
            s.nonFiniteLabels = nonFiniteLabels + o.nonFiniteLabels;
            s.badClassLabels = badClassLabels + o.badClassLabels;
            s.minLength = Math.min(minLength, o.minLength);
            s.maxLength = Math.max(maxLength, o.maxLength);
            long rowsWithVectors = rows - nullFeatures + o.rows - o.nullFeatures;
            s.maxLengthRows = (maxLength == s.maxLength ? maxLengthRows : 0)
                    + (o.maxLength == s.maxLength ? o.maxLengthRows : 0);
            s.notMaxLength = rowsWithVectors - s.maxLengthRows;
            s.maxLabel = Math.max(maxLabel, o.maxLabel);
            return s;
        }
    }
}
