package jgrad.playground;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** micrograd's moons demo as the reference fixture shared/fixtures/moons_demo.json has it. */
final class Fixture {
    private Fixture() {
    }

    /** The notebook's loss at each step, from the fixture (skips the test where shared/ is absent outside CI). */
    @SuppressWarnings("unchecked")
    static double[] notebookLosses() throws IOException {
        Path fixture = Path.of(System.getProperty("jgrad.shared", "../shared"), "fixtures", "moons_demo.json");
        Assumptions.assumeTrue(Files.isRegularFile(fixture) || "true".equals(System.getenv("CI")),
                "shared/fixtures/moons_demo.json is not beside this clone");
        Map<String, Object> root = (Map<String, Object>) jgrad.io.Json.parse(Files.readString(fixture), fixture.toString());
        List<Object> steps = (List<Object>) root.get("steps");
        double[] loss = new double[steps.size()];
        for (int k = 0; k < loss.length; k++) {
            loss[k] = ((Number) ((Map<String, Object>) steps.get(k)).get("loss")).doubleValue();
        }
        return loss;
    }
}
