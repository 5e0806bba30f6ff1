package dev.jwt.binary.code;

import dev.jwt.binary.Immediate;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.Opcode;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams encoded instructions (a function body, a constant expression) to an
 * {@link InstructionVisitor}, one call per instruction (DESIGN decision 2). Immediates are decoded
 * according to the {@link Opcode} table's {@link dev.jwt.binary.Immediate} shape; nothing is
 * allocated per instruction except immediates that are lists or reference types.
 *
 * <p>The reader also tracks the block nesting depth, so that it can find where an expression
 * ends ({@link #readExpression}) and check that a body ends exactly with its final {@code end}
 * ({@link #readBody}).
 */
public final class InstructionReader {
    private final BinaryReader r;
    private long instructionOffset;
    private int depth;
    /**
     * The kind of each open block, by depth (0 is the function or expression itself): the binary
     * grammar only allows {@code else} directly in an {@code if}, and the legacy {@code catch},
     * {@code catch_all} and {@code delegate} directly in a {@code try}.
     */
    private byte[] kinds = new byte[16];

    private static final byte PLAIN = 0, IF = 1, IF_ELSE = 2, TRY = 3, TRY_CATCH = 4, TRY_CATCH_ALL = 5;

    /** A reader over {@code code}, whose first byte is at {@code baseOffset} in the binary. */
    public InstructionReader(Bytes code, long baseOffset) {
        this(new BinaryReader(code, baseOffset));
    }

    /** A reader taking instructions from {@code reader}'s cursor on (which it advances). */
    public InstructionReader(BinaryReader reader) {
        this.r = reader;
        this.instructionOffset = reader.offset();
    }

    /** True when every byte has been read. */
    public boolean eof() {
        return r.eof();
    }

    /** The offset in the binary of the instruction read last (or about to be read, before the first). */
    public long offset() {
        return instructionOffset;
    }

    /** The offset in the binary of the next byte to read. */
    public long nextOffset() {
        return r.offset();
    }

    /**
     * The number of open blocks: 0 at the start of an expression; -1 once the expression's final
     * {@code end} has been read.
     */
    public int depth() {
        return depth;
    }

    /** The underlying cursor. */
    public BinaryReader binaryReader() {
        return r;
    }

    /** Reads every remaining instruction. */
    public void readAll(InstructionVisitor v) {
        while (!r.eof()) {
            readNext(v);
        }
    }

    /**
     * Reads instructions up to and including the {@code end} that closes the expression (depth 0);
     * the cursor is then just past it. Running out of bytes first is "unexpected end of section or
     * function" (or the reader's end message).
     */
    public void readExpression(InstructionVisitor v) {
        while (depth >= 0) {
            readNext(v);
        }
    }

    /**
     * Reads a whole function body or constant expression held in its own window: instructions up
     * to the final {@code end}, which must be the last byte. Running out of bytes before it is
     * "END opcode expected"; bytes after it are "operators remaining after end of function".
     */
    public void readBody(InstructionVisitor v) {
        // The loop repeats readNext's common shapes on purpose: the JIT keeps one receiver-type
        // profile per call instruction, and readNext's calls see every visitor in the process (the
        // decoder's, printers', the validator's), which makes them megamorphic interface calls.
        // Bodies are where the time goes, and the visitors reading whole bodies are few, so here
        // they keep call sites of their own. Keep the two in step (the tests read both ways).
        BinaryReader r = this.r;
        while (depth >= 0) {
            if (r.eof()) {
                throw new MalformedException("END opcode expected", r.offset());
            }
            instructionOffset = r.offset();
            int b = r.u8();
            Opcode op = Opcode.single(b);
            if (op == null) {
                op = prefixed(b);
            }
            Immediate imm = op.immediate();
            if (imm == Immediate.NONE) {
                if (op == Opcode.END) {
                    depth--;
                } else if (op == Opcode.ELSE || op == Opcode.CATCH_ALL) {
                    clause(op);
                }
                v.visitSimple(op);
            } else if (imm == Immediate.LOCAL || imm == Immediate.GLOBAL || imm == Immediate.FUNC) {
                v.visitIndex(op, r.u32());
            } else if (imm == Immediate.I32) {
                v.visitI32Const(r.s32());
            } else if (imm == Immediate.BLOCK_TYPE) {
                BlockType t = TypeCodec.blockType(r);
                open(op == Opcode.IF ? IF : op == Opcode.TRY ? TRY : PLAIN);
                v.visitBlock(op, t);
            } else if (imm == Immediate.LABEL && op != Opcode.DELEGATE) {
                v.visitIndex(op, r.u32());
            } else if (imm == Immediate.MEMARG) {
                int flags = memArgFlags(r);
                int memory = (flags & 0x40) != 0 ? r.u32() : 0;
                v.visitMemory(op, flags & 0x3F, memory, r.u64());
            } else {
                readOther(op, v);
            }
        }
        if (!r.eof()) {
            throw new MalformedException("operators remaining after end of function", r.offset());
        }
    }

    /** Reads one instruction, hands it to {@code v} and returns its opcode. */
    public Opcode readNext(InstructionVisitor v) {
        instructionOffset = r.offset();
        int b = r.u8();
        Opcode op = Opcode.single(b);
        if (op == null) {
            op = prefixed(b);
        }
        // The common shapes first, in a small method the JIT inlines well; the rest out of line.
        Immediate imm = op.immediate();
        if (imm == Immediate.NONE) {
            if (op == Opcode.END) {
                depth--;
            } else if (op == Opcode.ELSE || op == Opcode.CATCH_ALL) {
                clause(op);
            }
            v.visitSimple(op);
        } else if (imm == Immediate.LOCAL || imm == Immediate.GLOBAL || imm == Immediate.FUNC) {
            v.visitIndex(op, r.u32());
        } else if (imm == Immediate.I32) {
            v.visitI32Const(r.s32());
        } else if (imm == Immediate.BLOCK_TYPE) {
            BlockType t = TypeCodec.blockType(r);
            open(op == Opcode.IF ? IF : op == Opcode.TRY ? TRY : PLAIN);
            v.visitBlock(op, t);
        } else if (imm == Immediate.LABEL && op != Opcode.DELEGATE) {
            v.visitIndex(op, r.u32());
        } else if (imm == Immediate.MEMARG) {
            int flags = memArgFlags(r);
            int memory = (flags & 0x40) != 0 ? r.u32() : 0;
            v.visitMemory(op, flags & 0x3F, memory, r.u64());
        } else {
            readOther(op, v);
        }
        return op;
    }

    /**
     * For a visitor that reads some instructions itself (the validator): records that it read the
     * opcode of a {@code block}, {@code loop}, {@code if} or {@code try}, so that the block
     * structure stays known.
     */
    public void enterBlock(Opcode op) {
        open(op == Opcode.IF ? IF : op == Opcode.TRY ? TRY : PLAIN);
    }

    /** For a visitor that reads some instructions itself: records that it read an {@code end}. */
    public void endBlock() {
        depth--;
    }

    /**
     * The flags field of a memarg: the alignment exponent in bits 0-5 and, in bit 6, whether a
     * memory index follows; any other bit set is malformed. Public for the validator, which reads
     * the common instructions of a body itself.
     */
    public static int memArgFlags(BinaryReader r) {
        long at = r.offset();
        int flags = r.u32();
        if ((flags & 0xFFFFFF80) != 0) {
            throw new MalformedException("malformed memop flags", at);
        }
        return flags;
    }

    private Opcode prefixed(int b) {
        if (!Opcode.isPrefix(b)) {
            throw new MalformedException("illegal opcode " + hex(b), instructionOffset);
        }
        int code = r.u32();
        Opcode op = Opcode.prefixed(b, code & 0xFFFFFFFFL);
        if (op == null) {
            throw new MalformedException(
                    "illegal opcode " + hex(b) + " " + Long.toHexString(code & 0xFFFFFFFFL), instructionOffset);
        }
        return op;
    }

    private void readOther(Opcode op, InstructionVisitor v) {
        switch (op.immediate()) {
            case NONE, BLOCK_TYPE -> throw new IllegalStateException("read on the fast path: " + op);
            case LABEL -> {
                int label = r.u32();
                if (op == Opcode.DELEGATE) {
                    clause(op);
                    depth--;
                }
                v.visitIndex(op, label);
            }
            case TAG -> {
                int tag = r.u32();
                if (op == Opcode.CATCH) {
                    clause(op);
                }
                v.visitIndex(op, tag);
            }
            case FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, ELEM, DATA -> v.visitIndex(op, r.u32());
            case LANE -> v.visitIndex(op, r.u8());
            case CALL_INDIRECT, TYPE_FIELD, TYPE_TYPE, TYPE_DATA, TYPE_ELEM, TYPE_COUNT, DATA_MEMORY, ELEM_TABLE,
                    TABLE_TABLE, MEMORY_MEMORY, TYPE_TAG -> {
                int first = r.u32();
                int second = r.u32();
                v.visitIndexPair(op, first, second);
            }
            case BR_TABLE -> {
                int n = count();
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = r.u32();
                }
                v.visitBrTable(labels, r.u32());
            }
            case MEMARG -> {
                int flags = memArgFlags(r);
                int memory = (flags & 0x40) != 0 ? r.u32() : 0;
                long offset = r.u64();
                v.visitMemory(op, flags & 0x3F, memory, offset);
            }
            case MEMARG_LANE -> {
                int flags = memArgFlags(r);
                int memory = (flags & 0x40) != 0 ? r.u32() : 0;
                long offset = r.u64();
                int lane = r.u8();
                v.visitMemoryLane(op, flags & 0x3F, memory, offset, lane);
            }
            case SHUFFLE -> {
                byte[] lanes = new byte[16];
                r.read(lanes);
                v.visitShuffle(lanes);
            }
            case I32 -> v.visitI32Const(r.s32());
            case I64 -> v.visitI64Const(r.s64());
            case F32 -> v.visitF32Const(r.f32Bits());
            case F64 -> v.visitF64Const(r.f64Bits());
            case V128 -> {
                long low = r.f64Bits();
                long high = r.f64Bits();
                v.visitV128Const(low, high);
            }
            case SELECT_TYPES -> {
                int n = count();
                List<ValType> types = new ArrayList<>(Math.min(n, 16));
                for (int i = 0; i < n; i++) {
                    types.add(TypeCodec.valType(r));
                }
                v.visitSelectTyped(List.copyOf(types));
            }
            case HEAP_TYPE -> v.visitHeapType(op, TypeCodec.heapType(r));
            case BR_ON_CAST -> {
                long at = r.offset();
                int flags = r.u8();
                if ((flags & ~3) != 0) {
                    throw new MalformedException("malformed br_on_cast flags", at);
                }
                int label = r.u32();
                HeapType from = TypeCodec.heapType(r);
                HeapType to = TypeCodec.heapType(r);
                v.visitBrOnCast(op, label, new RefType((flags & 1) != 0, from), new RefType((flags & 2) != 0, to));
            }
            case TRY_TABLE -> {
                BlockType t = TypeCodec.blockType(r);
                int n = count();
                List<Catch> catches = new ArrayList<>(Math.min(n, 16));
                for (int i = 0; i < n; i++) {
                    long at = r.offset();
                    int kind = r.u8();
                    catches.add(switch (kind) {
                        case 0 -> new Catch(Catch.Kind.CATCH, r.u32(), r.u32());
                        case 1 -> new Catch(Catch.Kind.CATCH_REF, r.u32(), r.u32());
                        case 2 -> new Catch(Catch.Kind.CATCH_ALL, -1, r.u32());
                        case 3 -> new Catch(Catch.Kind.CATCH_ALL_REF, -1, r.u32());
                        default -> throw new MalformedException("malformed catch clause", at);
                    });
                }
                open(PLAIN);
                v.visitTryTable(t, List.copyOf(catches));
            }
            case ATOMIC_FENCE -> {
                long at = r.offset();
                if (r.u8() != 0) {
                    throw new MalformedException("nonzero byte after `atomic.fence`", at);
                }
                v.visitAtomicFence();
            }
            // stack-switching
            case RESUME, RESUME_THROW -> {
                int type = r.u32();
                int tag = op.immediate() == Immediate.RESUME_THROW ? r.u32() : -1;
                v.visitResume(op, type, tag, handlers());
            }
            // shared-everything-threads
            case ORDERING_GLOBAL, ORDERING_TABLE, ORDERING_TYPE -> {
                Ordering ordering = ordering();
                v.visitOrderedIndex(op, ordering, r.u32());
            }
            case ORDERING_TYPE_FIELD -> {
                Ordering ordering = ordering();
                int type = r.u32();
                v.visitOrderedIndexPair(op, ordering, type, r.u32());
            }
        }
    }

    /** A vector of resume handlers: 0 tag label {@code (on tag label)}, 1 tag {@code (on tag switch)}. */
    private List<Handler> handlers() {
        int n = count();
        List<Handler> handlers = new ArrayList<>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            long at = r.offset();
            int kind = r.u8();
            handlers.add(switch (kind) {
                case 0 -> {
                    int tag = r.u32();
                    yield Handler.onLabel(tag, r.u32());
                }
                case 1 -> Handler.onSwitch(r.u32());
                default -> throw new MalformedException(
                        "invalid leading byte (0x" + Integer.toHexString(kind) + ") for on clause", at);
            });
        }
        return List.copyOf(handlers);
    }

    /** A memory ordering byte (shared-everything-threads). */
    private Ordering ordering() {
        long at = r.offset();
        int b = r.u8();
        Ordering o = Ordering.byCode(b);
        if (o == null) {
            throw new MalformedException("invalid atomic consume ordering", at);
        }
        return o;
    }

    private void open(byte kind) {
        depth++;
        if (depth >= kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, kinds.length * 2);
        }
        kinds[depth] = kind;
    }

    /** Checks and records {@code else}, {@code catch}, {@code catch_all} or {@code delegate} in the innermost block. */
    private void clause(Opcode op) {
        byte k = depth >= 0 ? kinds[depth] : PLAIN;
        boolean ok;
        if (op == Opcode.ELSE) {
            ok = k == IF;
            if (ok) {
                kinds[depth] = IF_ELSE;
            }
        } else if (op == Opcode.CATCH) {
            ok = k == TRY || k == TRY_CATCH;
            if (ok) {
                kinds[depth] = TRY_CATCH;
            }
        } else if (op == Opcode.CATCH_ALL) {
            ok = k == TRY || k == TRY_CATCH;
            if (ok) {
                kinds[depth] = TRY_CATCH_ALL;
            }
        } else {
            ok = k == TRY;
        }
        if (!ok) {
            // wasm-tools' words.
            String outside = op == Opcode.ELSE ? "`If`" : "`LegacyTry`";
            throw new MalformedException("`" + op.mnemonic() + "` found outside " + outside + " block", instructionOffset);
        }
    }

    /** A vector length, which cannot exceed the bytes left (every element takes at least one). */
    private int count() {
        long at = r.offset();
        int n = r.u32();
        if (n < 0 || n > r.remaining()) {
            throw new MalformedException("length out of bounds", at);
        }
        return n;
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }
}
