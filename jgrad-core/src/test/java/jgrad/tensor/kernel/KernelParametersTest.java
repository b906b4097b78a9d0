package jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SIMD switch, the thread setting, and the kernels in a JVM without the Vector API module. */
class KernelParametersTest {
    @Test
    void simdNeedsTheModuleAndNoOptOut() {
        assertThat(VectorSupport.decide("false", true)).isFalse();
        assertThat(VectorSupport.decide("FALSE", true)).isFalse();
        assertThat(VectorSupport.decide(null, false)).isFalse();
        assertThat(VectorSupport.decide("true", false)).isFalse();
        assertThatThrownBy(() -> VectorSupport.decide("yes", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jgrad.simd must be true or false, got 'yes'");
    }

    @Test
    void theTestJvmRunsTheVectorKernels() {
        // surefire's argLine passes --add-modules jdk.incubator.vector (see the parent pom); an IDE
        // run without it skips the SIMD twin tests, and this one says why
        org.junit.jupiter.api.Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the test JVM lacks --add-modules jdk.incubator.vector");
        assertThat(KernelParameters.simd()).isEqualTo(!"false".equals(System.getProperty("jgrad.simd")));
    }

    @Test
    void threadsPropertyIsParsedWithAClearError() {
        assertThat(KernelParameters.parseThreads(" 3 ")).isEqualTo(3);
        assertThat(KernelParameters.parseThreads(null)).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> KernelParameters.parseThreads("two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jgrad.threads must be a positive integer, got 'two'");
        assertThatThrownBy(() -> KernelParameters.parseThreads("0")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String runChild(String... jvmArgs) throws IOException, InterruptedException {
        return runChild(ScalarFallbackMain.class, jvmArgs);
    }

    private static String runChild(Class<?> main, String... jvmArgs) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classes = new File(KernelParameters.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath();
        String testClasses = new File(ScalarFallbackMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", classes + File.pathSeparator + testClasses, main.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void withoutTheModuleTheScalarKernelsRun() throws Exception {
        String out = runChild();
        assertThat(out).contains("simd=false module=false")
                .contains("c=[58.0, 64.0, 139.0, 154.0]").contains("p0=0.0900305").contains("relu=[0.0, 0.0, 2.0]");
    }

    @Test
    void thePropertyForcesTheScalarKernelsEvenWithTheModule() throws Exception {
        String out = runChild("--add-modules", "jdk.incubator.vector", "-Djgrad.simd=false");
        assertThat(out).contains("simd=false module=true").contains("c=[58.0, 64.0, 139.0, 154.0]");
        assertThat(runChild("--add-modules", "jdk.incubator.vector")).contains("simd=true module=true");
    }

    @Test
    void aColdStartTakesTheScalarTwinsUntilItsCallsHaveDoneTheirBudgetOfWork() throws Exception {
        // a large sum of 16,384 elements (SIMD, but counted), then sums of 1,000 against a budget of
        // 19,000: the third small call spends it (counting only the small calls, all six would be scalar)
        String out = runChild(ColdStartMain.class, "--add-modules", "jdk.incubator.vector", "-Djgrad.simd.coldWork=19000");
        assertThat(out).contains("large=simd")
                .contains("call 0=scalar").contains("call 1=scalar").contains("call 2=scalar")
                .contains("call 3=simd").contains("call 5=simd");
        // a budget that the large call alone spends: no small call takes the twins
        assertThat(runChild(ColdStartMain.class, "--add-modules", "jdk.incubator.vector", "-Djgrad.simd.coldWork=2500"))
                .contains("large=simd").contains("call 0=simd").doesNotContain("scalar");
        // the library's default: the SIMD kernels from the first call
        assertThat(runChild(ColdStartMain.class, "--add-modules", "jdk.incubator.vector"))
                .contains("large=simd").contains("call 0=simd").doesNotContain("scalar");
        assertThat(KernelParameters.COLD_WORK).as("the test JVM runs the library default").isZero();
    }
}
