package jgrad.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference fixtures in shared/ (beside the repository; the surefire property
 * {@code jgrad.shared} points there). In CI ({@code CI=true}) a missing fixture fails the test; in a
 * plain clone without shared/ the test is skipped with that reason.
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** micrograd's moons demo: data, initial parameters, and the loss at every step. */
    public static Path moonsDemo() {
        Path file = Path.of(System.getProperty("jgrad.shared", "../shared"), "fixtures", "moons_demo.json");
        if (!Files.isRegularFile(file)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI: the reference fixture " + file + " is missing");
            }
            Assumptions.abort("the reference fixture " + file
                    + " is not here (it lives in shared/, beside the repository): skipped");
        }
        return file;
    }
}
