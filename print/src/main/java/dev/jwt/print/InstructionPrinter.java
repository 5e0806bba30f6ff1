package dev.jwt.print;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.Handler;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.code.Ordering;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints the instructions of one function body or constant expression as they stream out of the
 * {@link InstructionReader} (DESIGN decision 2): one line per instruction, blocks indented, labels
 * by name where the name section gives one and it is not shadowed, else by depth with the
 * absolute label in a comment ({@code br 0 (;@1;)}). Mnemonics come from {@link Opcode}.
 */
final class InstructionPrinter implements InstructionVisitor {
    private final ModulePrinter m;
    private StringBuilder out;
    private final InstructionReader reader;
    private final int func;
    private final Map<Integer, String> labelNameMap;
    private final Namespace locals;
    /** Constant expression: instructions on one line, separated by spaces. */
    private boolean inline;
    /** Folding: each instruction's text goes alone into {@link #out}, for the {@link FoldingPrinter}. */
    private boolean capture;
    private boolean first = true;

    /** The label of each open block; index 0 is the function's own (unnamed) label. */
    private String[] labels = new String[8];
    private int depth = 1;
    private int labelCounter;
    private long endOffset = -1;
    private boolean printedAny;

    InstructionPrinter(ModulePrinter m, int func, InstructionReader reader, boolean fold) {
        this.m = m;
        this.out = m.out;
        this.reader = reader;
        this.func = func;
        this.labelNameMap = func < 0 ? null : m.labelNames.get(func);
        this.locals = func < 0 ? Namespace.EMPTY : m.locals(func);
    }

    /** Prints a function body; returns whether any instruction line was printed. */
    boolean body(InstructionReader r) {
        r.readBody(this);
        return printedAny;
    }

    /** The offset of the body's final {@code end}. */
    long endOffset() {
        return endOffset;
    }

    /** Prints a constant expression inline (the cursor ends just past its {@code end}). */
    void constExpr(InstructionReader r) {
        inline = true;
        r.readExpression(this);
    }

    // ------------------------------------------------------------------ line handling

    private void start(Opcode op) {
        start(op.mnemonic());
    }

    private Map<Integer, String> codeMetadata;
    private long bodyStart;

    /** Code metadata annotations ({@code (@metadata.code.branch_hint "\01")}) by offset from {@code bodyStart}. */
    void codeMetadata(Map<Integer, String> byOffset, long bodyStart) {
        this.codeMetadata = byOffset;
        this.bodyStart = bodyStart;
    }

    /** The code metadata annotation of the instruction being read, or null. */
    String annotation() {
        return codeMetadata == null ? null : codeMetadata.get((int) (reader.offset() - bodyStart));
    }

    /** Sends each instruction's text alone to {@code sink} (which the caller clears and reads). */
    void capture(StringBuilder sink) {
        this.out = sink;
        this.capture = true;
    }

    /** Depth of open labels, the function's own included. */
    int depth() {
        return depth;
    }

    private void start(String mnemonic) {
        if (capture) {
            // the folding printer places the text
        } else if (inline) {
            if (!first) {
                out.append(' ');
            }
            first = false;
        } else {
            String a = annotation();
            if (a != null) {
                m.newline(-1);
                out.append(a);
            }
            m.newline(reader.offset());
            printedAny = true;
        }
        out.append(mnemonic);
    }

    // ------------------------------------------------------------------ labels

    private void pushLabel(String name) {
        if (depth == labels.length) {
            labels = Arrays.copyOf(labels, depth * 2);
        }
        labels[depth++] = name;
    }

    /** The name of the next block's label (from the name section), or null. */
    private String nextLabelName() {
        int index = labelCounter++;
        String name = labelNameMap == null ? null : labelNameMap.get(index);
        if (name != null) {
            return Strings.identifier(name);
        }
        if (m.options.nameUnnamed()) {
            return "$#label" + (depth - 1);
        }
        return null;
    }

    /** Appends a reference to the label {@code relative} blocks out. */
    private void label(int relative) {
        int target = depth - 1 - relative;
        if (relative < 0 || target < 0) {
            out.append(Integer.toUnsignedString(relative)).append(" (; INVALID ;)");
            return;
        }
        String name = labels[target];
        if (target == 0) {
            out.append(relative);
            return;
        }
        if (name == null) {
            out.append(relative).append(" (;@").append(target).append(";)");
            return;
        }
        for (int j = target + 1; j < depth; j++) {
            if (name.equals(labels[j])) {
                out.append(relative);
                return;
            }
        }
        out.append(name);
    }

    private void blockStart(Opcode op, BlockType type, List<Catch> catches) {
        start(op);
        String name = nextLabelName();
        if (name != null) {
            out.append(' ').append(name);
        }
        blockType(type);
        if (catches != null) {
            for (Catch c : catches) {
                out.append(" (").append(c.kind().text()).append(' ');
                if (c.tag() >= 0) {
                    m.tagNames.ref(out, c.tag());
                    out.append(' ');
                }
                label(c.label());
                out.append(')');
            }
        }
        if (name == null && (!inline || capture)) {
            out.append(" ;; label = @").append(depth);
        }
        pushLabel(name);
        m.indent++;
    }

    private void blockType(BlockType type) {
        if (type instanceof BlockType.Value v) {
            out.append(" (result ");
            m.valType(v.type());
            out.append(')');
        } else if (type instanceof BlockType.Indexed i) {
            out.append(' ');
            m.typeUse(i.typeIndex(), null);
        }
    }

    // ------------------------------------------------------------------ visitor

    @Override
    public void visitSimple(Opcode op) {
        switch (op) {
            case END -> {
                if (depth <= 1) {
                    depth = 0;
                    endOffset = reader.offset();
                    return;
                }
                depth--;
                m.indent--;
                start(op);
            }
            case ELSE, CATCH_ALL -> {
                m.indent--;
                start(op);
                m.indent++;
            }
            default -> start(op);
        }
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        blockStart(op, type, null);
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        switch (op.immediate()) {
            case LABEL -> {
                if (op == Opcode.DELEGATE) {
                    depth--;
                    m.indent--;
                    start(op);
                    out.append(' ');
                    label(index);
                    return;
                }
                start(op);
                out.append(' ');
                label(index);
            }
            case TAG -> {
                if (op == Opcode.CATCH) {
                    m.indent--;
                    start(op);
                    m.indent++;
                } else {
                    start(op);
                }
                out.append(' ');
                m.tagNames.ref(out, index);
            }
            case FUNC -> ref(op, m.funcNames, index);
            case TYPE -> ref(op, m.typeNames, index);
            case LOCAL -> ref(op, locals, index);
            case GLOBAL -> ref(op, m.globalNames, index);
            case TABLE -> ref(op, m.tableNames, index);
            case MEMORY -> {
                start(op);
                if (index != 0) {
                    out.append(' ');
                    m.memoryNames.ref(out, index);
                }
            }
            case ELEM -> ref(op, m.elemNames, index);
            case DATA -> ref(op, m.dataNames, index);
            default -> {
                start(op);
                out.append(' ').append(index);
            }
        }
    }

    private void ref(Opcode op, Namespace ns, int index) {
        start(op);
        out.append(' ');
        ns.ref(out, index);
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        start(op);
        switch (op.immediate()) {
            case CALL_INDIRECT -> {
                if (second != 0) {
                    out.append(' ');
                    m.tableNames.ref(out, second);
                }
                out.append(' ');
                m.typeUse(first, null, false);
            }
            case TYPE_FIELD -> {
                out.append(' ');
                m.typeNames.ref(out, first);
                out.append(' ');
                m.fields(first).ref(out, second);
            }
            case TYPE_TYPE -> {
                out.append(' ');
                m.typeNames.ref(out, first);
                out.append(' ');
                m.typeNames.ref(out, second);
            }
            case TYPE_DATA -> {
                out.append(' ');
                m.typeNames.ref(out, first);
                out.append(' ');
                m.dataNames.ref(out, second);
            }
            case TYPE_ELEM -> {
                out.append(' ');
                m.typeNames.ref(out, first);
                out.append(' ');
                m.elemNames.ref(out, second);
            }
            case TYPE_COUNT -> {
                out.append(' ');
                m.typeNames.ref(out, first);
                out.append(' ').append(Integer.toUnsignedString(second));
            }
            case DATA_MEMORY -> {
                if (second != 0) {
                    out.append(' ');
                    m.memoryNames.ref(out, second);
                }
                out.append(' ');
                m.dataNames.ref(out, first);
            }
            case ELEM_TABLE -> {
                if (second != 0) {
                    out.append(' ');
                    m.tableNames.ref(out, second);
                }
                out.append(' ');
                m.elemNames.ref(out, first);
            }
            case TABLE_TABLE -> {
                if (first != 0 || second != 0) {
                    out.append(' ');
                    m.tableNames.ref(out, first);
                    out.append(' ');
                    m.tableNames.ref(out, second);
                }
            }
            case MEMORY_MEMORY -> {
                if (first != 0 || second != 0) {
                    out.append(' ');
                    m.memoryNames.ref(out, first);
                    out.append(' ');
                    m.memoryNames.ref(out, second);
                }
            }
            // stack-switching
            case TYPE_TAG -> {
                out.append(' ');
                m.typeNames.ref(out, first);
                out.append(' ');
                m.tagNames.ref(out, second);
            }
            default -> out.append(' ').append(first).append(' ').append(second);
        }
    }

    @Override
    public void visitBrTable(int[] targets, int defaultLabel) {
        start(Opcode.BR_TABLE);
        for (int t : targets) {
            out.append(' ');
            label(t);
        }
        out.append(' ');
        label(defaultLabel);
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        start(op);
        memarg(op, align, memory, offset);
    }

    private void memarg(Opcode op, int align, int memory, long offset) {
        if (memory != 0) {
            out.append(' ');
            m.memoryNames.ref(out, memory);
        }
        if (offset != 0) {
            out.append(" offset=").append(Long.toUnsignedString(offset));
        }
        if (align != op.naturalAlignment()) {
            out.append(" align=");
            if (align < 63) {
                out.append(1L << align);
            } else {
                out.append(java.math.BigInteger.ONE.shiftLeft(align));
            }
        }
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        start(op);
        memarg(op, align, memory, offset);
        out.append(' ').append(lane);
    }

    @Override
    public void visitI32Const(int value) {
        start(Opcode.I32_CONST);
        out.append(' ').append(value);
    }

    @Override
    public void visitI64Const(long value) {
        start(Opcode.I64_CONST);
        out.append(' ').append(value);
    }

    @Override
    public void visitF32Const(int bits) {
        start(Opcode.F32_CONST);
        out.append(' ');
        FloatText.f32(out, bits);
    }

    @Override
    public void visitF64Const(long bits) {
        start(Opcode.F64_CONST);
        out.append(' ');
        FloatText.f64(out, bits);
    }

    @Override
    public void visitV128Const(long low, long high) {
        start(Opcode.V128_CONST);
        out.append(" i32x4");
        hex32(low);
        hex32(low >>> 32);
        hex32(high);
        hex32(high >>> 32);
    }

    private void hex32(long v) {
        out.append(" 0x");
        String h = Integer.toHexString((int) v);
        for (int i = h.length(); i < 8; i++) {
            out.append('0');
        }
        out.append(h);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        start(Opcode.I8X16_SHUFFLE);
        for (byte b : lanes) {
            out.append(' ').append(b & 0xFF);
        }
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        start(Opcode.SELECT_TYPED);
        out.append(" (result");
        for (ValType t : types) {
            out.append(' ');
            m.valType(t);
        }
        out.append(')');
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        start(op);
        out.append(' ');
        switch (op) {
            case REF_TEST, REF_CAST, REF_CAST_DESC_EQ -> m.refType(new RefType(false, type));
            case REF_TEST_NULLABLE, REF_CAST_NULLABLE, REF_CAST_DESC_EQ_NULLABLE -> m.refType(new RefType(true, type));
            default -> m.heapType(type);
        }
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        start(op);
        out.append(' ');
        label(label);
        out.append(' ');
        m.refType(from);
        out.append(' ');
        m.refType(to);
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        blockStart(Opcode.TRY_TABLE, type, catches);
    }

    @Override
    public void visitAtomicFence() {
        start(Opcode.ATOMIC_FENCE);
    }

    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<Handler> handlers) {
        start(op);
        out.append(' ');
        m.typeNames.ref(out, type);
        if (tag >= 0) {
            out.append(' ');
            m.tagNames.ref(out, tag);
        }
        for (Handler h : handlers) {
            out.append(" (on ");
            m.tagNames.ref(out, h.tag());
            out.append(' ');
            if (h.isSwitch()) {
                out.append("switch");
            } else {
                label(h.label());
            }
            out.append(')');
        }
    }

    // shared-everything-threads

    @Override
    public void visitOrderedIndex(Opcode op, Ordering ordering, int index) {
        start(op);
        out.append(' ').append(ordering.text()).append(' ');
        switch (op.immediate()) {
            case ORDERING_GLOBAL -> m.globalNames.ref(out, index);
            case ORDERING_TABLE -> m.tableNames.ref(out, index);
            default -> m.typeNames.ref(out, index);
        }
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex) {
        start(op);
        out.append(' ').append(ordering.text()).append(' ');
        m.typeNames.ref(out, typeIndex);
        out.append(' ');
        m.fields(typeIndex).ref(out, fieldIndex);
    }
}
