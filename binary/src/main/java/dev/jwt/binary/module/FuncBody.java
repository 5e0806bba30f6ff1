package dev.jwt.binary.module;

import java.util.List;

/**
 * A function body: its local declarations and its instructions as bytes (final {@code end}
 * included), streamed to visitors by an instruction reader. {@code offset} is where the
 * instructions start in the decoded binary, for error messages and {@code --print-offsets}.
 */
public record FuncBody(List<Local> locals, Bytes instructions, long offset) {
    public FuncBody {
        locals = List.copyOf(locals);
    }
}
