package dev.jwt.binary.module;

/** A data segment; {@code offset} is null for a passive one. {@code flags} is the 0-2 encoding prefix. */
public record DataSegment(boolean active, int memory, ConstExpr offset, Bytes bytes, int flags) {
}
