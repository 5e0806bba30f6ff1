package dev.jwt.print;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.Handler;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.code.Ordering;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints instructions in folded form ({@code -f}), the way wasm-tools folds them: an instruction
 * that takes {@code n} operands adopts the expressions just before it in its block when their
 * results add up to exactly {@code n} (zero-result expressions in between come along); otherwise
 * it stands alone. Blocks never adopt operands; {@code if} adopts its condition (and parameters).
 *
 * <p>The text of each instruction comes from an {@link InstructionPrinter} in capture mode, which
 * also keeps the labels; this class only knows arities and builds the tree.
 */
final class FoldingPrinter implements InstructionVisitor {
    private static final int PLAIN = 0;
    private static final int BLOCK = 1;
    private static final int IF = 2;
    private static final int TRY = 3;

    /** One folded expression. */
    private static final class Node {
        final String text;
        final long offset;
        final int kind;
        int results;
        /** It needed operands it could not adopt: later instructions cannot adopt it either. */
        boolean barrier;
        List<Node> children = List.of();
        /** Blocks: the body; if: the then arm; try: the do arm. */
        final List<Node> body = new ArrayList<>();
        /** if: the else arm (null when there is none); try: catch arms as nested nodes. */
        List<Node> alternative;
        final List<Node> handlers = new ArrayList<>();
        String trailer;
        /** A code metadata annotation printed on the line above. */
        String annotation;

        Node(String text, long offset, int kind) {
            this.text = text;
            this.offset = offset;
            this.kind = kind;
        }
    }

    /** An open block: its node, the list new expressions go to, and its label's arity. */
    private static final class Frame {
        final Node node;
        List<Node> items;
        final int labelArity;

        Frame(Node node, List<Node> items, int labelArity) {
            this.node = node;
            this.items = items;
            this.labelArity = labelArity;
        }
    }

    private final ModulePrinter m;
    private final InstructionPrinter text;
    private final InstructionReader reader;
    private final StringBuilder scratch = new StringBuilder();
    private final List<Frame> frames = new ArrayList<>();
    private final boolean inline;
    private final List<Node> top = new ArrayList<>();
    private long endOffset = -1;
    private final FuncType funcType;

    FoldingPrinter(ModulePrinter m, int func, InstructionReader reader, boolean inline) {
        this.m = m;
        this.reader = reader;
        this.inline = inline;
        this.text = new InstructionPrinter(m, func, reader, false);
        this.text.capture(scratch);
        this.funcType = func < 0 ? null : m.funcTypeOfFunction(func);
        frames.add(new Frame(null, top, funcType == null ? 0 : funcType.results().size()));
    }

    /** Prints a function body; returns whether anything was printed. */
    boolean body(InstructionReader r) {
        r.readBody(this);
        for (Node n : top) {
            print(n, false);
        }
        return !top.isEmpty();
    }

    long endOffset() {
        return endOffset;
    }

    /** Prints a constant expression folded on one line. */
    void constExpr(InstructionReader r) {
        r.readExpression(this);
        boolean first = true;
        for (Node n : top) {
            if (!first) {
                m.out.append(' ');
            }
            first = false;
            print(n, true);
        }
    }

    // ------------------------------------------------------------------ printing the tree

    void codeMetadata(java.util.Map<Integer, String> byOffset, long bodyStart) {
        text.codeMetadata(byOffset, bodyStart);
    }

    /** What a node prints inside its parentheses after its text: operands, then arms or body. */
    private static List<Node> contents(Node n) {
        switch (n.kind) {
            case BLOCK -> {
                return n.body;
            }
            case IF -> {
                List<Node> items = new ArrayList<>(n.children);
                items.add(arm("then", n.body));
                if (n.alternative != null) {
                    items.add(arm("else", n.alternative));
                }
                return items;
            }
            case TRY -> {
                List<Node> items = new ArrayList<>();
                items.add(arm("do", n.body));
                for (Node h : n.handlers) {
                    Node handler = new Node(h.text, h.offset, BLOCK);
                    handler.body.addAll(h.body);
                    items.add(handler);
                }
                if (n.trailer != null) {
                    items.add(new Node(n.trailer, -1, PLAIN));
                }
                return items;
            }
            default -> {
                return n.children;
            }
        }
    }

    private static Node arm(String keyword, List<Node> items) {
        Node arm = new Node(keyword, -1, BLOCK);
        arm.body.addAll(items);
        return arm;
    }

    /** A node being printed and how far through its contents. */
    private static final class Open {
        final Node node;
        final List<Node> items;
        int next;

        Open(Node node) {
            this.node = node;
            this.items = contents(node);
        }
    }

    /**
     * Prints a tree without recursion: chains of folded operands can nest as deep as a function
     * is long. Inline (constant expressions), nodes are separated by spaces instead of lines.
     */
    private void print(Node root, boolean oneLine) {
        StringBuilder out = m.out;
        java.util.ArrayDeque<Open> stack = new java.util.ArrayDeque<>();
        open(root, oneLine, stack);
        while (!stack.isEmpty()) {
            Open o = stack.peek();
            if (o.next < o.items.size()) {
                Node child = o.items.get(o.next++);
                if (oneLine) {
                    out.append(' ');
                }
                open(child, oneLine, stack);
                continue;
            }
            stack.pop();
            if (!oneLine) {
                m.indent--;
                if (o.items.isEmpty() && o.node.text.contains(";;")) {
                    // the label comment runs to the end of the line
                    m.newline(-1);
                }
            }
            out.append(')');
        }
    }

    private void open(Node n, boolean oneLine, java.util.ArrayDeque<Open> stack) {
        StringBuilder out = m.out;
        if (!oneLine) {
            if (n.annotation != null) {
                m.newline(-1);
                out.append(n.annotation);
            }
            m.newline(n.offset);
            m.indent++;
        }
        out.append('(').append(n.text);
        stack.push(new Open(n));
    }

    // ------------------------------------------------------------------ building the tree

    private Frame frame() {
        return frames.get(frames.size() - 1);
    }

    /** Takes the text the capture printer just wrote. */
    private String take() {
        String s = scratch.toString();
        scratch.setLength(0);
        return s;
    }

    /** Adds an instruction taking {@code params} operands and giving {@code results}. */
    private Node add(String text, long offset, int kind, int params, int results) {
        Node n = new Node(text, offset, kind);
        n.annotation = this.text.annotation();
        n.results = results;
        List<Node> items = frame().items;
        int need = params;
        int i = items.size();
        while (need > 0 && i > 0) {
            Node prev = items.get(i - 1);
            int r = prev.results;
            if (r > need || prev.barrier) {
                break;
            }
            need -= r;
            i--;
        }
        if (need == 0 && i < items.size() && params > 0) {
            List<Node> operands = new ArrayList<>(items.subList(i, items.size()));
            items.subList(i, items.size()).clear();
            n.children = operands;
        } else if (params > 0) {
            n.barrier = true;
        }
        items.add(n);
        return n;
    }

    private void plain(long offset, int params, int results) {
        add(take(), offset, PLAIN, params, results);
    }

    /** Runs the capture printer, keeping the module printer's indentation and output. */
    private interface Step {
        void run();
    }

    private void capture(Step step) {
        StringBuilder saved = m.out;
        int indent = m.indent;
        m.out = scratch;
        try {
            step.run();
        } finally {
            m.out = saved;
            m.indent = indent;
        }
    }

    private int labelArity(int relative) {
        int i = frames.size() - 1 - relative;
        return i >= 0 && relative >= 0 ? frames.get(i).labelArity : 0;
    }

    private int[] blockArity(BlockType t) {
        if (t instanceof BlockType.Value) {
            return new int[] {0, 1};
        }
        if (t instanceof BlockType.Indexed i) {
            FuncType f = m.funcType(i.typeIndex());
            if (f != null) {
                return new int[] {f.params().size(), f.results().size()};
            }
        }
        return new int[] {0, 0};
    }

    private static int[] signature(Opcode op) {
        String sig = op.signature();
        if (sig == null) {
            return null;
        }
        int gt = sig.indexOf('>');
        return new int[] {gt, sig.length() - gt - 1};
    }

    private FuncType funcTypeOf(int typeIndex) {
        return m.funcType(typeIndex);
    }

    // ------------------------------------------------------------------ visitor

    @Override
    public void visitSimple(Opcode op) {
        long offset = reader.offset();
        capture(() -> text.visitSimple(op));
        String t = take();
        switch (op) {
            case END -> {
                if (frames.size() == 1) {
                    endOffset = offset;
                    return;
                }
                Frame f = frames.remove(frames.size() - 1);
                frame().items.add(f.node);
            }
            case ELSE -> frame().items = frame().node.alternative = new ArrayList<>();
            case CATCH_ALL -> {
                Node h = new Node(t, offset, PLAIN);
                frame().node.handlers.add(h);
                frame().items = h.body;
            }
            default -> {
                int[] a = simpleArity(op);
                add(t, offset, PLAIN, a[0], a[1]);
            }
        }
    }

    private int[] simpleArity(Opcode op) {
        int[] sig = signature(op);
        if (sig != null) {
            return sig;
        }
        return switch (op) {
            case DROP, THROW_REF -> new int[] {1, 0};
            case SELECT -> new int[] {3, 1};
            case RETURN -> new int[] {funcType == null ? 0 : funcType.results().size(), 0};
            case REF_IS_NULL, REF_AS_NON_NULL, ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, REF_I31, I31_GET_S, I31_GET_U,
                    ARRAY_LEN, REF_I31_SHARED -> new int[] {1, 1};
            case REF_EQ -> new int[] {2, 1};
            default -> new int[] {0, 0};
        };
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        long offset = reader.offset();
        capture(() -> text.visitBlock(op, type));
        int[] a = blockArity(type);
        if (op == Opcode.IF) {
            Node n = add(take(), offset, IF, a[0] + 1, a[1]);
            frame().items.remove(frame().items.size() - 1);
            frames.add(new Frame(n, n.body, a[1]));
        } else {
            Node n = new Node(take(), offset, op == Opcode.TRY ? TRY : BLOCK);
            n.annotation = text.annotation();
            n.results = a[1];
            frames.add(new Frame(n, n.body, op == Opcode.LOOP ? a[0] : a[1]));
        }
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        long offset = reader.offset();
        capture(() -> text.visitTryTable(type, catches));
        int[] a = blockArity(type);
        Node n = new Node(take(), offset, BLOCK);
        n.annotation = text.annotation();
        n.results = a[1];
        frames.add(new Frame(n, n.body, a[1]));
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        long offset = reader.offset();
        capture(() -> text.visitIndex(op, index));
        String t = take();
        switch (op) {
            case CATCH -> {
                Node h = new Node(t, offset, PLAIN);
                frame().node.handlers.add(h);
                frame().items = h.body;
                return;
            }
            case DELEGATE -> {
                Frame f = frames.remove(frames.size() - 1);
                f.node.trailer = t;
                frame().items.add(f.node);
                return;
            }
            default -> { }
        }
        int[] a = indexArity(op, index);
        add(t, offset, PLAIN, a[0], a[1]);
    }

    private int[] indexArity(Opcode op, int index) {
        int[] sig = signature(op);
        if (sig != null) {
            return sig;
        }
        switch (op) {
            case BR: return new int[] {labelArity(index), 0};
            case BR_IF: { int n = labelArity(index); return new int[] {n + 1, n}; }
            case BR_ON_NULL: { int n = labelArity(index); return new int[] {n + 1, n + 1}; }
            case BR_ON_NON_NULL: { int n = labelArity(index); return new int[] {n, Math.max(0, n - 1)}; }
            case CALL: case RETURN_CALL: {
                FuncType f = m.funcTypeOfFunction(index);
                int p = f == null ? 0 : f.params().size();
                return new int[] {p, op == Opcode.CALL && f != null ? f.results().size() : 0};
            }
            case CALL_REF: case RETURN_CALL_REF: {
                FuncType f = funcTypeOf(index);
                int p = f == null ? 0 : f.params().size();
                return new int[] {p + 1, op == Opcode.CALL_REF && f != null ? f.results().size() : 0};
            }
            case THROW: {
                FuncType f = m.tagFuncType(index);
                return new int[] {f == null ? 0 : f.params().size(), 0};
            }
            case LOCAL_GET: case GLOBAL_GET: case REF_FUNC: case TABLE_SIZE: return new int[] {0, 1};
            case LOCAL_SET: case GLOBAL_SET: return new int[] {1, 0};
            case LOCAL_TEE: case TABLE_GET: return new int[] {1, 1};
            case TABLE_SET: return new int[] {2, 0};
            case TABLE_GROW: return new int[] {2, 1};
            case TABLE_FILL: return new int[] {3, 0};
            case MEMORY_FILL: return new int[] {3, 0};
            case STRUCT_NEW: {
                return new int[] {structFields(index), 1};
            }
            case STRUCT_NEW_DEFAULT: return new int[] {0, 1};
            // custom-descriptors: the descriptor comes after the fields
            case STRUCT_NEW_DESC: return new int[] {structFields(index) + 1, 1};
            case STRUCT_NEW_DEFAULT_DESC: case REF_GET_DESC: return new int[] {1, 1};
            case ARRAY_NEW: return new int[] {2, 1};
            case ARRAY_NEW_DEFAULT: return new int[] {1, 1};
            case ARRAY_GET: case ARRAY_GET_S: case ARRAY_GET_U: return new int[] {2, 1};
            case ARRAY_SET: return new int[] {3, 0};
            case ARRAY_FILL: return new int[] {4, 0};
            // stack-switching
            case CONT_NEW: return new int[] {1, 1};
            case SUSPEND: {
                FuncType f = m.tagFuncType(index);
                return f == null ? new int[] {0, 0} : new int[] {f.params().size(), f.results().size()};
            }
            default: return new int[] {0, 0};
        }
    }

    private int structFields(int typeIndex) {
        if (typeIndex >= 0 && typeIndex < m.types.size()) {
            SubType t = m.types.get(typeIndex);
            if (t.composite() instanceof StructType s) {
                return s.fields().size();
            }
        }
        return 0;
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        long offset = reader.offset();
        capture(() -> text.visitIndexPair(op, first, second));
        int[] a = switch (op) {
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                FuncType f = funcTypeOf(first);
                int p = f == null ? 0 : f.params().size();
                yield new int[] {p + 1, op == Opcode.CALL_INDIRECT && f != null ? f.results().size() : 0};
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> new int[] {1, 1};
            case STRUCT_SET -> new int[] {2, 0};
            case ARRAY_NEW_FIXED -> new int[] {second, 1};
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> new int[] {2, 1};
            case ARRAY_COPY -> new int[] {5, 0};
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> new int[] {4, 0};
            case MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> new int[] {3, 0};
            // stack-switching
            case CONT_BIND -> {
                FuncType from = contFuncType(first);
                FuncType to = contFuncType(second);
                int bound = from == null || to == null ? 0 : Math.max(0, from.params().size() - to.params().size());
                yield new int[] {bound + 1, 1};
            }
            case SWITCH -> {
                // [t1* (ref $ct1)] -> [t2*]: the last parameter of $ct1 is the continuation
                // that receives the switch, whose parameters are t2*.
                FuncType f = contFuncType(first);
                int results = 0;
                if (f != null && !f.params().isEmpty()
                        && f.params().get(f.params().size() - 1) instanceof RefType r
                        && r.heapType() instanceof dev.jwt.binary.types.ConcreteHeapType c) {
                    FuncType target = contFuncType(c.typeIndex());
                    results = target == null ? 0 : target.params().size();
                }
                yield new int[] {f == null ? 1 : f.params().size(), results};
            }
            default -> {
                int[] sig = signature(op);
                yield sig != null ? sig : new int[] {0, 0};
            }
        };
        plain(offset, a[0], a[1]);
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        long offset = reader.offset();
        capture(() -> text.visitBrTable(labels, defaultLabel));
        plain(offset, labelArity(defaultLabel) + 1, 0);
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long off) {
        long offset = reader.offset();
        capture(() -> text.visitMemory(op, align, memory, off));
        int[] sig = signature(op);
        plain(offset, sig == null ? 0 : sig[0], sig == null ? 0 : sig[1]);
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long off, int lane) {
        long offset = reader.offset();
        capture(() -> text.visitMemoryLane(op, align, memory, off, lane));
        int[] sig = signature(op);
        plain(offset, sig == null ? 0 : sig[0], sig == null ? 0 : sig[1]);
    }

    @Override
    public void visitI32Const(int value) {
        long offset = reader.offset();
        capture(() -> text.visitI32Const(value));
        plain(offset, 0, 1);
    }

    @Override
    public void visitI64Const(long value) {
        long offset = reader.offset();
        capture(() -> text.visitI64Const(value));
        plain(offset, 0, 1);
    }

    @Override
    public void visitF32Const(int bits) {
        long offset = reader.offset();
        capture(() -> text.visitF32Const(bits));
        plain(offset, 0, 1);
    }

    @Override
    public void visitF64Const(long bits) {
        long offset = reader.offset();
        capture(() -> text.visitF64Const(bits));
        plain(offset, 0, 1);
    }

    @Override
    public void visitV128Const(long low, long high) {
        long offset = reader.offset();
        capture(() -> text.visitV128Const(low, high));
        plain(offset, 0, 1);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        long offset = reader.offset();
        capture(() -> text.visitShuffle(lanes));
        plain(offset, 2, 1);
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        long offset = reader.offset();
        capture(() -> text.visitSelectTyped(types));
        plain(offset, 3, 1);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        long offset = reader.offset();
        capture(() -> text.visitHeapType(op, type));
        int params = switch (op) {
            case REF_NULL -> 0;
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULLABLE -> 2; // custom-descriptors: value and descriptor
            default -> 1;
        };
        plain(offset, params, 1);
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        long offset = reader.offset();
        capture(() -> text.visitBrOnCast(op, label, from, to));
        int n = labelArity(label);
        // custom-descriptors: the desc_eq forms also pop the descriptor
        boolean desc = op == Opcode.BR_ON_CAST_DESC_EQ || op == Opcode.BR_ON_CAST_DESC_EQ_FAIL;
        plain(offset, desc ? n + 1 : n, n);
    }

    @Override
    public void visitAtomicFence() {
        long offset = reader.offset();
        capture(() -> text.visitAtomicFence());
        plain(offset, 0, 0);
    }

    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<Handler> handlers) {
        long offset = reader.offset();
        capture(() -> text.visitResume(op, type, tag, handlers));
        FuncType f = contFuncType(type);
        int results = f == null ? 0 : f.results().size();
        int params = switch (op) {
            case RESUME -> f == null ? 0 : f.params().size();
            case RESUME_THROW -> {
                FuncType t = m.tagFuncType(tag);
                yield t == null ? 0 : t.params().size();
            }
            default -> 1; // resume_throw_ref: the exnref
        };
        plain(offset, params + 1, results);
    }

    /** The function type of the continuation type {@code typeIndex}, or null. */
    private FuncType contFuncType(int typeIndex) {
        if (typeIndex >= 0 && typeIndex < m.types.size()
                && m.types.get(typeIndex).composite() instanceof dev.jwt.binary.types.ContType k) {
            return m.funcType(k.funcTypeIndex());
        }
        return null;
    }

    // shared-everything-threads

    @Override
    public void visitOrderedIndex(Opcode op, Ordering ordering, int index) {
        long offset = reader.offset();
        capture(() -> text.visitOrderedIndex(op, ordering, index));
        int[] a = atomicAccessArity(op);
        plain(offset, a[0], a[1]);
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex) {
        long offset = reader.offset();
        capture(() -> text.visitOrderedIndexPair(op, ordering, typeIndex, fieldIndex));
        int[] a = atomicAccessArity(op);
        plain(offset, a[0], a[1]);
    }

    /**
     * Operands and results of an atomic global, table, struct or array access: the location's
     * operands (none, a table index, a struct reference, an array reference and index), then what
     * the operation itself takes (set one value, rmw one, cmpxchg two) and gives back.
     */
    private static int[] atomicAccessArity(Opcode op) {
        int location = switch (op.immediate()) {
            case ORDERING_GLOBAL -> 0;
            case ORDERING_TABLE, ORDERING_TYPE_FIELD -> 1;
            default -> 2;
        };
        String name = op.mnemonic();
        if (name.contains(".atomic.get")) {
            return new int[] {location, 1};
        }
        if (name.endsWith(".atomic.set")) {
            return new int[] {location + 1, 0};
        }
        return new int[] {location + (name.endsWith(".cmpxchg") ? 2 : 1), 1};
    }
}
