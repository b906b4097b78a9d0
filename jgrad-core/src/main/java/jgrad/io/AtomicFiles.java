package jgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see either the old content or the complete new content, never
 * half of it: the content goes to a temporary file in the same directory, is flushed to disk,
 * and is then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. If anything
 * fails before the rename, the temporary file is deleted and the old file is untouched.
 *
 * <p>No temporary file outlives its save: a failure deletes it, and so does the JVM's shutdown on
 * Ctrl-C or SIGTERM (a shutdown hook). A process killed outright ({@code kill -9}) cannot clean
 * up, so each temporary file carries the id of the process that wrote it
 * ({@code .model.json.<pid>.<random>.tmp}), and the next save to the same target deletes those
 * whose process is gone. A target that is a symbolic link keeps its link: the file it points to is
 * replaced, as editors do. Errors name the target, never the temporary file.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("model.json"), json);
 * AtomicFiles.write(Path.of("weights.bin"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
    /** The temporary files being written now, deleted by the shutdown hook if the JVM stops first. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    /** Guards {@link #IN_FLIGHT} against the hook: no temporary file is made once the JVM stops. */
    private static final Object LOCK = new Object();
    private static boolean shuttingDown;
    private static volatile boolean hookAdded;

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
     * @throws IOException naming {@code target} if the directory is not writable, {@code content}
     *     throws, the disk is full, or the file system cannot rename atomically
     *     ({@link java.nio.file.AtomicMoveNotSupportedException}); the old file, if any, is then left
     *     as it was and no temporary file remains
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = resolveLinks(target.toAbsolutePath());
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": the folder " + dir + " does not exist");
        }
        String prefix = "." + absolute.getFileName() + ".";
        sweep(dir, prefix);
        addHook();
        Path tmp;
        synchronized (LOCK) {
            if (shuttingDown) {
                throw new IOException("cannot write " + target + ": the JVM is shutting down");
            }
            try {
                tmp = Files.createTempFile(dir, prefix + ProcessHandle.current().pid() + ".", ".tmp");
            } catch (IOException e) {
                throw failure(target, e);
            }
            IN_FLIGHT.add(tmp);
        }
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
        } catch (IOException e) {
            throw failure(target, e);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
            IN_FLIGHT.remove(tmp);
        }
    }

    /** An error that names the target and says that the old file is kept. */
    private static IOException failure(Path target, IOException e) {
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException) {
            reason = "permission denied in its folder";
        }
        return new IOException("cannot write " + target + ": " + reason
                + (Files.exists(target) ? " (the previous file is kept)" : ""), e);
    }

    /** The file a chain of symbolic links ends at (which need not exist yet), so that the links stay. */
    private static Path resolveLinks(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new IOException("cannot write " + path + ": too many symbolic links");
            }
            Path next = Files.readSymbolicLink(p);
            p = p.toAbsolutePath().getParent().resolve(next).normalize();
        }
        return p;
    }

    /** Deletes temporary files of earlier saves to this target whose process no longer runs. */
    private static void sweep(Path dir, String prefix) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob(prefix) + "*.tmp")) {
            for (Path f : files) {
                String rest = f.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    pid = -1;   // an older jgrad's name, without a process id
                }
                boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // sweeping is housekeeping: the save itself must not fail for it
        }
    }

    /** {@code s} with glob metacharacters escaped. */
    private static String glob(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void addHook() {
        if (hookAdded) {
            return;
        }
        synchronized (AtomicFiles.class) {
            if (!hookAdded) {
                // NOTE: other threads go on running while hooks run, so the hook also stops new saves
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    synchronized (LOCK) {
                        shuttingDown = true;
                        for (Path p : IN_FLIGHT) {
                            try {
                                Files.deleteIfExists(p);
                            } catch (IOException e) {
                                // nothing more can be done while the JVM stops
                            }
                        }
                    }
                }, "jgrad-temp-cleanup"));
                hookAdded = true;
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
