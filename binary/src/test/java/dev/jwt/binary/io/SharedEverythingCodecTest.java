package dev.jwt.binary.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionWriter;
import dev.jwt.binary.code.NoOpVisitor;
import dev.jwt.binary.code.Ordering;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.SubType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared-everything-threads encodings: the 0x65 prefix of shared abstract heap types and of
 * shared composite types, and the ordering byte of the atomic global, table, struct and array
 * instructions (bytes as wasm-tools writes them).
 */
class SharedEverythingCodecTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void sharedAbstractHeapTypes() {
        // 0x65 0x6E alone is the short form of (ref null (shared any)).
        assertEquals(new RefType(true, new SharedAbsHeapType(AbsHeapType.ANY)),
                TypeCodec.valType(new BinaryReader(b(0x65, 0x6E))));
        assertEquals(new RefType(false, new SharedAbsHeapType(AbsHeapType.EQ)),
                TypeCodec.valType(new BinaryReader(b(0x64, 0x65, 0x6D))));
        BinaryWriter w = new BinaryWriter();
        TypeCodec.valType(w, new RefType(true, new SharedAbsHeapType(AbsHeapType.FUNC)));
        TypeCodec.valType(w, new RefType(false, new SharedAbsHeapType(AbsHeapType.I31)));
        assertArrayEquals(b(0x65, 0x70, 0x64, 0x65, 0x6C), w.toByteArray());
        MalformedException e = assertThrows(MalformedException.class,
                () -> TypeCodec.heapType(new BinaryReader(b(0x65, 0x00))));
        assertEquals("malformed heap type", e.bareMessage());
    }

    @Test
    void sharedCompositeTypes() {
        // (rec (type (sub (shared (array (mut i32)))))): the prefix follows the sub header.
        byte[] bytes = b(0x4E, 0x01, 0x50, 0x00, 0x65, 0x5E, 0x7F, 0x01);
        RecGroup g = TypeCodec.recGroup(new BinaryReader(bytes));
        SubType expected = new SubType(false, List.of(), new ArrayType(new FieldType(NumType.I32, true)), true);
        assertEquals(new RecGroup(true, List.of(expected)), g);
        BinaryWriter w = new BinaryWriter();
        ModuleEncoder.recGroup(w, g);
        assertArrayEquals(bytes, w.toByteArray());
    }

    @Test
    void orderedInstructionsRoundTrip() {
        // struct.atomic.get acq_rel 0 0, array.atomic.rmw.add seq_cst 1, global.atomic.get acq_rel 0,
        // table.atomic.get acq_rel 0, ref.i31_shared, end
        byte[] code = b(0xFE, 0x5C, 0x01, 0x00, 0x00, 0xFE, 0x6B, 0x00, 0x01, 0xFE, 0x4F, 0x01, 0x00,
                0xFE, 0x58, 0x01, 0x00, 0xFE, 0x72, 0x0B);
        InstructionReader r = new InstructionReader(new BinaryReader(code));
        InstructionWriter w = new InstructionWriter();
        List<Opcode> ops = new ArrayList<>();
        while (!r.eof()) {
            ops.add(r.readNext(w));
        }
        assertEquals(List.of(Opcode.STRUCT_ATOMIC_GET, Opcode.ARRAY_ATOMIC_RMW_ADD, Opcode.GLOBAL_ATOMIC_GET,
                Opcode.TABLE_ATOMIC_GET, Opcode.REF_I31_SHARED, Opcode.END), ops);
        assertArrayEquals(code, w.toByteArray());
        List<Ordering> orderings = new ArrayList<>();
        InstructionReader again = new InstructionReader(new BinaryReader(code));
        NoOpVisitor v = new NoOpVisitor() {
            @Override
            public void visitOrderedIndex(Opcode op, Ordering ordering, int index) {
                orderings.add(ordering);
            }

            @Override
            public void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex) {
                orderings.add(ordering);
            }
        };
        while (!again.eof()) {
            again.readNext(v);
        }
        assertEquals(List.of(Ordering.ACQ_REL, Ordering.SEQ_CST, Ordering.ACQ_REL, Ordering.ACQ_REL), orderings);
    }

    @Test
    void unknownOrderingIsMalformed() {
        InstructionReader r = new InstructionReader(new BinaryReader(b(0xFE, 0x4F, 0x02, 0x00)));
        MalformedException e = assertThrows(MalformedException.class, () -> r.readNext(NoOpVisitor.INSTANCE));
        assertEquals("invalid atomic consume ordering", e.bareMessage());
        assertEquals(2, e.offset());
    }

    @Test
    void concreteHeapTypesStayConcrete() {
        assertEquals(new ConcreteHeapType(5), TypeCodec.heapType(new BinaryReader(b(0x05))));
    }
}
