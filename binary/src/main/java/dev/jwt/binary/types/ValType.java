package dev.jwt.binary.types;

/** A value type: a number, a vector, or a reference. */
public sealed interface ValType extends StorageType permits NumType, VecType, RefType {
}
