package jgrad.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;

/**
 * The kernel's evaluation, without Jupyter's sockets: cells run with startup.jsh, a last
 * expression is the result, and a bad cell fails with JShell's message. (.ci/run executes
 * docs/lecture/lecture.ipynb through Jupyter itself.)
 */
class JgradKernelTest {

    @Test
    void aCellRunsTheLecturesBackpropAndGivesItsLastExpression() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream before = System.out;
        System.setOut(out);
        try (JShell shell = JgradKernel.newShell(out)) {
            String result = JgradKernel.evaluate(shell, """
                    Value a = Value.of(2.0, "a"), b = Value.of(-3.0, "b"), c = Value.of(10.0, "c"), f = Value.of(-2.0, "f");
                    Value L = a.mul(b).add(c).mul(f);
                    L.backward();
                    println("a.grad = " + a.grad());
                    b.grad()
                    """);
            // the lecture: dL/da = 6, dL/db = -4
            assertThat(result).isEqualTo("-4.0");
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("a.grad = 6.0");
            assertThat(JgradKernel.evaluate(shell, "int k = 3;")).isNull();
            assertThatThrownBy(() -> JgradKernel.evaluate(shell, "a.frobnicate();"))
                    .hasMessageContaining("rejected: a.frobnicate();").hasMessageContaining("cannot find symbol");
            assertThatThrownBy(() -> JgradKernel.evaluate(shell, "int[] xs = new int[1];\nxs[3] = 1;"))
                    .hasMessageContaining("threw java.lang.ArrayIndexOutOfBoundsException");
        } finally {
            System.setOut(before);
        }
    }
}
