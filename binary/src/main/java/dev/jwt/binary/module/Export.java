package dev.jwt.binary.module;

public record Export(String name, ExternKind kind, int index) {
}
