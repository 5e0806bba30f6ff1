package dev.jwt.cli.dump;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.code.Ordering;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.List;
import java.util.Locale;

/**
 * Writes one instruction the way wasm-tools dump does: the operator's name in snake case
 * ({@code i32_const}, {@code local_get}) and each immediate as {@code field:value}, e.g.
 * {@code call_indirect type_index:5 table_index:0}. The names come from the one {@link Opcode}
 * table; the immediates' field names are wasm-tools', chosen here by immediate shape and opcode.
 */
final class OperatorText implements InstructionVisitor {
    private final StringBuilder out = new StringBuilder();

    /** The text of the instruction visited last, clearing it. */
    String take() {
        String s = out.toString();
        out.setLength(0);
        return s;
    }

    static String name(Opcode op) {
        return switch (op) {
            case REF_TEST -> "ref_test_non_null";
            case REF_TEST_NULLABLE -> "ref_test_nullable";
            case REF_CAST -> "ref_cast_non_null";
            case REF_CAST_NULLABLE -> "ref_cast_nullable";
            case REF_CAST_DESC_EQ -> "ref_cast_desc_eq_non_null";
            case REF_CAST_DESC_EQ_NULLABLE -> "ref_cast_desc_eq_nullable";
            default -> op.mnemonic().replace('.', '_').toLowerCase(Locale.ROOT);
        };
    }

    private OperatorText op(Opcode op) {
        out.append(name(op));
        return this;
    }

    private OperatorText field(String name, Object value) {
        out.append(' ').append(name).append(':').append(value);
        return this;
    }

    @Override
    public void visitSimple(Opcode op) {
        op(op);
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        op(op).field("blockty", ParserNotation.blockType(type));
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        long value = index & 0xFFFFFFFFL;
        op(op).field(indexField(op), value);
    }

    private static String indexField(Opcode op) {
        switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_NEW_DESC, STRUCT_NEW_DEFAULT_DESC:
                return "struct_type_index";
            case ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U, ARRAY_SET, ARRAY_FILL:
                return "array_type_index";
            default:
                break;
        }
        return switch (op.immediate()) {
            case LABEL -> "relative_depth";
            case FUNC -> "function_index";
            case TYPE -> op.mnemonic().startsWith("cont.") ? "cont_type_index" : "type_index";
            case LOCAL -> "local_index";
            case GLOBAL -> "global_index";
            case TABLE -> "table";
            case MEMORY -> "mem";
            case TAG -> "tag_index";
            case ELEM -> "elem_index";
            case DATA -> "data_index";
            case LANE -> "lane";
            default -> "index";
        };
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        long a = first & 0xFFFFFFFFL;
        long b = second & 0xFFFFFFFFL;
        op(op);
        switch (op.immediate()) {
            case CALL_INDIRECT -> field("type_index", a).field("table_index", b);
            case TYPE_FIELD -> field("struct_type_index", a).field("field_index", b);
            case TYPE_TYPE -> {
                if (op == Opcode.CONT_BIND) { // stack-switching
                    field("argument_index", a).field("result_index", b);
                } else {
                    field("array_type_index_dst", a).field("array_type_index_src", b);
                }
            }
            case TYPE_TAG -> field("cont_type_index", a).field("tag_index", b); // stack-switching
            case TYPE_DATA -> field("array_type_index", a).field("array_data_index", b);
            case TYPE_ELEM -> field("array_type_index", a).field("array_elem_index", b);
            case TYPE_COUNT -> field("array_type_index", a).field("array_size", b);
            case DATA_MEMORY -> field("data_index", a).field("mem", b);
            case ELEM_TABLE -> field("elem_index", a).field("table", b);
            case TABLE_TABLE -> field("dst_table", a).field("src_table", b);
            case MEMORY_MEMORY -> field("dst_mem", a).field("src_mem", b);
            default -> field("first", a).field("second", b);
        }
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        StringBuilder targets = new StringBuilder("[");
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                targets.append(", ");
            }
            targets.append(labels[i] & 0xFFFFFFFFL);
        }
        targets.append(']');
        op(Opcode.BR_TABLE).field("targets", "BrTable { count: " + labels.length + ", default: "
                + (defaultLabel & 0xFFFFFFFFL) + ", targets: " + targets + " }");
    }

    private static String memArg(Opcode op, int align, int memory, long offset) {
        int maxAlign = Integer.numberOfTrailingZeros(Math.max(1, op.accessBytes()));
        return "MemArg { align: " + align + ", max_align: " + maxAlign + ", offset: " + Long.toUnsignedString(offset)
                + ", memory: " + (memory & 0xFFFFFFFFL) + " }";
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        op(op).field("memarg", memArg(op, align, memory, offset));
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        op(op).field("memarg", memArg(op, align, memory, offset)).field("lane", lane);
    }

    @Override
    public void visitI32Const(int value) {
        op(Opcode.I32_CONST).field("value", value);
    }

    @Override
    public void visitI64Const(long value) {
        op(Opcode.I64_CONST).field("value", value);
    }

    @Override
    public void visitF32Const(int bits) {
        op(Opcode.F32_CONST).field("value", "Ieee32(" + Integer.toUnsignedString(bits) + ")");
    }

    @Override
    public void visitF64Const(long bits) {
        op(Opcode.F64_CONST).field("value", "Ieee64(" + Long.toUnsignedString(bits) + ")");
    }

    @Override
    public void visitV128Const(long low, long high) {
        StringBuilder b = new StringBuilder("V128([");
        for (int i = 0; i < 16; i++) {
            long word = i < 8 ? low : high;
            if (i > 0) {
                b.append(", ");
            }
            b.append((word >>> (8 * (i % 8))) & 0xFF);
        }
        op(Opcode.V128_CONST).field("value", b.append("])"));
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < lanes.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(lanes[i] & 0xFF);
        }
        op(Opcode.I8X16_SHUFFLE).field("lanes", b.append(']'));
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        if (types.size() == 1) {
            out.append("typed_select");
            field("ty", ParserNotation.valType(types.get(0)));
        } else {
            out.append("typed_select_multi");
            field("tys", ParserNotation.list(types, ParserNotation::valType));
        }
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        op(op).field("hty", ParserNotation.heapType(type));
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        op(op).field("relative_depth", label & 0xFFFFFFFFL).field("from_ref_type", ParserNotation.refType(from))
                .field("to_ref_type", ParserNotation.refType(to));
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        String list = ParserNotation.list(catches, c -> switch (c.kind()) {
            case CATCH -> "One { tag: " + c.tag() + ", label: " + c.label() + " }";
            case CATCH_REF -> "OneRef { tag: " + c.tag() + ", label: " + c.label() + " }";
            case CATCH_ALL -> "All { label: " + c.label() + " }";
            case CATCH_ALL_REF -> "AllRef { label: " + c.label() + " }";
        });
        op(Opcode.TRY_TABLE).field("try_table", "TryTable { ty: " + ParserNotation.blockType(type) + ", catches: "
                + list + " }");
    }

    @Override
    public void visitAtomicFence() {
        op(Opcode.ATOMIC_FENCE);
    }

    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<dev.jwt.binary.code.Handler> handlers) {
        op(op).field("cont_type_index", type & 0xFFFFFFFFL);
        if (tag >= 0) {
            field("tag_index", tag & 0xFFFFFFFFL);
        }
        field("resume_table", "ResumeTable { handlers: " + ParserNotation.list(handlers, h -> h.isSwitch()
                ? "OnSwitch { tag: " + (h.tag() & 0xFFFFFFFFL) + " }"
                : "OnLabel { tag: " + (h.tag() & 0xFFFFFFFFL) + ", label: " + (h.label() & 0xFFFFFFFFL) + " }") + " }");
    }

    // shared-everything-threads: wasmparser's field names.

    @Override
    public void visitOrderedIndex(Opcode op, Ordering ordering, int index) {
        String name = switch (op.immediate()) {
            case ORDERING_GLOBAL -> "global_index";
            case ORDERING_TABLE -> "table_index";
            default -> "array_type_index";
        };
        op(op).field("ordering", ordering(ordering)).field(name, index & 0xFFFFFFFFL);
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex) {
        op(op).field("ordering", ordering(ordering)).field("struct_type_index", typeIndex & 0xFFFFFFFFL)
                .field("field_index", fieldIndex & 0xFFFFFFFFL);
    }

    private static String ordering(Ordering o) {
        return o == Ordering.SEQ_CST ? "SeqCst" : "AcqRel";
    }
}
