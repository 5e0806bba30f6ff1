package dev.jwt.binary.types;

public record MemoryType(Limits limits) {
}
