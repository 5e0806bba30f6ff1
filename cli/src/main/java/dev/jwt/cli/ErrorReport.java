package dev.jwt.cli;

import dev.jwt.binary.WasmException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The one place that turns a failure into what the user sees: a single {@code error: <message>}
 * line (text errors add their source excerpt below it, as wasm-tools does), never a Java stack
 * trace. Anything unexpected is reported as {@code error: internal error: ...}. Setting the
 * environment variable {@code JWT_BACKTRACE=1} adds the stack trace, for jwt's developers.
 */
final class ErrorReport {
    private ErrorReport() {}

    static void print(Throwable failure, PrintWriter err) {
        err.println("error: " + message(failure));
        if ("1".equals(System.getenv("JWT_BACKTRACE"))) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    /** The text after {@code error: }; may span lines (a text error's source excerpt). */
    static String message(Throwable failure) {
        if (failure instanceof WasmException e) {
            return e.getMessage();
        }
        if (failure instanceof CommandException e) {
            return e.getMessage();
        }
        if (failure instanceof UncheckedIOException e) {
            return ioMessage(e.getCause());
        }
        if (failure instanceof IOException e) {
            return ioMessage(e);
        }
        return "internal error: " + describe(failure);
    }

    private static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return "failed to open `" + f.getFile() + "`: No such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return "failed to open `" + f.getFile() + "`: Permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return "`" + f.getFile() + "`: " + f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "I/O error: " + describe(e) : "I/O error: " + oneLine(m);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String what = t.getClass().getName();
        return m == null || m.isBlank() ? what : what + ": " + oneLine(m);
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
