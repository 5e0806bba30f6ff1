package dev.jwt.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard streams one run of the CLI reads and writes. {@link Jwt#main} passes the process's
 * own; tests pass byte buffers, so a whole command line runs in-process.
 *
 * @param outIsTerminal whether {@code out} is a terminal; binary wasm is never written to one
 */
public record StdStreams(InputStream in, OutputStream out, OutputStream err, boolean outIsTerminal) {

    /**
     * The process's streams; the output ones are unbuffered file descriptors (the commands buffer
     * what they write): binary output must not pass through {@code System.out}'s character encoder.
     */
    public static StdStreams system() {
        // System.in, not a FileInputStream on fd 0: the latter's readAllBytes seeks, which fails on a
        // pipe ("Illegal seek") in some JDK 17 builds.
        return new StdStreams(System.in, new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), stdoutIsTerminal());
    }

    /**
     * Whether standard output is a terminal. Up to JDK 21 {@link System#console()} is non-null
     * exactly when stdin and stdout are terminals; from JDK 22 it is always non-null and
     * {@code Console.isTerminal()} (looked up reflectively: the code is compiled for 17) tells.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
