package dev.jwt.binary.code;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.Opcode;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RefType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionCodecTest {
    /** Writes one instance of every opcode in the table, with sample immediates. */
    private static void writeEveryOpcode(InstructionVisitor w) {
        for (Opcode op : Opcode.values()) {
            // The clauses of if and try only decode inside their block.
            if (op == Opcode.ELSE) {
                w.visitBlock(Opcode.IF, BlockType.EMPTY);
            } else if (op == Opcode.CATCH || op == Opcode.CATCH_ALL || op == Opcode.DELEGATE) {
                w.visitBlock(Opcode.TRY, BlockType.EMPTY);
            }
            switch (op.immediate()) {
                case NONE -> w.visitSimple(op);
                case BLOCK_TYPE -> {
                    w.visitBlock(op, BlockType.EMPTY);
                    w.visitBlock(op, new BlockType.Value(NumType.I64));
                    w.visitBlock(op, new BlockType.Value(new RefType(false, new ConcreteHeapType(3))));
                    w.visitBlock(op, new BlockType.Indexed(200));
                }
                case LABEL, FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, TAG, ELEM, DATA -> w.visitIndex(op, 300);
                case LANE -> w.visitIndex(op, 7);
                case CALL_INDIRECT, TYPE_FIELD, TYPE_TYPE, TYPE_DATA, TYPE_ELEM, TYPE_COUNT, DATA_MEMORY, ELEM_TABLE,
                        TABLE_TABLE, MEMORY_MEMORY, TYPE_TAG -> w.visitIndexPair(op, 1, 70000);
                case BR_TABLE -> w.visitBrTable(new int[] {0, 1, 128}, 2);
                case MEMARG -> {
                    w.visitMemory(op, 2, 0, 16);
                    w.visitMemory(op, 0, 1, 1L << 40);
                }
                case MEMARG_LANE -> w.visitMemoryLane(op, 3, 2, 0, 1);
                case SHUFFLE -> w.visitShuffle(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31});
                case I32 -> w.visitI32Const(-123456);
                case I64 -> w.visitI64Const(Long.MIN_VALUE);
                case F32 -> w.visitF32Const(0x7FA00001);
                case F64 -> w.visitF64Const(0x7FF4000000000001L);
                case V128 -> w.visitV128Const(0x0102030405060708L, -1L);
                case SELECT_TYPES -> w.visitSelectTyped(List.of(NumType.F32, RefType.FUNCREF));
                case HEAP_TYPE -> {
                    w.visitHeapType(op, AbsHeapType.I31);
                    w.visitHeapType(op, new ConcreteHeapType(5));
                }
                case BR_ON_CAST -> w.visitBrOnCast(op, 1, new RefType(true, AbsHeapType.ANY),
                        new RefType(false, new ConcreteHeapType(2)));
                case TRY_TABLE -> w.visitTryTable(BlockType.EMPTY, List.of(new Catch(Catch.Kind.CATCH, 1, 2),
                        new Catch(Catch.Kind.CATCH_REF, 0, 0), new Catch(Catch.Kind.CATCH_ALL, -1, 3),
                        new Catch(Catch.Kind.CATCH_ALL_REF, -1, 4)));
                case ATOMIC_FENCE -> w.visitAtomicFence();
                case RESUME -> {
                    w.visitResume(op, 4, -1, List.of());
                    w.visitResume(op, 200, -1, List.of(Handler.onLabel(1, 2), Handler.onSwitch(300)));
                }
                case RESUME_THROW -> w.visitResume(op, 4, 5, List.of(Handler.onSwitch(0), Handler.onLabel(7, 0)));
            }
        }
    }

    @Test
    void everyOpcodeRoundTrips() {
        InstructionWriter first = new InstructionWriter();
        writeEveryOpcode(first);
        byte[] encoded = first.toByteArray();

        InstructionWriter second = new InstructionWriter();
        List<Opcode> seen = new ArrayList<>();
        InstructionReader reader = new InstructionReader(Bytes.wrap(encoded), 100);
        while (!reader.eof()) {
            seen.add(reader.readNext(second));
        }
        assertArrayEquals(encoded, second.toByteArray());
        List<Opcode> expected = new ArrayList<>();
        writeEveryOpcode(new NoOpVisitor() {
            @Override public void visitSimple(Opcode op) { expected.add(op); }
            @Override public void visitBlock(Opcode op, BlockType type) { expected.add(op); }
            @Override public void visitIndex(Opcode op, int index) { expected.add(op); }
            @Override public void visitIndexPair(Opcode op, int a, int b) { expected.add(op); }
            @Override public void visitBrTable(int[] labels, int d) { expected.add(Opcode.BR_TABLE); }
            @Override public void visitMemory(Opcode op, int a, int m, long o) { expected.add(op); }
            @Override public void visitMemoryLane(Opcode op, int a, int m, long o, int l) { expected.add(op); }
            @Override public void visitI32Const(int v) { expected.add(Opcode.I32_CONST); }
            @Override public void visitI64Const(long v) { expected.add(Opcode.I64_CONST); }
            @Override public void visitF32Const(int v) { expected.add(Opcode.F32_CONST); }
            @Override public void visitF64Const(long v) { expected.add(Opcode.F64_CONST); }
            @Override public void visitV128Const(long a, long b) { expected.add(Opcode.V128_CONST); }
            @Override public void visitShuffle(byte[] l) { expected.add(Opcode.I8X16_SHUFFLE); }
            @Override public void visitSelectTyped(List<dev.jwt.binary.types.ValType> t) { expected.add(Opcode.SELECT_TYPED); }
            @Override public void visitHeapType(Opcode op, dev.jwt.binary.types.HeapType t) { expected.add(op); }
            @Override public void visitBrOnCast(Opcode op, int l, RefType a, RefType b) { expected.add(op); }
            @Override public void visitTryTable(BlockType t, List<Catch> c) { expected.add(Opcode.TRY_TABLE); }
            @Override public void visitAtomicFence() { expected.add(Opcode.ATOMIC_FENCE); }
            @Override public void visitResume(Opcode op, int t, int g, List<Handler> h) { expected.add(op); }
        });
        assertEquals(expected, seen);
    }

    @Test
    void offsetsAndErrors() {
        // i32.const 1, drop, end
        byte[] body = {0x41, 0x01, 0x1A, 0x0B};
        InstructionReader r = new InstructionReader(Bytes.wrap(body), 50);
        r.readNext(NoOpVisitor.INSTANCE);
        assertEquals(50, r.offset());
        r.readNext(NoOpVisitor.INSTANCE);
        assertEquals(52, r.offset());
        r.readNext(NoOpVisitor.INSTANCE);
        assertEquals(-1, r.depth());

        MalformedException e = assertThrows(MalformedException.class,
                () -> new InstructionReader(Bytes.wrap(new byte[] {0x01, (byte) 0xFF}), 10).readAll(NoOpVisitor.INSTANCE));
        assertEquals("illegal opcode ff", e.bareMessage());
        assertEquals(11, e.offset());

        e = assertThrows(MalformedException.class,
                () -> new InstructionReader(Bytes.wrap(new byte[] {0x41, 0x01, 0x1A}), 0).readBody(NoOpVisitor.INSTANCE));
        assertEquals("END opcode expected", e.bareMessage());
        e = assertThrows(MalformedException.class,
                () -> new InstructionReader(Bytes.wrap(new byte[] {0x0B, 0x01}), 0).readBody(NoOpVisitor.INSTANCE));
        assertEquals("operators remaining after end of function", e.bareMessage());
        e = assertThrows(MalformedException.class,
                () -> new InstructionReader(Bytes.wrap(new byte[] {0x28, (byte) 0x80, 0x01, 0x00}), 0).readAll(NoOpVisitor.INSTANCE));
        assertEquals("malformed memop flags", e.bareMessage());
        e = assertThrows(MalformedException.class,
                () -> new InstructionReader(Bytes.wrap(new byte[] {(byte) 0xFC, 0x7F}), 0).readAll(NoOpVisitor.INSTANCE));
        assertEquals("illegal opcode fc 7f", e.bareMessage());
        // if ... else ... else
        e = assertThrows(MalformedException.class, () -> new InstructionReader(
                Bytes.wrap(new byte[] {0x04, 0x40, 0x05, 0x05}), 0).readAll(NoOpVisitor.INSTANCE));
        assertEquals("`else` found outside `If` block", e.bareMessage());
        assertEquals(3, e.offset());
        // block ... catch_all
        e = assertThrows(MalformedException.class, () -> new InstructionReader(
                Bytes.wrap(new byte[] {0x02, 0x40, 0x19}), 0).readAll(NoOpVisitor.INSTANCE));
        assertEquals("`catch_all` found outside `LegacyTry` block", e.bareMessage());
        // try ... catch_all ... catch 0
        e = assertThrows(MalformedException.class, () -> new InstructionReader(
                Bytes.wrap(new byte[] {0x06, 0x40, 0x19, 0x07, 0x00}), 0).readAll(NoOpVisitor.INSTANCE));
        assertEquals("`catch` found outside `LegacyTry` block", e.bareMessage());
        // resume 0 with one handler of kind 2
        e = assertThrows(MalformedException.class, () -> new InstructionReader(
                Bytes.wrap(new byte[] {(byte) 0xE3, 0x00, 0x01, 0x02, 0x00}), 0).readAll(NoOpVisitor.INSTANCE));
        assertEquals("invalid leading byte (0x2) for on clause", e.bareMessage());
        assertEquals(3, e.offset());
    }

    @Test
    void resumeHandlersDecodeInOrder() {
        // resume_throw 1 2 (on 3 4) (on 5 switch)
        byte[] code = {(byte) 0xE4, 0x01, 0x02, 0x02, 0x00, 0x03, 0x04, 0x01, 0x05};
        List<Handler> got = new ArrayList<>();
        new InstructionReader(Bytes.wrap(code), 0).readAll(new NoOpVisitor() {
            @Override
            public void visitResume(Opcode op, int type, int tag, List<Handler> handlers) {
                assertEquals(Opcode.RESUME_THROW, op);
                assertEquals(1, type);
                assertEquals(2, tag);
                got.addAll(handlers);
            }
        });
        assertEquals(List.of(Handler.onLabel(3, 4), Handler.onSwitch(5)), got);
    }
}
