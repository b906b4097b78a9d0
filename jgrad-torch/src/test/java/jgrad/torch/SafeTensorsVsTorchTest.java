package jgrad.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.io.SafeTensors;
import jgrad.tensor.DType;
import jgrad.tensor.nn.Activation;
import jgrad.tensor.nn.BatchNorm2d;
import jgrad.tensor.nn.Conv2d;
import jgrad.tensor.nn.Flatten;
import jgrad.tensor.nn.Linear;
import jgrad.tensor.nn.Sequential;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Weights cross both ways under PyTorch's state-dict names, in F16, BF16 and F32 safetensors: a
 * Conv2d → BatchNorm2d → ReLU → Flatten → Linear model held as libtorch tensors (libtorch's own
 * generator, its batch_norm filling the running statistics, its half/bfloat16 conversion giving
 * the stored bits) is written to a file by a minimal writer here; jgrad loads it into the same
 * architecture (strict) and, in eval(), gives libtorch's outputs to 1e-5 in float32. The other
 * way, jgrad saves its state dict and libtorch decodes the stored bits (a minimal reader here) to
 * exactly its own rounding of jgrad's weights, and gives jgrad's outputs.
 */
class SafeTensorsVsTorchTest {
    @TempDir
    Path dir;

    private static final String[] KEYS = {"0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
        "1.num_batches_tracked", "4.weight", "4.bias"};

    private static Sequential jgradModel(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Conv2d(1, 4, 3, 1, 0, DType.FLOAT32, rng), new BatchNorm2d(4), Activation.RELU,
                new Flatten(), new Linear(4 * 6 * 6, 3, DType.FLOAT32, jgrad.tensor.nn.Init.PYTORCH_DEFAULT, rng));
    }

    /** libtorch's forward of the same architecture, eval-mode batch norm; t in KEYS order. */
    private static Tensor torchForward(Tensor x, Tensor[] t, boolean training) {
        Tensor h = torch.conv2d(x, t[0], new TensorOptional(t[1]), new long[] {1, 1}, new long[] {0, 0},
                new long[] {1, 1}, 1);
        h = torch.batch_norm(h, new TensorOptional(t[2]), new TensorOptional(t[3]), new TensorOptional(t[4]),
                new TensorOptional(t[5]), training, 0.1, 1e-5, false);
        h = torch.flatten(torch.relu(h), 1, -1);
        return torch.linear(h, t[7], new TensorOptional(t[8]));
    }

    private static torch.ScalarType type(String code) {
        return code.equals("F16") ? torch.ScalarType.Half : code.equals("BF16") ? torch.ScalarType.BFloat16
                : torch.ScalarType.Float;
    }

    /** The little-endian bytes libtorch stores for {@code t} as {@code code}. */
    private static byte[] torchBytes(Tensor t, String code) {
        double[] v;
        ByteBuffer b;
        if (code.equals("I64")) {
            v = TorchArrays.doubles(t);
            b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double d : v) {
                b.putLong((long) d);
            }
        } else if (code.equals("F32")) {
            float[] f = TorchArrays.floats(t.toType(torch.ScalarType.Float));
            b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : f) {
                b.putFloat(x);
            }
        } else {
            v = TorchArrays.doubles(t.toType(type(code)).view(torch.ScalarType.Short).toType(torch.ScalarType.Int));
            b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (double d : v) {
                b.putShort((short) d);
            }
        }
        return b.array();
    }

    @ParameterizedTest
    @ValueSource(strings = {"F16", "BF16", "F32"})
    void libtorchWeightsLoadIntoJgrad(String code) throws Exception {
        torch.manual_seed(42);
        Tensor[] t = new Tensor[9];
        t[0] = torch.randn(4, 1, 3, 3).mul(new Scalar(0.3));
        t[1] = torch.randn(4).mul(new Scalar(0.1));
        t[2] = torch.randn(4).mul(new Scalar(0.1)).add(new Scalar(1));
        t[3] = torch.randn(4).mul(new Scalar(0.1));
        t[4] = torch.zeros(4);
        t[5] = torch.ones(4);
        t[7] = torch.randn(3, 144).mul(new Scalar(0.05));
        t[8] = torch.randn(3).mul(new Scalar(0.1));
        for (int i = 0; i < 2; i++) {   // two training steps of libtorch's batch_norm fill the running statistics
            torchForward(torch.randn(6, 1, 8, 8).mul(new Scalar(2)).add(new Scalar(0.5)), t, true);
        }
        t[6] = TorchArrays.tensor(new double[] {2}).reshape().toType(torch.ScalarType.Long);
        // the file, by a minimal writer: header JSON, then each tensor's bytes as libtorch stores them
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < 9; i++) {
            String c = i == 6 ? "I64" : code;
            byte[] bytes = torchBytes(t[i], c);
            StringBuilder shape = new StringBuilder();
            for (long s : TorchArrays.shape(t[i])) {
                shape.append(shape.length() == 0 ? "" : ",").append(s);
            }
            json.append(",\"").append(KEYS[i]).append("\":{\"dtype\":\"").append(c).append("\",\"shape\":[")
                    .append(shape).append("],\"data_offsets\":[").append(data.size()).append(',')
                    .append(data.size() + bytes.length).append("]}");
            data.write(bytes);
        }
        json.append('}');
        byte[] h = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + h.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(h.length).put(h).put(data.toByteArray());
        Path path = dir.resolve("torch-" + code + ".safetensors");
        Files.write(path, file.array());

        Sequential net = jgradModel(1);
        net.loadStateDict(SafeTensors.load(path), true);
        net.eval();
        // libtorch's model holds the stored (rounded) values
        Tensor[] rounded = new Tensor[9];
        for (int i = 0; i < 9; i++) {
            rounded[i] = i == 6 ? t[i] : t[i].toType(type(code)).toType(torch.ScalarType.Float);
        }
        jgrad.tensor.Tensor x = jgrad.tensor.Tensor.randn(DType.FLOAT32, new Random(3), 5, 1, 8, 8);
        double[] want = TorchArrays.doubles(torchForward(TorchArrays.tensor(x), rounded, false));
        double[] got = net.forward(x).toDoubleArray();
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s output %d: jgrad %s, libtorch %s", code, i, got[i], want[i])
                    .isLessThanOrEqualTo(1e-5 * Math.max(1, Math.abs(want[i])));
        }
    }

    private static final Pattern ENTRY = Pattern.compile(
            "\"([^\"]+)\":\\{\"dtype\":\"(\\w+)\",\"shape\":\\[([0-9,]*)\\],\"data_offsets\":\\[(\\d+),(\\d+)\\]\\}");

    @ParameterizedTest
    @ValueSource(strings = {"F16", "BF16", "F32"})
    void jgradWeightsLoadIntoLibtorch(String code) throws Exception {
        Sequential net = jgradModel(7);
        net.forward(jgrad.tensor.Tensor.randn(DType.FLOAT32, new Random(8), 6, 1, 8, 8).mul(2).add(0.5));   // stats
        Path path = dir.resolve("jgrad-" + code + ".safetensors");
        Map<String, jgrad.tensor.Tensor> state = net.stateDict();
        SafeTensors.save(path, state, Map.of("format", "pt"), code);
        // a minimal reader: header entries, then libtorch decodes the stored bits itself
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) buf.getLong();
        Matcher m = ENTRY.matcher(new String(bytes, 8, n, StandardCharsets.UTF_8));
        Map<String, Tensor> loaded = new LinkedHashMap<>();
        while (m.find()) {
            String[] dims = m.group(3).isEmpty() ? new String[0] : m.group(3).split(",");
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Long.parseLong(dims[i]);
            }
            int begin = Integer.parseInt(m.group(4)), end = Integer.parseInt(m.group(5));
            ByteBuffer d = ByteBuffer.wrap(bytes, 8 + n + begin, end - begin).order(ByteOrder.LITTLE_ENDIAN);
            String c = m.group(2);
            int count = (end - begin) / (c.equals("I64") ? 8 : c.equals("F32") ? 4 : 2);
            double[] v = new double[count];
            for (int i = 0; i < count; i++) {
                v[i] = c.equals("I64") ? d.getLong() : c.equals("F32") ? d.getFloat() : d.getShort();
            }
            Tensor t = TorchArrays.tensor(v, shape);
            t = c.equals("I64") ? t.toType(torch.ScalarType.Long) : c.equals("F32") ? t.toType(torch.ScalarType.Float)
                    : t.toType(torch.ScalarType.Short).view(type(c)).toType(torch.ScalarType.Float);
            loaded.put(m.group(1), t);
        }
        assertThat(loaded.keySet()).containsExactly(KEYS);
        Tensor[] t = new Tensor[9];
        for (int i = 0; i < 9; i++) {
            t[i] = loaded.get(KEYS[i]);
            if (i != 6) {
                // libtorch reads exactly its own rounding of jgrad's float32 weights
                Tensor own = TorchArrays.tensor(state.get(KEYS[i])).toType(type(code)).toType(torch.ScalarType.Float);
                assertThat(TorchArrays.doubles(t[i])).as(KEYS[i] + " " + code).containsExactly(TorchArrays.doubles(own));
            }
        }
        assertThat(TorchArrays.doubles(t[6])).containsExactly(1.0);
        // and gives the outputs of jgrad's model loaded from the same file
        Sequential back = jgradModel(99);
        back.loadStateDict(SafeTensors.load(path), true);
        back.eval();
        jgrad.tensor.Tensor x = jgrad.tensor.Tensor.randn(DType.FLOAT32, new Random(9), 4, 1, 8, 8);
        double[] want = TorchArrays.doubles(torchForward(TorchArrays.tensor(x), t, false));
        double[] got = back.forward(x).toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s output %d", code, i)
                    .isLessThanOrEqualTo(1e-5 * Math.max(1, Math.abs(want[i])));
        }
        if (code.equals("F32")) {   // F32 is lossless: the original model gives the same outputs too
            net.eval();
            double[] orig = net.forward(x).toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(Math.abs(orig[i] - want[i])).isLessThanOrEqualTo(1e-5 * Math.max(1, Math.abs(want[i])));
            }
        }
        // bad input names the key, both shapes, and the strict=false escape hatch
        Map<String, jgrad.tensor.Tensor> wrong = new LinkedHashMap<>(SafeTensors.load(path));
        wrong.put("4.weight", jgrad.tensor.Tensor.zeros(3, 100));
        assertThatThrownBy(() -> jgradModel(1).loadStateDict(wrong, true))
                .hasMessageContaining("'4.weight'").hasMessageContaining("[3, 100]").hasMessageContaining("[3, 144]");
        Map<String, jgrad.tensor.Tensor> missing = new LinkedHashMap<>(SafeTensors.load(path));
        missing.remove("1.running_var");
        missing.put("fc.extra", jgrad.tensor.Tensor.zeros(2));
        assertThatThrownBy(() -> jgradModel(1).loadStateDict(missing, true))
                .hasMessageContaining("'1.running_var'").hasMessageContaining("'fc.extra'").hasMessageContaining("strict=false");
    }
}
