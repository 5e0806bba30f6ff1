package dev.jwt.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that it is either complete or untouched (DESIGN decision 4): the content goes
 * to a temporary file in the target's directory, which is renamed over the target only once all
 * of it is written. A failure while producing the content deletes the temporary file and leaves
 * whatever was at the target before.
 */
final class AtomicOutput {
    private AtomicOutput() {}

    /** Produces the content of a file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target}. A failure of the file system is a {@link CommandException} naming the
     * target (never the temporary file); whatever {@code content} throws otherwise passes through.
     */
    static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CommandException("failed to write `" + target + "`: Is a directory");
        }
        Path temp;
        try {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw failed(target, e);
        }
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            } catch (IOException | UncheckedIOException e) {
                throw failed(target, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
            }
            try {
                matchPermissions(absolute, temp);
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw failed(target, e);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static CommandException failed(Path target, IOException e) {
        String reason = e instanceof NoSuchFileException ? "No such file or directory"
                : e instanceof AccessDeniedException ? "Permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new CommandException("failed to write `" + target + "`: " + reason, e);
    }

    /**
     * Temporary files are created private (rw-------); the output should look like any file the
     * user creates: the old file's permissions when it is replaced, else rw-r--r--.
     */
    private static void matchPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (Files.exists(target)) {
            PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            view.setPermissions(old.readAttributes().permissions());
        } else {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
