package dev.jwt.cli;

/**
 * A failure of a command that is not about WebAssembly itself: an unreadable input file, an
 * output that cannot be written, binary output to a terminal. Printed as one {@code error:}
 * line, exit code 1.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
