package jgrad.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples, pasted into JShell as a new user would, must run and print what the
 * README says they print (micrograd's README numbers for the first one).
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of(System.getProperty("jgrad.root", ".."), "README.md");

    private static List<String> javaBlocks() throws IOException {
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theTenLineExamplePrintsMicrogradsNumbers(@TempDir Path dir) throws IOException {
        String first = javaBlocks().get(0);
        String out = JShellRunner.run(Files.writeString(dir.resolve("readme.jsh"), first));
        assertThat(out).contains("g = 24.7041, a.grad = 138.8338, b.grad = 645.5773");
        assertThat(first).contains("// g = 24.7041, a.grad = 138.8338, b.grad = 645.5773");
    }

    @Test
    void theTensorExamplePrintsTheGradientItShows(@TempDir Path dir) throws IOException {
        String block = javaBlocks().stream().filter(b -> b.contains("Tensor x = Tensor.of")).findFirst().orElseThrow();
        // the first part, up to the printed gradient: training the spiral model is left to the tensor tests
        String head = block.substring(0, block.indexOf("Dataset spiral"));
        String out = JShellRunner.run(Files.writeString(dir.resolve("tensor.jsh"),
                "import jgrad.tensor.*;\n" + head));
        assertThat(out).contains("tensor([[1.9959, 0.0335],").contains("[2.9141, 0.0661],")
                .contains("[3.8324, 0.0988]], dtype=float64)");
    }

    @Test
    void theNeuralNetworkExampleTrainsAndSavesAModel(@TempDir Path dir) throws IOException {
        String block = javaBlocks().stream().filter(b -> b.contains("ModelFile.save")).findFirst().orElseThrow();
        Path model = dir.resolve("moons.json");
        String script = "import java.nio.file.*; import java.util.*; import jgrad.data.*; import jgrad.io.*; import jgrad.nn.*; import jgrad.optim.*;\n"
                + block.replace("Path.of(\"moons.json\")", "Path.of(\"" + model.toString().replace("\\", "/") + "\")")
                + "\nSystem.out.println(\"accuracy \" + trainer.evaluate(std.transform(split.validation())).accuracy());\n";
        String out = JShellRunner.run(Files.writeString(dir.resolve("nn.jsh"), script));
        assertThat(model).exists();
        Matcher accuracy = Pattern.compile("accuracy (\\S+)").matcher(out);
        assertThat(accuracy.find()).as(out).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.9);
    }
}
