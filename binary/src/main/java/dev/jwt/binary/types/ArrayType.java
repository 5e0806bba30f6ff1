package dev.jwt.binary.types;

public record ArrayType(FieldType element) implements CompositeType {
}
