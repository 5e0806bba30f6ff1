package dev.jwt.binary.component;

/**
 * {@code valtype}: a primitive, or an index of a defined value type. (Named so to keep apart from
 * the core {@link dev.jwt.binary.types.ValType}.)
 */
public sealed interface ComponentValType permits PrimValType, ComponentValType.TypeIndex {
    /** {@code i:<typeidx>}: the type index {@code i}, which must be a {@code defvaltype}. */
    record TypeIndex(int index) implements ComponentValType {}
}
