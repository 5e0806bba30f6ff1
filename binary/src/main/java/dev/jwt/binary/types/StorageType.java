package dev.jwt.binary.types;

/** What a struct field or array element holds: a value type or a packed type. */
public sealed interface StorageType permits ValType, PackedType {
}
