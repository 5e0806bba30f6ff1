package dev.jwt.text;

import dev.jwt.binary.WasmException;

/**
 * Text that does not parse: the spec's "malformed" kind, with the file, line and column of the
 * fault. {@link #getMessage()} renders it the way wasm-tools does: the message, an arrow with the
 * place, the source line and a caret under the column.
 */
public class TextException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** Lines longer than this are not quoted in the rendered error. */
    private static final int LONG_LINE = 1024;

    private final String file;
    private final int line;
    private final int column;
    private final String sourceLine;

    /** {@code line} and {@code column} are 1-based; {@code sourceLine} may be null. */
    public TextException(String message, String file, int line, int column, String sourceLine) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED;
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    @Override
    public String place() {
        return file + ":" + line + ":" + column;
    }

    /**
     * The rendered error, as wasm-tools prints it after {@code error: }:
     * <pre>
     * unknown operator
     *      --&gt; foo.wat:3:7
     *       |
     *     3 |   (i32.bad)
     *       |    ^
     * </pre>
     */
    @Override
    public String getMessage() {
        if (sourceLine == null || sourceLine.length() > LONG_LINE) {
            // A snippet of a very long line helps nobody: one line, like wasm-tools.
            return bareMessage() + " at " + place();
        }
        StringBuilder sb = new StringBuilder(bareMessage());
        sb.append("\n     --> ").append(place());
        sb.append("\n      |\n");
        sb.append(String.format("%5d | ", line)).append(sourceLine).append('\n');
        sb.append("      | ").append(" ".repeat(Math.max(0, column - 1))).append('^');
        return sb.toString();
    }
}
