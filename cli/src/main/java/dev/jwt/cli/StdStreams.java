package dev.jwt.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The standard streams one run of the CLI reads and writes, and the environment variables it
 * sees. {@link Jwt#main} passes the process's own; tests pass byte buffers and maps, so a whole
 * command line runs in-process.
 *
 * @param outIsTerminal whether {@code out} is a terminal; binary wasm is never written to one
 * @param env           the environment variables (e.g. {@code WAST_STRICT_COMPONENT_INDICES})
 */
public record StdStreams(InputStream in, OutputStream out, OutputStream err, boolean outIsTerminal,
        Map<String, String> env) {

    public StdStreams {
        env = Map.copyOf(env);
    }

    /** Streams of a run that sees the process's environment. */
    public StdStreams(InputStream in, OutputStream out, OutputStream err, boolean outIsTerminal) {
        this(in, out, err, outIsTerminal, System.getenv());
    }

    /**
     * Whether component text must use the strict reference forms: wasm-tools also accepts the
     * legacy ones under {@code WAST_STRICT_COMPONENT_INDICES=0}.
     */
    public boolean strictComponentIndices() {
        return !"0".equals(env.get("WAST_STRICT_COMPONENT_INDICES"));
    }

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
