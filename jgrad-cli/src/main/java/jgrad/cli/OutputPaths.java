package jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of where a command will write, made before the work starts, so that a bad {@code --out}
 * or {@code -o} fails at once with a message that names it, not after minutes of training.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Makes sure {@code dir} is (or can become) a writable folder, creating it.
     *
     * @throws Main.UsageException naming {@code option} if it is a file, or a file stands where a parent folder should
     * @throws IOException naming the folder if it cannot be created or written to
     */
    static void checkDir(Path dir, String option) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Main.UsageException(option + " " + dir + ": that is a file, not a folder; give a folder"
                    + " (it is created if it does not exist)");
        }
        Path blocker = fileOnTheWay(dir);
        if (blocker != null) {
            throw new Main.UsageException(option + " " + dir + ": " + blocker + " is a file, so no folder can be made"
                    + " inside it; give another folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + " (" + option + "): " + Main.oneLine(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write into the folder " + dir + " (" + option + "): permission denied;"
                    + " give a folder you can write to");
        }
    }

    /**
     * Makes sure {@code file} can be written: not a folder, its folder not a file.
     *
     * @throws Main.UsageException naming {@code option} if not
     */
    static void checkFile(Path file, String option) throws IOException {
        if (Files.isDirectory(file)) {
            throw new Main.UsageException(option + " " + file + ": that is a folder; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        Path blocker = fileOnTheWay(parent);
        if (blocker != null) {
            throw new Main.UsageException(option + " " + file + ": " + blocker + " is a file, not a folder;"
                    + " give a path whose folders exist or can be created");
        }
        if (Files.isDirectory(parent) && !Files.isWritable(parent)) {
            throw new IOException("cannot write " + file + " (" + option + "): the folder " + parent
                    + " is not writable");
        }
    }

    /** The first existing non-folder among {@code dir} and its parents, or null. */
    private static Path fileOnTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }
}
