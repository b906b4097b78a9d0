package jgrad.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jgrad.data.Categorical;
import jgrad.data.Csv;
import jgrad.data.CsvFormatException;
import jgrad.data.Dataset;
import jgrad.data.InputFormatException;
import jgrad.data.Numbers;

/**
 * A user's CSV table made ready to train on, as a new user's table comes: the columns to use
 * ({@code --features}, {@code --drop}, an R-style unnamed index column dropped), text feature
 * columns one-hot encoded, a warning for a column that looks like a row id, and the task chosen
 * from the target column when {@code --task} is not given. Every problem is a
 * {@link CsvFormatException} naming the file, line and column.
 *
 * <pre>{@code
 * UserTable t = UserTable.prepare(Csv.readTable(path), "progression", null, List.of("id"), null);
 * t.task();         // "regression"
 * t.taskReason();   // "the label column 'progression' is numeric with 214 distinct values"
 * }</pre>
 */
final class UserTable {
    /** Above this many distinct integer values, a numeric target is taken as a regression target. */
    static final int MAX_AUTO_CLASSES = 20;
    /** A text feature column with more distinct values than this is refused rather than one-hot encoded. */
    static final int MAX_CATEGORIES = 100;

    private final Dataset data;
    private final String task;
    private final String taskReason;
    private final List<Categorical> categorical;
    private final List<String> notes;
    private final List<String> warnings;

    private UserTable(Dataset data, String task, String taskReason, List<Categorical> categorical, List<String> notes,
            List<String> warnings) {
        this.data = data;
        this.task = task;
        this.taskReason = taskReason;
        this.categorical = categorical;
        this.notes = notes;
        this.warnings = warnings;
    }

    /** The dataset: class labels or real-valued targets, features as the model sees them (one-hot expanded). */
    Dataset data() {
        return data;
    }

    /** "classification" or "regression". */
    String task() {
        return task;
    }

    /** Why the task was chosen: given by --task, or what the target column holds. */
    String taskReason() {
        return taskReason;
    }

    /** The text feature columns that were one-hot encoded. */
    List<Categorical> categorical() {
        return categorical;
    }

    /** Notes to print (dropped index column, encoded columns). */
    List<String> notes() {
        return notes;
    }

    /** Warnings to print (id-like columns). */
    List<String> warnings() {
        return warnings;
    }

    /**
     * Prepares {@code table} with {@code label} as the target.
     *
     * @param features the --features columns, or null for every column but the label, the dropped
     *     ones and an R index
     * @param drop the --drop columns (may be empty)
     * @param task "classification", "regression", or null to choose from the target column
     * @throws CsvFormatException naming the file, line and column of the first problem
     */
    static UserTable prepare(Csv.Table table, String label, List<String> features, List<String> drop, String task) {
        String source = table.source();
        int headerLine = table.headerLine();
        List<String> header = table.columnNames();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (table.indexOf(label) < 0) {
            throw new CsvFormatException(source, headerLine, 0, "no column named " + InputFormatException.quote(label)
                    + " for --label; the columns are " + header);
        }
        boolean rIndex = header.get(0).isEmpty();
        if (rIndex) {
            notes.add("note: column 1 has no name (an R-style row index, as write.csv writes it): read as the index"
                    + " and not used as a feature");
        }
        for (String d : drop) {
            requireColumn(table, d, "--drop");
        }
        List<String> use = new ArrayList<>();
        if (features != null) {
            Set<String> seen = new HashSet<>();
            for (String f : features) {
                requireColumn(table, f, "--features");
                if (f.equals(label)) {
                    throw new CsvFormatException(source, headerLine, table.indexOf(f) + 1, "--features names the label "
                            + InputFormatException.quote(label) + "; a model cannot take its own target as input");
                }
                if (!seen.add(f)) {
                    throw new CsvFormatException(source, headerLine, table.indexOf(f) + 1, "--features names "
                            + InputFormatException.quote(f) + " twice");
                }
                if (!drop.contains(f)) {
                    use.add(f);
                }
            }
        } else {
            for (String c : header) {
                if (!c.equals(label) && !c.isEmpty() && !drop.contains(c)) {
                    use.add(c);
                }
            }
        }
        if (use.isEmpty()) {
            throw new CsvFormatException(source, headerLine, 0, "no feature columns left besides the label "
                    + InputFormatException.quote(label) + "; the columns are " + header);
        }
        if (table.size() == 0) {
            throw new CsvFormatException(source, headerLine, 0, "no data rows after the header");
        }

        // which feature columns are numbers and which are text (categories)
        List<String> numeric = new ArrayList<>();
        List<Categorical> categorical = new ArrayList<>();
        for (String f : use) {
            if (table.isNumeric(f)) {
                numeric.add(f);
                continue;
            }
            List<String> texts = table.texts(f);
            int numbers = 0;
            int words = 0;
            int firstWord = -1;
            int firstEmpty = -1;
            for (int i = 0; i < texts.size(); i++) {
                String v = texts.get(i);
                if (v.isEmpty()) {
                    firstEmpty = firstEmpty < 0 ? i : firstEmpty;
                } else if (Numbers.isDecimal(v)) {
                    numbers++;
                } else {
                    words++;
                    firstWord = firstWord < 0 ? i : firstWord;
                }
            }
            int column = table.indexOf(f) + 1;
            if (numbers >= words) {
                // mostly numbers: a typo, not categories; the reader's own error names the first bad cell
                table.numbers(List.of(f));
            }
            if (firstEmpty >= 0) {
                throw new CsvFormatException(source, table.lineNumber(firstEmpty), column, "(" + f
                        + ") the value is missing; every row needs a category");
            }
            Categorical c = Categorical.fit(f, texts);
            if (c.categories().size() > MAX_CATEGORIES) {
                throw new CsvFormatException(source, headerLine, column, "(" + f + ") the text column has "
                        + c.categories().size() + " distinct values, too many to one-hot encode (at most "
                        + MAX_CATEGORIES + "): it looks like names or free text; leave it out with --drop " + f);
            }
            categorical.add(c);
            notes.add("note: column '" + f + "' holds text: one-hot encoded as " + c.categories().size()
                    + " inputs " + shorten(c.featureNames()) + "; the encoding is saved with the model");
        }
        double[][] numbers = table.numbers(numeric);
        for (int k = 0; k < numeric.size(); k++) {
            if (looksLikeId(numbers, k)) {
                warnings.add("warning: column '" + numeric.get(k) + "' looks like a row id (unique, increasing"
                        + " integers) and is used as a feature; in sorted data it gives the label away: leave it out"
                        + " with --drop " + numeric.get(k));
            }
        }

        // the model's inputs, in column order, text columns expanded
        List<String> names = new ArrayList<>();
        int n = table.size();
        List<double[]> columns = new ArrayList<>();
        // without text columns the numbers are the inputs already, in order: no copy of the table
        boolean allNumeric = categorical.isEmpty();
        for (String f : use) {
            int k = numeric.indexOf(f);
            if (k >= 0) {
                names.add(f);
                if (allNumeric) {
                    continue;
                }
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = numbers[i][k];
                }
                columns.add(col);
            } else {
                Categorical c = categorical.stream().filter(x -> x.column().equals(f)).findFirst().orElseThrow();
                names.addAll(c.featureNames());
                List<String> texts = table.texts(f);
                for (int j = 0; j < c.categories().size(); j++) {
                    double[] col = new double[n];
                    String category = c.categories().get(j);
                    for (int i = 0; i < n; i++) {
                        col[i] = texts.get(i).equals(category) ? 1 : 0;
                    }
                    columns.add(col);
                }
            }
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new CsvFormatException(source, headerLine, 0, "the one-hot inputs " + names + " repeat a column name;"
                    + " rename the column that is named like column=category");
        }
        double[][] x = allNumeric ? numbers : new double[n][names.size()];
        for (int j = 0; j < columns.size(); j++) {
            double[] col = columns.get(j);
            for (int i = 0; i < n; i++) {
                x[i][j] = col[i];
            }
        }

        // the task
        String reason;
        List<String> target = table.texts(label);
        int labelColumn = table.indexOf(label) + 1;
        if (task != null) {
            reason = "given by --task";
        } else {
            String why = autoReason(target, label);
            task = why.startsWith("R:") ? "regression" : "classification";
            reason = why.substring(2);
        }
        if (task.equals("regression")) {
            double[][] y = new double[n][1];
            for (int i = 0; i < n; i++) {
                String v = target.get(i);
                if (v.isEmpty()) {
                    throw new CsvFormatException(source, table.lineNumber(i), labelColumn, "(" + label
                            + ") the target is missing; every row needs a value to learn");
                }
                y[i][0] = Numbers.isDecimal(v) ? Double.parseDouble(v) : Double.NaN;
                if (!Double.isFinite(y[i][0])) {
                    throw new CsvFormatException(source, table.lineNumber(i), labelColumn, "(" + label + ") "
                            + InputFormatException.quote(v) + " is not a finite number; a regression target must be"
                            + " one (use --task classification for classes)");
                }
            }
            return new UserTable(Dataset.regression(x, y, names, List.of(label)), task, reason, categorical, notes,
                    warnings);
        }
        return new UserTable(Csv.classification(table, label, names, x), task, reason, categorical, notes, warnings);
    }

    /** "R:why" for regression or "C:why" for classification, from what the target column holds. */
    private static String autoReason(List<String> target, String label) {
        Set<String> distinct = new HashSet<>();
        String fraction = null;
        for (String v : target) {
            if (v.isEmpty()) {
                continue;
            }
            if (!Numbers.isDecimal(v)) {
                return "C:the label column '" + label + "' holds text such as " + InputFormatException.quote(v);
            }
            double d = Double.parseDouble(v);
            if (fraction == null && d != Math.rint(d)) {
                fraction = v;
            }
            distinct.add(Numbers.canonical(d));
        }
        if (fraction != null) {
            return "R:the label column '" + label + "' is numeric with non-integer values such as " + fraction;
        }
        if (distinct.size() > MAX_AUTO_CLASSES) {
            return "R:the label column '" + label + "' is numeric with " + distinct.size() + " distinct values (more"
                    + " than " + MAX_AUTO_CLASSES + ")";
        }
        return "C:the label column '" + label + "' holds " + distinct.size() + " distinct integers";
    }

    /** Unique, strictly increasing integers: a row number. */
    private static boolean looksLikeId(double[][] rows, int k) {
        if (rows.length < 3) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            double v = rows[i][k];
            if (v != Math.rint(v) || (i > 0 && !(v > rows[i - 1][k]))) {
                return false;
            }
        }
        return true;
    }

    private static void requireColumn(Csv.Table table, String name, String option) {
        if (table.indexOf(name) < 0) {
            throw new CsvFormatException(table.source(), table.headerLine(), 0, option + " names "
                    + InputFormatException.quote(name) + ", which is not a column; the columns are "
                    + table.columnNames());
        }
    }

    private static String shorten(List<String> names) {
        return names.size() <= 6 ? names.toString() : names.subList(0, 6).toString().replace("]", ", ...]");
    }
}
