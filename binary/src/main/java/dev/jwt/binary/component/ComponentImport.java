package dev.jwt.binary.component;

/** {@code import}: {@code (import na et)}. */
public record ComponentImport(ExternName name, ExternType type) {
}
