package dev.jwt.text.wat;

import dev.jwt.binary.Immediate;
import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.Handler;
import dev.jwt.binary.code.InstructionWriter;
import dev.jwt.binary.code.Ordering;
import dev.jwt.binary.module.NameSection.Naming;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.ValType;
import dev.jwt.text.lex.TokenKind;
import dev.jwt.text.lex.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses instructions (plain, folded and structured) of one function body or constant expression
 * and streams them, encoded, into {@link #out}. Immediates are read by the opcode's
 * {@link Immediate} shape from the one opcode table; labels and locals are resolved here.
 */
final class InstructionParser {
    private final ModuleParser p;
    private final Tokens t;
    InstructionWriter out = new InstructionWriter();
    private final Map<String, Integer> localIds = new HashMap<>();
    private final int localCount;
    /** Names of the enclosing labels, innermost last; null for an unnamed one. */
    private final List<String> labels = new ArrayList<>();
    final List<Naming> labelNames = new ArrayList<>();
    private int labelCount;

    InstructionParser(ModuleParser parser, List<String> locals, int localCount) {
        this.p = parser;
        this.t = parser.tokens();
        for (int i = 0; i < locals.size(); i++) {
            if (locals.get(i) != null && locals.get(i).charAt(0) != ModuleParser.ANNOTATED) {
                localIds.putIfAbsent(locals.get(i), i);
            }
        }
        this.localCount = localCount;
    }

    private boolean atTerminator() {
        if (p.at(TokenKind.KEYWORD)) {
            int i = p.pos();
            return t.is(i, "end") || t.is(i, "else") || t.is(i, "catch") || t.is(i, "catch_all")
                    || t.is(i, "delegate");
        }
        return p.at(TokenKind.RPAREN) || p.at(TokenKind.EOF);
    }

    /** Instructions up to a closing parenthesis or a block terminator keyword. */
    void instructions() {
        while (!atTerminator()) {
            instruction();
        }
    }

    /** A branch hint waiting for the next instruction at this level, or -1. */
    private int pendingHint = -1;
    /** Branch hints as (offset in the instruction bytes, value) pairs. */
    final List<int[]> hints = new ArrayList<>();

    /** Takes the pending branch hint for the instruction about to be parsed. */
    private int takeHint() {
        int h = pendingHint;
        pendingHint = -1;
        return h;
    }

    /** Records the hint {@code h} (if any) for the instruction whose opcode is encoded next. */
    private void hintHere(int h) {
        if (h >= 0) {
            hints.add(new int[] {out.sink().size(), h});
        }
    }

    private void branchHint() {
        int at = p.pos();
        p.seek(at + 1);
        if (!p.at(TokenKind.STRING)) {
            throw p.unexpected("a string");
        }
        byte[] value = p.stringBytes();
        p.expectRParen();
        if (value.length != 1 || (value[0] != 0 && value[0] != 1)) {
            throw p.errorAt(at, "invalid value for branch hint");
        }
        if (pendingHint >= 0) {
            throw p.errorAt(at, "@metadata.code.branch_hint annotation: duplicate annotation");
        }
        if (atTerminator()) {
            throw p.errorAt(at, "@metadata.code.branch_hint annotation: must precede an instruction");
        }
        pendingHint = value[0];
    }

    private void instruction() {
        if (p.atAnnotation(dev.jwt.text.lex.Lexer.BRANCH_HINT)) {
            branchHint();
        } else if (p.at(TokenKind.LPAREN)) {
            foldedInstruction();
        } else if (p.at(TokenKind.KEYWORD)) {
            plainInstruction();
        } else if (p.at(TokenKind.ANNOTATION)) {
            throw p.error(p.atAnnotation("custom") ? "misplaced @custom annotation" : "misplaced @name annotation");
        } else {
            throw p.unexpected("an instruction");
        }
    }

    private Opcode lookup(int at, String mnemonic) {
        List<Opcode> ops = Opcode.byMnemonic(mnemonic);
        if (ops.isEmpty()) {
            throw p.errorAt(at, "unknown operator");
        }
        return ops.get(0);
    }

    private void plainInstruction() {
        int at = p.pos();
        String kw = p.keyword();
        hintHere(takeHint());
        switch (kw) {
            case "block", "loop" -> {
                Opcode op = kw.equals("block") ? Opcode.BLOCK : Opcode.LOOP;
                String label = blockLabel();
                out.visitBlock(op, blockType());
                instructions();
                endBlock(label);
            }
            case "if" -> {
                String label = blockLabel();
                out.visitBlock(Opcode.IF, blockType());
                instructions();
                if (p.takeKeyword("else")) {
                    checkLabel(label);
                    out.visitSimple(Opcode.ELSE);
                    instructions();
                }
                endBlock(label);
            }
            case "try_table" -> {
                String label = blockLabelName();
                BlockType bt = blockType();
                List<Catch> catches = catches();
                pushLabel(label);
                out.visitTryTable(bt, catches);
                instructions();
                endBlock(label);
            }
            case "try" -> {
                String label = blockLabel();
                out.visitBlock(Opcode.TRY, blockType());
                instructions();
                while (p.atKeyword("catch")) {
                    p.keyword();
                    out.visitIndex(Opcode.CATCH, p.tags.resolve(p));
                    instructions();
                }
                if (p.takeKeyword("catch_all")) {
                    out.visitSimple(Opcode.CATCH_ALL);
                    instructions();
                }
                if (p.takeKeyword("delegate")) {
                    popLabel();
                    out.visitIndex(Opcode.DELEGATE, label());
                    return;
                }
                endBlock(label);
            }
            case "end", "else", "catch", "catch_all", "delegate", "then", "do" ->
                throw p.errorAt(at, "unexpected token");
            default -> immediates(lookup(at, kw), at, kw);
        }
    }

    /**
     * True when the instruction is an expression on its own (the offset and item abbreviations of
     * element segments): its operands must then be folded too.
     */
    boolean onlyFolded;

    /** Parses a folded instruction {@code ( ... )}. */
    void foldedInstruction() {
        int hint = takeHint();
        int open = p.pos();
        p.expectLParen();
        if (!p.at(TokenKind.KEYWORD)) {
            throw p.unexpected("an instruction");
        }
        int at = p.pos();
        String kw = p.keyword();
        switch (kw) {
            case "block", "loop" -> {
                Opcode op = kw.equals("block") ? Opcode.BLOCK : Opcode.LOOP;
                blockLabel();
                BlockType bt = blockType();
                hintHere(hint);
                out.visitBlock(op, bt);
                instructions();
                p.expectRParen();
                popLabel();
                out.visitSimple(Opcode.END);
            }
            case "if" -> {
                String label = blockLabelName();
                BlockType bt = blockType();
                // The condition: folded instructions before (then ...), outside the if's label and
                // encoded before it (labels are numbered in binary order for the name section).
                while (p.at(TokenKind.LPAREN) && !p.atParen("then")) {
                    foldedInstruction();
                }
                pushLabel(label);
                hintHere(hint);
                out.visitBlock(Opcode.IF, bt);
                if (!p.takeParen("then")) {
                    throw p.unexpected("`(then`");
                }
                instructions();
                p.expectRParen();
                if (p.takeParen("else")) {
                    out.visitSimple(Opcode.ELSE);
                    instructions();
                    p.expectRParen();
                }
                p.expectRParen();
                popLabel();
                out.visitSimple(Opcode.END);
            }
            case "try_table" -> {
                String label = blockLabelName();
                BlockType bt = blockType();
                List<Catch> catches = catches();
                pushLabel(label);
                out.visitTryTable(bt, catches);
                instructions();
                p.expectRParen();
                popLabel();
                out.visitSimple(Opcode.END);
            }
            case "try" -> {
                blockLabel();
                out.visitBlock(Opcode.TRY, blockType());
                if (!p.takeParen("do")) {
                    throw p.unexpected("`(do`");
                }
                instructions();
                p.expectRParen();
                if (p.takeParen("delegate")) {
                    popLabel();
                    out.visitIndex(Opcode.DELEGATE, label());
                    p.expectRParen();
                    p.expectRParen();
                    return;
                }
                while (p.takeParen("catch")) {
                    out.visitIndex(Opcode.CATCH, p.tags.resolve(p));
                    instructions();
                    p.expectRParen();
                }
                if (p.takeParen("catch_all")) {
                    out.visitSimple(Opcode.CATCH_ALL);
                    instructions();
                    p.expectRParen();
                }
                p.expectRParen();
                popLabel();
                out.visitSimple(Opcode.END);
            }
            case "end", "else", "catch", "catch_all", "delegate", "then", "do" ->
                throw p.errorAt(at, "unexpected token");
            default -> {
                // Immediates come first in the text but the operands must be encoded before the
                // opcode: encode the instruction aside, then the operands, then append it.
                Opcode op = lookup(at, kw);
                InstructionWriter main = out;
                out = new InstructionWriter();
                immediates(op, at, kw);
                byte[] encoded = out.toByteArray();
                out = main;
                if (onlyFolded && p.at(TokenKind.KEYWORD)) {
                    // wasm-tools' words for `(elem (i32.const 0 i32.const 0 i32.add) ...)`.
                    throw p.error("expected folded instruction, found plain instruction `" + t.text(p.pos()) + "`");
                }
                instructions();
                if (!p.at(TokenKind.RPAREN)) {
                    throw p.unexpected("`)`");
                }
                p.seek(p.pos() + 1);
                hintHere(hint);
                out.sink().bytes(encoded);
            }
        }
        if (p.pos() <= open) {
            throw p.errorAt(open, "unexpected token");
        }
    }

    // ---------------------------------------------------------------- labels

    private String blockLabelName() {
        return p.at(TokenKind.ID) ? p.optionalId() : null;
    }

    private String blockLabel() {
        String l = blockLabelName();
        pushLabel(l);
        return l;
    }

    private void pushLabel(String l) {
        if (l != null) {
            labelNames.add(new Naming(labelCount, l));
        }
        labelCount++;
        labels.add(l);
    }

    private void popLabel() {
        labels.remove(labels.size() - 1);
    }

    /** After {@code end} / {@code else} / {@code catch}: an optional id that must repeat the label. */
    private void checkLabel(String label) {
        if (p.at(TokenKind.ID)) {
            int at = p.pos();
            String id = p.optionalId();
            if (!id.equals(label)) {
                throw p.errorAt(at, "mismatching label");
            }
        }
    }

    private void endBlock(String label) {
        if (!p.takeKeyword("end")) {
            throw p.unexpected("`end`");
        }
        checkLabel(label);
        popLabel();
        out.visitSimple(Opcode.END);
    }

    private int label() {
        if (p.at(TokenKind.ID)) {
            int at = p.pos();
            String id = p.optionalId();
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (id.equals(labels.get(i))) {
                    return labels.size() - 1 - i;
                }
            }
            throw p.errorAt(at, "unknown label: failed to find name `$" + id + "`");
        }
        return p.u32();
    }

    private List<Catch> catches() {
        List<Catch> catches = new ArrayList<>();
        while (true) {
            if (p.takeParen("catch")) {
                int tag = p.tags.resolve(p);
                catches.add(new Catch(Catch.Kind.CATCH, tag, label()));
            } else if (p.takeParen("catch_ref")) {
                int tag = p.tags.resolve(p);
                catches.add(new Catch(Catch.Kind.CATCH_REF, tag, label()));
            } else if (p.takeParen("catch_all")) {
                catches.add(new Catch(Catch.Kind.CATCH_ALL, -1, label()));
            } else if (p.takeParen("catch_all_ref")) {
                catches.add(new Catch(Catch.Kind.CATCH_ALL_REF, -1, label()));
            } else {
                return catches;
            }
            p.expectRParen();
        }
    }

    /** Resume handlers (stack-switching): {@code (on tag label)} and {@code (on tag switch)}. */
    private List<Handler> handlers() {
        List<Handler> handlers = new ArrayList<>();
        while (p.takeParen("on")) {
            int tag = p.tags.resolve(p);
            handlers.add(p.takeKeyword("switch") ? Handler.onSwitch(tag) : Handler.onLabel(tag, label()));
            p.expectRParen();
        }
        return handlers;
    }

    // ---------------------------------------------------------------- block types

    private BlockType blockType() {
        int at = p.pos();
        if (p.atParen("type")) {
            ModuleParser.TypeUse use = p.typeUse(false);
            checkNoParamIds(at, use.paramIds());
            return new BlockType.Indexed(use.index());
        }
        if (!p.atParen("param") && !p.atParen("result")) {
            return BlockType.EMPTY;
        }
        List<ValType> params = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        p.paramsAndResults(params, ids, results);
        checkNoParamIds(at, ids);
        if (params.isEmpty() && results.size() <= 1) {
            return results.isEmpty() ? BlockType.EMPTY : new BlockType.Value(results.get(0));
        }
        return new BlockType.Indexed(p.implicitType(new FuncType(params, results)));
    }

    private void checkNoParamIds(int at, List<String> ids) {
        for (String id : ids) {
            if (id != null) {
                throw p.errorAt(at, "unexpected token: block parameters cannot be named");
            }
        }
    }

    // ---------------------------------------------------------------- immediates

    private int local() {
        if (p.at(TokenKind.ID)) {
            int at = p.pos();
            String id = p.optionalId();
            Integer i = localIds.get(id);
            if (i == null) {
                throw p.errorAt(at, "unknown local: failed to find name `$" + id + "`");
            }
            return i;
        }
        return p.u32();
    }

    private int optionalIndex(Space space) {
        return Space.atIndex(p) ? space.resolve(p) : 0;
    }

    private int field(int typeIndex) {
        if (p.at(TokenKind.ID)) {
            int at = p.pos();
            String id = p.optionalId();
            Map<String, Integer> ids = p.fieldIds.get(typeIndex);
            Integer i = ids == null ? null : ids.get(id);
            if (i == null) {
                throw p.errorAt(at, "unknown field: failed to find name `$" + id + "`");
            }
            return i;
        }
        return p.u32();
    }

    private int lane() {
        int at = p.pos();
        if (!p.at(TokenKind.NUMBER)) {
            throw p.unexpected("a lane index");
        }
        long v = p.u64();
        if (v > 255) {
            throw p.errorAt(at, "malformed lane index");
        }
        return (int) v;
    }

    private void immediates(Opcode op, int at, String kw) {
        switch (op.immediate()) {
            case NONE -> {
                if (op == Opcode.SELECT && p.atParen("result")) {
                    List<ValType> ts = new ArrayList<>();
                    while (p.takeParen("result")) {
                        while (!p.at(TokenKind.RPAREN)) {
                            ts.add(p.valType());
                        }
                        p.expectRParen();
                    }
                    out.visitSelectTyped(ts);
                } else {
                    out.visitSimple(op);
                }
            }
            case BLOCK_TYPE, TRY_TABLE -> throw p.errorAt(at, "unexpected token");
            case LABEL -> out.visitIndex(op, label());
            case BR_TABLE -> {
                List<Integer> ls = new ArrayList<>();
                while (Space.atIndex(p)) {
                    ls.add(label());
                }
                if (ls.isEmpty()) {
                    throw p.unexpected("a label");
                }
                int[] arr = new int[ls.size() - 1];
                for (int i = 0; i < arr.length; i++) {
                    arr[i] = ls.get(i);
                }
                out.visitBrTable(arr, ls.get(ls.size() - 1));
            }
            case FUNC -> out.visitIndex(op, p.funcs.resolve(p));
            case CALL_INDIRECT -> {
                int table = optionalIndex(p.tables);
                int useAt = p.pos();
                ModuleParser.TypeUse use = p.typeUse(false);
                checkNoParamIds(useAt, use.paramIds());
                out.visitIndexPair(op, use.index(), table);
            }
            case TYPE -> out.visitIndex(op, p.types.resolve(p));
            case LOCAL -> out.visitIndex(op, local());
            case GLOBAL -> out.visitIndex(op, p.globals.resolve(p));
            case TABLE -> out.visitIndex(op, optionalIndex(p.tables));
            case MEMORY -> out.visitIndex(op, optionalIndex(p.memories));
            case TAG -> out.visitIndex(op, p.tags.resolve(p));
            case ELEM -> out.visitIndex(op, p.elems.resolve(p));
            case DATA -> {
                p.usesDataCount = true;
                out.visitIndex(op, p.datas.resolve(p));
            }
            case MEMARG -> {
                int mem = memoryBeforeMemarg(false);
                long[] ma = memarg(op);
                out.visitMemory(op, (int) ma[0], mem, ma[1]);
            }
            case MEMARG_LANE -> {
                int mem = memoryBeforeMemarg(true);
                long[] ma = memarg(op);
                out.visitMemoryLane(op, (int) ma[0], mem, ma[1], lane());
            }
            case LANE -> out.visitIndex(op, lane());
            case SHUFFLE -> {
                byte[] lanes = new byte[16];
                for (int i = 0; i < 16; i++) {
                    lanes[i] = (byte) lane();
                }
                out.visitShuffle(lanes);
            }
            case I32 -> out.visitI32Const((int) p.intN(32));
            case I64 -> out.visitI64Const(p.intN(64));
            case F32 -> out.visitF32Const(p.f32());
            case F64 -> out.visitF64Const(p.f64());
            case V128 -> {
                long[] v = v128();
                out.visitV128Const(v[0], v[1]);
            }
            case SELECT_TYPES -> throw p.errorAt(at, "unexpected token");
            case HEAP_TYPE -> {
                if (op == Opcode.REF_NULL) {
                    out.visitHeapType(op, p.heapType());
                } else {
                    RefType r = p.refType();
                    Opcode actual = switch (kw) {
                        case "ref.test" -> r.nullable() ? Opcode.REF_TEST_NULLABLE : Opcode.REF_TEST;
                        case "ref.cast_desc_eq" -> r.nullable() ? Opcode.REF_CAST_DESC_EQ_NULLABLE : Opcode.REF_CAST_DESC_EQ;
                        default -> r.nullable() ? Opcode.REF_CAST_NULLABLE : Opcode.REF_CAST;
                    };
                    out.visitHeapType(actual, r.heapType());
                }
            }
            case TYPE_FIELD -> {
                int type = p.types.resolve(p);
                out.visitIndexPair(op, type, field(type));
            }
            case TYPE_TYPE -> {
                int a = p.types.resolve(p);
                out.visitIndexPair(op, a, p.types.resolve(p));
            }
            case TYPE_DATA -> {
                p.usesDataCount = true;
                int a = p.types.resolve(p);
                out.visitIndexPair(op, a, p.datas.resolve(p));
            }
            case TYPE_ELEM -> {
                int a = p.types.resolve(p);
                out.visitIndexPair(op, a, p.elems.resolve(p));
            }
            case TYPE_COUNT -> {
                int a = p.types.resolve(p);
                out.visitIndexPair(op, a, p.u32());
            }
            case DATA_MEMORY -> {
                p.usesDataCount = true;
                int mem = 0;
                if (Space.atIndex(p) && Space.atIndex(peekAfterIndex())) {
                    mem = p.memories.resolve(p);
                }
                out.visitIndexPair(op, p.datas.resolve(p), mem);
            }
            case ELEM_TABLE -> {
                int table = 0;
                if (Space.atIndex(p) && Space.atIndex(peekAfterIndex())) {
                    table = p.tables.resolve(p);
                }
                out.visitIndexPair(op, p.elems.resolve(p), table);
            }
            case TABLE_TABLE -> {
                int a = 0;
                int b = 0;
                if (Space.atIndex(p)) {
                    a = p.tables.resolve(p);
                    b = p.tables.resolve(p);
                }
                out.visitIndexPair(op, a, b);
            }
            case MEMORY_MEMORY -> {
                int a = 0;
                int b = 0;
                if (Space.atIndex(p)) {
                    a = p.memories.resolve(p);
                    b = p.memories.resolve(p);
                }
                out.visitIndexPair(op, a, b);
            }
            case BR_ON_CAST -> {
                int l = label();
                RefType from = p.refType();
                RefType to = p.refType();
                out.visitBrOnCast(op, l, from, to);
            }
            case ATOMIC_FENCE -> out.visitAtomicFence();
            // stack-switching
            case TYPE_TAG -> {
                int type = p.types.resolve(p);
                out.visitIndexPair(op, type, p.tags.resolve(p));
            }
            case RESUME, RESUME_THROW -> {
                int type = p.types.resolve(p);
                int tag = op.immediate() == Immediate.RESUME_THROW ? p.tags.resolve(p) : -1;
                out.visitResume(op, type, tag, handlers());
            }
            // shared-everything-threads
            case ORDERING_GLOBAL -> {
                Ordering o = ordering();
                out.visitOrderedIndex(op, o, p.globals.resolve(p));
            }
            case ORDERING_TABLE -> {
                Ordering o = ordering();
                out.visitOrderedIndex(op, o, optionalIndex(p.tables));
            }
            case ORDERING_TYPE -> {
                Ordering o = ordering();
                out.visitOrderedIndex(op, o, p.types.resolve(p));
            }
            case ORDERING_TYPE_FIELD -> {
                Ordering o = ordering();
                int type = p.types.resolve(p);
                out.visitOrderedIndexPair(op, o, type, field(type));
            }
            default -> throw p.errorAt(at, "unknown operator");
        }
    }

    /** A memory ordering keyword (shared-everything-threads): {@code seq_cst} or {@code acq_rel}. */
    private Ordering ordering() {
        Ordering o = p.at(TokenKind.KEYWORD) ? Ordering.byText(t.text(p.pos())) : null;
        if (o == null) {
            throw p.unexpected("a memory ordering: `seq_cst` or `acq_rel`");
        }
        p.keyword();
        return o;
    }

    /** A cursor one token ahead, to look past an index. */
    private dev.jwt.text.lex.Cursor peekAfterIndex() {
        return new dev.jwt.text.lex.Cursor(t, p.pos() + 1);
    }

    /** The optional memory index before a memarg (and, for lane instructions, before the lane). */
    private int memoryBeforeMemarg(boolean lane) {
        if (p.at(TokenKind.ID)) {
            return p.memories.resolve(p);
        }
        if (p.at(TokenKind.NUMBER)) {
            if (!lane) {
                return p.memories.resolve(p);
            }
            TokenKind next = p.kind(1);
            if (next == TokenKind.NUMBER || (next == TokenKind.KEYWORD
                    && (t.text(p.pos() + 1).startsWith("offset=") || t.text(p.pos() + 1).startsWith("align=")))) {
                return p.memories.resolve(p);
            }
        }
        return 0;
    }

    /** {@code offset=N? align=N?}: returns {log2 alignment, offset}. */
    private long[] memarg(Opcode op) {
        long offset = 0;
        int align = op.naturalAlignment();
        if (p.at(TokenKind.KEYWORD) && t.text(p.pos()).startsWith("offset=")) {
            offset = keywordValue("offset=");
        }
        if (p.at(TokenKind.KEYWORD) && t.text(p.pos()).startsWith("align=")) {
            int at = p.pos();
            long a = keywordValue("align=");
            if (a == 0 || Long.bitCount(a) != 1) {
                throw p.errorAt(at, "alignment must be a power of two");
            }
            align = Long.numberOfTrailingZeros(a);
        }
        return new long[] {align, offset};
    }

    private long keywordValue(String prefix) {
        int at = p.pos();
        String s = p.keyword().substring(prefix.length());
        Long v = dev.jwt.text.lex.Literals.parseUnsigned(s);
        if (v == null) {
            throw p.errorAt(at, s.isEmpty() || !Character.isDigit(s.charAt(0)) ? "unexpected token" : "constant out of range");
        }
        return v;
    }

    /** A v128 constant's shape and lanes: {low, high} 64-bit halves. */
    long[] v128Lanes() {
        return v128();
    }

    private long[] v128() {
        int at = p.pos();
        String shape = p.keyword();
        long lo = 0;
        long hi = 0;
        int lanes;
        int bits;
        switch (shape) {
            case "i8x16" -> { lanes = 16; bits = 8; }
            case "i16x8" -> { lanes = 8; bits = 16; }
            case "i32x4", "f32x4" -> { lanes = 4; bits = 32; }
            case "i64x2", "f64x2" -> { lanes = 2; bits = 64; }
            default -> throw p.errorAt(at, "unexpected token, expected a vector shape");
        }
        boolean isFloat = shape.charAt(0) == 'f';
        for (int i = 0; i < lanes; i++) {
            long v;
            if (isFloat) {
                v = bits == 32 ? p.f32() & 0xFFFF_FFFFL : p.f64();
            } else {
                v = p.intN(bits);
            }
            if (bits < 64) {
                v &= (1L << bits) - 1;
            }
            int bit = i * bits;
            if (bit < 64) {
                lo |= v << bit;
            } else {
                hi |= v << (bit - 64);
            }
        }
        return new long[] {lo, hi};
    }
}
