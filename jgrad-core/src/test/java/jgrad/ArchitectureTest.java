package jgrad;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package layering of jgrad-core, checked on the compiled classes (tests excluded) with
 * ArchUnit, so that a new import cycle or an arrow from a lower layer to a higher one fails the
 * build. From the bottom: {@code optim}, {@code data} and {@code tensor.kernel} depend on no other
 * jgrad package; {@code engine} (scalar) sits on {@code optim}; the tensor engine
 * ({@code jgrad.tensor} and its internal subpackages) knows nothing of {@code tensor.functional},
 * {@code tensor.nn}, {@code nn} or {@code io}; {@code tensor.functional} sits on the tensor engine
 * only; {@code tensor.nn}, {@code nn}, {@code io} and {@code viz} come above.
 */
@AnalyzeClasses(packages = "jgrad", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every jgrad class outside {@code pkg} (given as {@code jgrad.x..}). */
    private static DescribedPredicate<JavaClass> jgradOutside(String pkg) {
        return resideInAPackage("jgrad..").and(not(resideInAPackage(pkg)));
    }

    /** The tensor engine: {@code jgrad.tensor} and subpackages, less the layers built on it. */
    private static final DescribedPredicate<JavaClass> TENSOR_ENGINE = resideInAPackage("jgrad.tensor..")
            .and(not(resideInAnyPackage("jgrad.tensor.nn..", "jgrad.tensor.functional..")))
            .as("the tensor engine (jgrad.tensor.. without tensor.nn and tensor.functional)");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("jgrad.(**)").should().beFreeOfCycles()
            .because("package dependencies run one way");

    @ArchTest
    static final ArchRule optimIsALeaf = noClasses().that().resideInAPackage("jgrad.optim..")
            .should().dependOnClassesThat(jgradOutside("jgrad.optim.."))
            .because("the optimizers serve both engines and depend on neither");

    @ArchTest
    static final ArchRule dataIsALeaf = noClasses().that().resideInAPackage("jgrad.data..")
            .should().dependOnClassesThat(jgradOutside("jgrad.data.."))
            .because("data sets and readers know nothing of models");

    @ArchTest
    static final ArchRule kernelsStandAlone = noClasses().that().resideInAPackage("jgrad.tensor.kernel..")
            .should().dependOnClassesThat(jgradOutside("jgrad.tensor.kernel.."))
            .because("kernels work on plain arrays");

    @ArchTest
    static final ArchRule scalarEngineBelowModels = noClasses().that().resideInAPackage("jgrad.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("jgrad.nn..", "jgrad.tensor..", "jgrad.io..",
                    "jgrad.viz..")
            .because("the scalar engine is the bottom of its stack");

    @ArchTest
    static final ArchRule tensorEngineBelowModels = noClasses().that(TENSOR_ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("jgrad.tensor.nn..", "jgrad.tensor.functional..",
                    "jgrad.nn..", "jgrad.io..")
            .because("losses, modules and files are built on the tensor engine, not inside it");

    @ArchTest
    static final ArchRule functionalBelowModules = noClasses().that().resideInAPackage("jgrad.tensor.functional..")
            .should().dependOnClassesThat().resideInAnyPackage("jgrad.tensor.nn..", "jgrad.nn..", "jgrad.io..",
                    "jgrad.data..")
            .because("functions of tensors need only the tensor engine");

    @ArchTest
    static final ArchRule coreNeverSeesTheCli = noClasses().should().dependOnClassesThat()
            .resideInAPackage("jgrad.cli..")
            .because("jgrad-core is a library; the command line is built on it");
}
