package jgrad.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text feature column one-hot encoded: one 0/1 input per category, named
 * {@code column=category}. Training fits it on the categories it sees (sorted); the model file
 * keeps it, so that {@code predict} encodes new rows the same way. A category the encoding does
 * not know becomes all zeros.
 *
 * <pre>{@code
 * Categorical c = Categorical.fit("colour", List.of("red", "blue", "red"));
 * c.featureNames();   // [colour=blue, colour=red]
 * c.encode("red");    // {0, 1}
 * }</pre>
 *
 * @param column the column's name in the CSV header
 * @param categories the distinct values, in the order of the encoded inputs
 */
public record Categorical(String column, List<String> categories) {
    /** @throws IllegalArgumentException if there are no categories or they repeat */
    public Categorical {
        Objects.requireNonNull(column, "column");
        categories = List.copyOf(categories);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("Categorical " + column + ": needs at least one category");
        }
        if (categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("Categorical " + column + ": categories repeat: " + categories);
        }
    }

    /** The encoding of the distinct values of {@code values}, sorted; empty values are not a category. */
    public static Categorical fit(String column, List<String> values) {
        return new Categorical(column, values.stream().filter(v -> !v.isEmpty()).distinct().sorted().toList());
    }

    /** The encoded inputs' names, {@code column=category}. */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>(categories.size());
        for (String c : categories) {
            out.add(column + "=" + c);
        }
        return out;
    }

    /** The one-hot row for {@code value}: 1 at its category, 0 elsewhere (all 0 for an unknown value). */
    public double[] encode(String value) {
        double[] out = new double[categories.size()];
        int k = categories.indexOf(value);
        if (k >= 0) {
            out[k] = 1;
        }
        return out;
    }
}
