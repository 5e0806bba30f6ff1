package dev.jwt.binary;

/**
 * The shape of an instruction's immediates in the binary format. Each {@link Opcode} has exactly
 * one; decoder, encoder, text parser, printer, validator and compiler switch on it.
 */
public enum Immediate {
    /** No immediates. */
    NONE,
    /** A block type: empty, one value type, or a type index (s33). block, loop, if, try. */
    BLOCK_TYPE,
    /** A label index. br, br_if, br_on_null, br_on_non_null, rethrow, delegate. */
    LABEL,
    /** A vector of label indices followed by the default label. */
    BR_TABLE,
    /** A function index. call, return_call, ref.func. */
    FUNC,
    /** A type index, then a table index. call_indirect, return_call_indirect. */
    CALL_INDIRECT,
    /** A type index. call_ref, struct.new, array.get, ... */
    TYPE,
    LOCAL,
    GLOBAL,
    TABLE,
    /** A memory index. memory.size, memory.grow, memory.fill. */
    MEMORY,
    TAG,
    ELEM,
    DATA,
    /** Alignment (with the multi-memory flag bit 6), optional memory index, offset (u64). */
    MEMARG,
    /** A memarg followed by a lane index byte. v128.load8_lane ... */
    MEMARG_LANE,
    /** A lane index byte. extract_lane / replace_lane. */
    LANE,
    /** Sixteen lane index bytes. i8x16.shuffle. */
    SHUFFLE,
    I32,
    I64,
    /** Four bytes, the IEEE bits, little endian. */
    F32,
    /** Eight bytes, the IEEE bits, little endian. */
    F64,
    /** Sixteen bytes. */
    V128,
    /** A vector of value types. select t*. */
    SELECT_TYPES,
    /** A heap type. ref.null, ref.test, ref.cast. */
    HEAP_TYPE,
    /** A type index and a field index. struct.get/set. */
    TYPE_FIELD,
    /** Two type indices. array.copy. */
    TYPE_TYPE,
    /** A type index and a data index. array.new_data, array.init_data. */
    TYPE_DATA,
    /** A type index and an element index. array.new_elem, array.init_elem. */
    TYPE_ELEM,
    /** A type index and a u32 count. array.new_fixed. */
    TYPE_COUNT,
    /** A data index, then a memory index. memory.init. */
    DATA_MEMORY,
    /** An element index, then a table index. table.init. */
    ELEM_TABLE,
    /** Destination then source table index. table.copy. */
    TABLE_TABLE,
    /** Destination then source memory index. memory.copy. */
    MEMORY_MEMORY,
    /** Cast flags byte, label index, two heap types. br_on_cast, br_on_cast_fail. */
    BR_ON_CAST,
    /** A block type and a vector of catch clauses. try_table. */
    TRY_TABLE,
    /** A single reserved zero byte. atomic.fence. */
    ATOMIC_FENCE,
    // stack-switching
    /** A continuation type index, then a tag index. switch. */
    TYPE_TAG,
    /** A continuation type index and a vector of handlers. resume, resume_throw_ref. */
    RESUME,
    /** A continuation type index, a tag index and a vector of handlers. resume_throw. */
    RESUME_THROW,
    // shared-everything-threads: a memory ordering byte ({@link dev.jwt.binary.code.Ordering}), then indices.
    /** An ordering, then a global index. global.atomic.*. */
    ORDERING_GLOBAL,
    /** An ordering, then a table index. table.atomic.*. */
    ORDERING_TABLE,
    /** An ordering, then a type index. array.atomic.*. */
    ORDERING_TYPE,
    /** An ordering, a type index and a field index. struct.atomic.*. */
    ORDERING_TYPE_FIELD
}
