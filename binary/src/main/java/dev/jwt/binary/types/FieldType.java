package dev.jwt.binary.types;

/** A struct field or array element: its storage type and mutability. */
public record FieldType(StorageType storage, boolean mutable) {
}
