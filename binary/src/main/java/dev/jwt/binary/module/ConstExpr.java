package dev.jwt.binary.module;

/**
 * A constant expression kept as its encoded instructions, final {@code end} included; read it with
 * an instruction reader like a function body. {@code offset} is where the bytes start in the
 * decoded binary (0 for a module built in memory), for error messages.
 */
public record ConstExpr(Bytes code, long offset) {
}
