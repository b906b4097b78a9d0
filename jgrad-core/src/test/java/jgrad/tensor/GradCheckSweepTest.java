package jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import jgrad.tensor.functional.Functional;

/**
 * Every differentiable op checked against central finite differences in float64, over a sweep of
 * shapes: scalars, size-1 axes, broadcasting on each side, and empty tensors where they make sense.
 */
class GradCheckSweepTest {
    private static final double TOLERANCE = 1e-6;

    private static final int[][] UNARY_SHAPES = {{}, {1}, {5}, {2, 3}, {1, 3, 1}, {2, 1, 4}, {0, 3}};
    private static final int[][][] BINARY_SHAPES = {
        {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{3}, {2, 3}}, {{2, 1}, {1, 3}}, {{}, {2, 3}}, {{2, 3}, {}},
        {{4, 1, 3}, {2, 1}}, {{1}, {1}}, {{2, 3}, {1, 1}}, {{0, 3}, {3}}, {{2, 0}, {1}}};

    /** Inputs in a domain: "any" normal values, "pos" in [0.5, 2.5). */
    private static Tensor input(int[] shape, String domain, long seed) {
        Random rng = new Random(seed);
        Tensor t = Tensor.randn(DType.FLOAT64, rng, shape);
        if (domain.equals("pos")) {
            for (int i = 0; i < t.numel(); i++) {
                t.setFlat(i, 0.5 + 2 * rng.nextDouble());
            }
        }
        return t;
    }

    private static DynamicTest check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        StringBuilder shapes = new StringBuilder();
        for (Tensor t : inputs) {
            shapes.append(shapes.length() == 0 ? "" : " , ").append(t.shape());
        }
        return DynamicTest.dynamicTest(name + " " + shapes, () -> {
            double err = TensorGradCheck.maxError(f, inputs);
            assertThat(err).as("%s at %s", name, shapes).isLessThan(TOLERANCE);
        });
    }

    @TestFactory
    Stream<DynamicTest> unaryOps() {
        Object[][] ops = {
            {"exp", "any", (Function<Tensor[], Tensor>) x -> x[0].exp()},
            {"log", "pos", (Function<Tensor[], Tensor>) x -> x[0].log()},
            {"sqrt", "pos", (Function<Tensor[], Tensor>) x -> x[0].sqrt()},
            {"abs", "any", (Function<Tensor[], Tensor>) x -> x[0].abs()},
            {"tanh", "any", (Function<Tensor[], Tensor>) x -> x[0].tanh()},
            {"relu", "any", (Function<Tensor[], Tensor>) x -> x[0].relu()},
            {"sigmoid", "any", (Function<Tensor[], Tensor>) x -> x[0].sigmoid()},
            {"neg", "any", (Function<Tensor[], Tensor>) x -> x[0].neg()},
            {"pow3", "any", (Function<Tensor[], Tensor>) x -> x[0].pow(3)},
            {"pow-1.5", "pos", (Function<Tensor[], Tensor>) x -> x[0].pow(-1.5)},
            {"add scalar", "any", (Function<Tensor[], Tensor>) x -> x[0].add(2.5)},
            {"div scalar", "any", (Function<Tensor[], Tensor>) x -> x[0].div(3)},
            {"sum all", "any", (Function<Tensor[], Tensor>) x -> x[0].sum()},
            {"reshape -1", "any", (Function<Tensor[], Tensor>) x -> x[0].reshape(-1)},
        };
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 1;
        for (Object[] op : ops) {
            @SuppressWarnings("unchecked")
            Function<Tensor[], Tensor> f = (Function<Tensor[], Tensor>) op[2];
            for (int[] shape : UNARY_SHAPES) {
                tests.add(check((String) op[0], f, input(shape, (String) op[1], seed++)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> binaryOpsBroadcasting() {
        Object[][] ops = {
            {"add", "any", (Function<Tensor[], Tensor>) x -> x[0].add(x[1])},
            {"sub", "any", (Function<Tensor[], Tensor>) x -> x[0].sub(x[1])},
            {"mul", "any", (Function<Tensor[], Tensor>) x -> x[0].mul(x[1])},
            {"div", "pos", (Function<Tensor[], Tensor>) x -> x[0].div(x[1])},
            {"pow", "pos", (Function<Tensor[], Tensor>) x -> x[0].pow(x[1])},
            {"maximum", "any", (Function<Tensor[], Tensor>) x -> x[0].maximum(x[1])},
            {"minimum", "any", (Function<Tensor[], Tensor>) x -> x[0].minimum(x[1])},
            {"where", "any", (Function<Tensor[], Tensor>) x -> Tensor.where(x[0].gt(0), x[0].mul(2), x[1].exp())},
        };
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 100;
        for (Object[] op : ops) {
            @SuppressWarnings("unchecked")
            Function<Tensor[], Tensor> f = (Function<Tensor[], Tensor>) op[2];
            for (int[][] pair : BINARY_SHAPES) {
                tests.add(check((String) op[0], f, input(pair[0], (String) op[1], seed++),
                        input(pair[1], (String) op[1], seed++)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        List<DynamicTest> tests = new ArrayList<>();
        Tensor t234 = input(new int[] {2, 3, 4}, "any", 7);
        Tensor t1 = input(new int[] {1}, "any", 8);
        Tensor t31 = input(new int[] {3, 1}, "any", 9);
        Tensor empty = input(new int[] {0, 4}, "any", 10);
        for (Tensor t : List.of(t234, t1, t31)) {
            tests.add(check("sum all", x -> x[0].sum(), t));
            tests.add(check("sum axis 0", x -> x[0].sum(0), t));
            tests.add(check("sum axis -1 keepdim", x -> x[0].sum(new int[] {-1}, true), t));
            tests.add(check("mean all", x -> x[0].mean(), t));
            tests.add(check("mean axis 0 keepdim", x -> x[0].mean(new int[] {0}, true), t));
            tests.add(check("max all", x -> x[0].max(), t));
            tests.add(check("max axis -1", x -> x[0].max(-1), t));
            tests.add(check("min axis 0 keepdim", x -> x[0].min(new int[] {0}, true), t));
        }
        tests.add(check("sum axes 0,2", x -> x[0].sum(0, 2), t234));
        tests.add(check("max axes 2,0 keepdim", x -> x[0].max(new int[] {2, 0}, true), t234));
        tests.add(check("mean axes 1,2", x -> x[0].mean(1, 2), t234));
        tests.add(check("sum of empty", x -> x[0].sum(0), empty));
        tests.add(check("sum of empty keepdim", x -> x[0].sum(new int[] {1}, true), empty));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> movement() {
        List<DynamicTest> tests = new ArrayList<>();
        Tensor t234 = input(new int[] {2, 3, 4}, "any", 20);
        Tensor t13 = input(new int[] {1, 3}, "any", 21);
        tests.add(check("reshape", x -> x[0].reshape(4, -1), t234));
        tests.add(check("permute", x -> x[0].permute(2, 0, 1), t234));
        tests.add(check("transpose", x -> x[0].transpose(0, -1), t234));
        tests.add(check("unsqueeze+squeeze", x -> x[0].unsqueeze(1).squeeze(1).unsqueeze(0), t234));
        tests.add(check("expand new and stretched axes", x -> x[0].expand(2, 4, 3), t13));
        tests.add(check("expand with -1", x -> x[0].expand(5, -1, -1), t13));
        tests.add(check("slice middle", x -> x[0].slice(1, 1, 3), t234));
        tests.add(check("slice negative", x -> x[0].slice(-1, -2, 4), t234));
        tests.add(check("slice empty", x -> x[0].slice(0, 1, 1), t234));
        tests.add(check("indexSelect with repeats", x -> x[0].indexSelect(2, 3, 0, 3), t234));
        tests.add(check("indexSelect none", x -> x[0].indexSelect(0), t234));
        Tensor idx = Tensor.of(new long[] {2, 0, 1, 1, 0, 2, 2, 2}, 2, 1, 4);
        tests.add(check("gather axis 1", x -> x[0].gather(1, idx), t234));
        Tensor idx0 = Tensor.of(new long[] {1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0}, 1, 3, 4);
        tests.add(check("gather axis 0", x -> x[0].gather(0, idx0), t234));
        tests.add(check("concat axis 1", x -> Tensor.concat(1, x[0], x[1], x[0]), t234,
                input(new int[] {2, 2, 4}, "any", 22)));
        tests.add(check("concat with empty", x -> Tensor.concat(0, x[0], x[1]), t13, input(new int[] {0, 3}, "any", 23)));
        tests.add(check("stack axis -1", x -> Tensor.stack(-1, x[0], x[1]), t13, input(new int[] {1, 3}, "any", 24)));
        tests.add(check("stack axis 0", x -> Tensor.stack(0, x[0], x[1], x[0]), t234, input(new int[] {2, 3, 4}, "any", 25)));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        int[][][] pairs = {
            {{2, 3}, {3, 4}}, {{3}, {3, 4}}, {{2, 3}, {3}}, {{3}, {3}}, {{1, 1}, {1, 1}}, {{2, 2, 3}, {3, 4}},
            {{2, 1, 2, 3}, {3, 3, 4}}, {{2, 3}, {2, 3, 4}}, {{5}, {2, 5, 3}}, {{2, 4, 5}, {5}},
            {{0, 3}, {3, 2}}, {{2, 0}, {0, 3}}, {{3, 2, 0}, {0, 1}}};
        List<DynamicTest> tests = new ArrayList<>();
        long seed = 300;
        for (int[][] p : pairs) {
            tests.add(check("matmul", x -> x[0].matmul(x[1]), input(p[0], "any", seed++), input(p[1], "any", seed++)));
        }
        int[][][] linear = {{{4, 3}, {5, 3}, {5}}, {{3}, {2, 3}, {2}}, {{2, 4, 3}, {1, 3}, {1}}, {{0, 3}, {2, 3}, {2}}};
        for (int[][] s : linear) {
            tests.add(check("linear", x -> x[0].linear(x[1], x[2]), input(s[0], "any", seed++),
                    input(s[1], "any", seed++), input(s[2], "any", seed++)));
        }
        tests.add(check("linear without bias", x -> x[0].linear(x[1], null), input(new int[] {4, 3}, "any", seed++),
                input(new int[] {2, 3}, "any", seed++)));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> neuralNetFunctions() {
        List<DynamicTest> tests = new ArrayList<>();
        Tensor logits = input(new int[] {4, 5}, "any", 400);
        Tensor big = input(new int[] {3, 4}, "any", 401).mul(30);
        tests.add(check("softmax last", x -> x[0].softmax(-1), logits));
        tests.add(check("softmax axis 0", x -> x[0].softmax(0), logits));
        tests.add(check("logSoftmax", x -> x[0].logSoftmax(1), logits));
        tests.add(check("logSoftmax large logits", x -> x[0].logSoftmax(1), big));
        tests.add(check("crossEntropy", x -> Functional.crossEntropy(x[0], 0, 4, 2, 2), logits));
        tests.add(check("mseLoss", x -> Functional.mse(x[0], x[1]), logits, input(new int[] {4, 5}, "any", 402)));
        tests.add(check("mseLoss broadcast target", x -> Functional.mse(x[0], x[1]), logits, input(new int[] {5}, "any", 403)));
        Tensor y = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3);
        tests.add(check("bceWithLogits", x -> Functional.bceWithLogits(x[0], y), input(new int[] {2, 3}, "any", 404)));
        tests.add(check("two-layer net", x -> x[0].matmul(x[1]).add(x[2]).tanh().matmul(x[3]).relu().sum(),
                input(new int[] {4, 3}, "any", 405), input(new int[] {3, 5}, "any", 406),
                input(new int[] {5}, "any", 407), input(new int[] {5, 2}, "any", 408)));
        tests.add(check("a tensor used twice", x -> x[0].mul(x[0]).add(x[0].exp()).mean(), logits));
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void theCheckerCatchesAWrongGradient() {
        // a function whose backward is deliberately wrong: detach hides x from one use
        double err = TensorGradCheck.maxError(x -> x[0].mul(x[0].detach()), input(new int[] {3}, "any", 1));
        assertThat(err).isGreaterThan(0.01);
        assertThat(Arrays.toString(new int[0])).isEqualTo("[]");
    }
}
