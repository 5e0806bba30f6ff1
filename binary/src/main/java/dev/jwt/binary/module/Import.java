package dev.jwt.binary.module;

public record Import(String module, String name, ImportDesc desc) {
}
