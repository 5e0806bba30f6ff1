package dev.jwt.binary.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SubType;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The custom-descriptors forms of the type and import sections: describes (0x4C) and descriptor
 * (0x4D) clauses, exact heap types (0x62) and exact function imports (kind 0x20) decode into the
 * model and encode back to the same bytes.
 */
class CustomDescriptorsCodecTest {
    private static final byte[] MODULE = {
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        // type section: (rec (type (descriptor 1) (struct (field (ref (exact 0)))))
        //                    (type (describes 0) (struct)))
        //               (type (func))
        0x01, 0x12, 0x02,
        0x4E, 0x02,
        0x4D, 0x01, 0x5F, 0x01, 0x64, 0x62, 0x00, 0x00,
        0x4C, 0x00, 0x5F, 0x00,
        0x60, 0x00, 0x00,
        // import section: (import "" "f" (func (exact (type 2))))
        0x02, 0x06, 0x01, 0x00, 0x01, 0x66, 0x20, 0x02,
    };

    @Test
    void clausesExactTypesAndExactImportsRoundTrip() {
        Module m = ModuleDecoder.decode(MODULE);
        RecGroup group = m.types().get(0);
        SubType described = group.types().get(0);
        SubType descriptor = group.types().get(1);
        assertEquals(OptionalInt.of(1), described.descriptor());
        assertEquals(OptionalInt.empty(), described.describes());
        assertEquals(OptionalInt.of(0), descriptor.describes());
        assertEquals(OptionalInt.empty(), descriptor.descriptor());
        FieldType field = ((StructType) described.composite()).fields().get(0);
        assertEquals(new RefType(false, new ConcreteHeapType(0, true)), field.storage());
        assertEquals(new ImportDesc.Func(2, true), m.imports().get(0).desc());
        assertArrayEquals(MODULE, ModuleEncoder.encode(m));
    }

    @Test
    void aDescriptorClauseBeforeADescribesClauseIsMalformed() {
        byte[] bytes = {
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            // (rec (type (descriptor 1) (struct)) (type <descriptor 0> <describes 0> (struct)))
            0x01, 0x0D, 0x01, 0x4E, 0x02,
            0x4D, 0x01, 0x5F, 0x00,
            0x4D, 0x00, 0x4C, 0x00, 0x5F, 0x00,
        };
        MalformedException e = assertThrows(MalformedException.class, () -> ModuleDecoder.decode(bytes));
        assertEquals("malformed definition type", e.bareMessage());
        assertEquals(19, e.offset());
    }
}
