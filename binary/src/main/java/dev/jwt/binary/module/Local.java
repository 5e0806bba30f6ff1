package dev.jwt.binary.module;

import dev.jwt.binary.types.ValType;

/** A run of {@code count} locals of one type, as the code section groups them. */
public record Local(long count, ValType type) {
}
