package dev.jwt.binary.types;

/** What a type definition defines: a function, struct or array type (continuations under stack switching). */
public sealed interface CompositeType permits FuncType, StructType, ArrayType, ContType {
}
