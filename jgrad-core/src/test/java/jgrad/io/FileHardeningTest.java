package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import jgrad.data.InputFormatException;
import jgrad.data.InputLimits;
import jgrad.nn.MLP;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the defects of issue 17 in {@code jgrad.io}: bounded readers, checked models, clean saves. */
class FileHardeningTest {
    @TempDir
    Path dir;

    @Test
    void aGzipBombStopsAtTheFirstByteItsHeaderDoesNotPromise() throws IOException {
        // 4 MB of gzip that inflates to 4 GB behind a header that says [1, 1, 1]: Idx.readAll read it all
        Path bomb = dir.resolve("bomb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            out.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7});
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {   // 256 MB unpacked; the reader must stop after one byte
                out.write(zeros);
            }
        }
        assertThatThrownBy(() -> Idx.readImages(bomb)).isInstanceOf(InputFormatException.class)
                .hasMessage("IDX file " + bomb + " inflates past the size its header promises: shape [1, 1, 1] of"
                        + " unsigned bytes is 17 bytes, and the gzip stream holds more (refused at byte 18)");
    }

    @Test
    void anIdxHeaderThatPromisesMoreThanTheLimitIsRefusedBeforeAllocating() throws IOException {
        Path big = dir.resolve("big.idx.gz");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(raw);
        h.write(new byte[] {0, 0, 8, 3});
        h.writeInt(60000);
        h.writeInt(1000);
        h.writeInt(1000);   // 60 GB promised
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(big))) {
            out.write(raw.toByteArray());
        }
        assertThatThrownBy(() -> Idx.readImages(big)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("has more elements than a Java array can hold");
        ByteArrayOutputStream raw2 = new ByteArrayOutputStream();
        DataOutputStream h2 = new DataOutputStream(raw2);
        h2.write(new byte[] {0, 0, 8, 1});
        h2.writeInt(1 << 30);   // 1 GiB + header: over the 1 GiB default limit
        Path labels = dir.resolve("labels.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(labels))) {
            out.write(raw2.toByteArray());
        }
        String before = System.getProperty(InputLimits.PROPERTY);
        System.setProperty(InputLimits.PROPERTY, "512m");
        try {
            assertThatThrownBy(() -> Idx.readLabels(labels)).isInstanceOf(InputFormatException.class)
                    .hasMessageContaining("the IDX data (unpacked) is 1.0 GiB (1073741824 bytes), over jgrad's input limit");
        } finally {
            restore(before);
        }
    }

    @Test
    void safetensorsWithNonFiniteWeightsEmptyNamesOrBadUtf8AreRefused() throws IOException {
        Path nan = dir.resolve("nan.safetensors");
        SafeTensors.save(nan, Map.of("w", Tensor.of(new float[] {1f, Float.NaN}, 2)));
        assertThatThrownBy(() -> SafeTensors.load(nan)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("tensor 'w' holds NaN at flat index 1").hasMessageContaining("load(file, true)");
        assertThat(SafeTensors.load(nan, true).get("w").toFloatArray()[1]).isNaN();

        assertThatThrownBy(() -> SafeTensors.fromBytes(file("{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "empty.safetensors")).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("has a tensor with an empty name");
        byte[] latin1 = file("{\"caf\u00e9\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        byte[] asLatin1 = latin1.clone();
        // re-encode the header's é as one Latin-1 byte: the header is then not UTF-8
        String header = "{\"caf\u00e9\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(1f);
        assertThat(asLatin1).isNotEmpty();
        assertThatThrownBy(() -> SafeTensors.fromBytes(b.array(), "latin1.safetensors"))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("latin1.safetensors (header): byte offset 5 (E9) is not valid UTF-8");
    }

    @Test
    void modelFilesAreDecodedStrictlyAndMayStartWithAByteOrderMark() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFile.save(file, sample());
        String json = Files.readString(file);
        Files.write(file, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));   // an editor's BOM
        assertThat(ModelFile.load(file).classNames()).containsExactly("blue", "red");
        Files.write(file, json.replace("\"blue\"", "\"bl\u00fce\"").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining(file + ": byte offset").hasMessageContaining("(FC) is not valid UTF-8");
        Files.writeString(file, json.replace("\"blue\"", "\"red\""));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("class names repeat: [red, red]");
        Files.writeString(file, json.replaceFirst("\"weights\": \\[\\s*\\[-?[0-9.E-]+", "\"weights\": [[1e999"));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("layers[0].weights[0][0] is out of the range of a double");
        assertThatThrownBy(() -> ModelFile.load(dir)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("is a directory, not a model file");
    }

    @Test
    void aSaveThroughASymlinkReplacesItsTargetAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("model.json");
        Path link = dir.resolve("model.json");
        ModelFile.save(real, sample());
        Files.createSymbolicLink(link, real);
        AtomicFiles.writeString(link, "{}");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("{}");
        try (var files = Files.list(real.getParent())) {
            assertThat(files).containsExactly(real);
        }
    }

    @Test
    void leftoversOfAKilledSaveAreSweptByTheNextSaveButALiveOnesAreNot() throws IOException {
        Path target = dir.resolve("model.json");
        Path dead = dir.resolve(".model.json.999999999.123.tmp");    // no such process
        Path legacy = dir.resolve(".model.json.4567890123.tmp");      // an older jgrad's name
        Path live = dir.resolve(".model.json." + ProcessHandle.current().pid() + ".77.tmp");
        Path other = dir.resolve(".other.json.999999999.1.tmp");
        for (Path p : List.of(dead, legacy, live, other)) {
            Files.writeString(p, "partial");
        }
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(dead).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
    }

    @Test
    void saveErrorsNameTheTargetNotTheTemporaryFile() throws IOException {
        Path missing = dir.resolve("no-such-folder").resolve("model.json");
        assertThatThrownBy(() -> AtomicFiles.writeString(missing, "x")).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + missing + ": the folder " + missing.getParent() + " does not exist");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).hasMessage("cannot write " + dir + ": it is a directory");
    }

    private static SavedModel sample() {
        MLP model = MLP.builder(2, 3, 1).build(new Random(5));
        return new SavedModel(model, null, List.of("x", "y"), List.of("blue", "red"), Map.of());
    }

    /** A safetensors file: the header text, then {@code dataBytes} zero bytes. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(InputLimits.PROPERTY);
        } else {
            System.setProperty(InputLimits.PROPERTY, before);
        }
    }
}
