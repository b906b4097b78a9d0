package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import jgrad.tensor.DType;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written byte by byte from the format's description, plain and gzipped. */
class IdxTest {
    @TempDir
    Path dir;

    /** 0, 0, type, rank, the dims big-endian, then the payload. */
    private static byte[] idx(int type, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);   // DataOutputStream is big-endian
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(payload);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(content);
        }
        return p;
    }

    /** Two 2×3 images: pixel values 0, 51, 102, ... 255 and their reverse. */
    private static byte[] twoImages() throws IOException {
        byte[] px = new byte[12];
        int[] values = {0, 51, 102, 153, 204, 255};
        for (int i = 0; i < 6; i++) {
            px[i] = (byte) values[i];
            px[6 + i] = (byte) values[5 - i];
        }
        return idx(0x08, new int[] {2, 2, 3}, px);
    }

    @Test
    void readsImagesScaledToUnitRangePlainAndGzipped() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Tensor images = Idx.readImages(write("images" + gz, twoImages(), gz));
            assertThat(images.shape()).isEqualTo(Shape.of(2, 6));
            assertThat(images.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(images.get(0, 1)).isCloseTo(0.2, within(1e-7));
            assertThat(images.get(0, 5)).isEqualTo(1.0);
            assertThat(images.get(1, 0)).isEqualTo(1.0);
            assertThat(images.get(1, 5)).isEqualTo(0.0);
        }
    }

    @Test
    void readsLabels() throws IOException {
        Path p = write("labels.gz", idx(0x08, new int[] {4}, new byte[] {7, 2, 1, 0}), true);
        assertThat(Idx.readLabels(p)).containsExactly(7, 2, 1, 0);
    }

    @Test
    void readsOtherTypesBigEndian() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(payload);
        out.writeShort(-2);
        out.writeShort(300);
        Tensor shorts = Idx.read(write("s", idx(0x0B, new int[] {2}, payload.toByteArray()), false), DType.FLOAT64);
        assertThat(shorts.toDoubleArray()).containsExactly(-2, 300);
        payload.reset();
        out.writeDouble(0.1);
        out.writeDouble(-3e300);
        Tensor doubles = Idx.read(write("d", idx(0x0E, new int[] {1, 2}, payload.toByteArray()), false), DType.FLOAT64);
        assertThat(doubles.toDoubleArray()).containsExactly(0.1, -3e300);
        Tensor signed = Idx.read(write("b", idx(0x09, new int[] {1}, new byte[] {-5}), false), DType.FLOAT32);
        assertThat(signed.item()).isEqualTo(-5);
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        Path truncated = write("short", idx(0x08, new int[] {2, 2, 3}, new byte[5]), false);
        assertThatThrownBy(() -> Idx.readImages(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("[2, 2, 3]");
        Path trailing = write("long", idx(0x08, new int[] {1}, new byte[3]), false);
        assertThatThrownBy(() -> Idx.readLabels(trailing)).hasMessageContaining("trailing bytes");
        Path magic = write("magic", new byte[] {1, 2, 8, 1, 0, 0, 0, 0}, false);
        assertThatThrownBy(() -> Idx.readLabels(magic)).hasMessageContaining("magic");
        Path type = write("type", idx(0x07, new int[] {1}, new byte[1]), false);
        assertThatThrownBy(() -> Idx.readLabels(type)).hasMessageContaining("0x07");
        Path labelsAsImages = write("labels", idx(0x08, new int[] {3}, new byte[3]), false);
        assertThatThrownBy(() -> Idx.readImages(labelsAsImages)).hasMessageContaining("idx3");
        Path header = write("header", new byte[] {0, 0, 8, 3, 0, 0}, false);
        assertThatThrownBy(() -> Idx.readImages(header)).hasMessageContaining("header");
        Path whole = write("whole.gz", twoImages(), true);
        byte[] gz = Files.readAllBytes(whole);
        Path cut = write("cut.gz", java.util.Arrays.copyOf(gz, gz.length - 12), false);
        assertThatThrownBy(() -> Idx.readImages(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
        Path badGzip = write("bad.gz", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}, false);
        assertThatThrownBy(() -> Idx.readImages(badGzip)).hasMessageContaining(badGzip.toString());
    }
}
