package dev.jwt.binary.types;

public record TableType(RefType element, Limits limits) {
}
