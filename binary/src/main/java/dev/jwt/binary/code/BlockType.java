package dev.jwt.binary.code;

import dev.jwt.binary.types.ValType;

/** The type of a block, loop, if, try or try_table. */
public sealed interface BlockType {
    /** {@code []->[]}, encoded 0x40. */
    record Empty() implements BlockType {}

    /** {@code []->[t]}. */
    record Value(ValType type) implements BlockType {}

    /** A type index (s33) naming a function type. */
    record Indexed(int typeIndex) implements BlockType {}

    BlockType EMPTY = new Empty();
}
