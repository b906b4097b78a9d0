package jgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the complete new content, never
 * half of it: the content goes to a temporary file in the same directory, is flushed to disk,
 * and is then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. If anything
 * fails before the rename, the temporary file is deleted and the old file is untouched.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("model.json"), json);
 * AtomicFiles.write(Path.of("weights.bin"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream; may throw midway. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (do not close it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} as UTF-8, atomically. @throws IOException if writing or the rename fails */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }

    /**
     * Writes {@code content} to {@code target}, atomically.
     *
     * @throws IOException if the directory is not writable, {@code content} throws, or the file
     *     system cannot rename atomically ({@link java.nio.file.AtomicMoveNotSupportedException});
     *     the old file, if any, is then left as it was and no temporary file remains
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepPermissions(tmp, absolute);
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A temporary file is created owner-only (rw-------); the file it replaces keeps its old
     * permissions, and a new file gets the usual rw-r--r--. No-op where POSIX permissions do not exist.
     */
    private static void keepPermissions(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }
}
