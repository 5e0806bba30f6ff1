package dev.jwt.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionWriter;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.Module;
import dev.jwt.testing.Corpus;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link Opcode} table against wasm-tools: {@code fixtures/binary/opcodes.wasm} was assembled by
 * wasm-tools from {@code opcodes.wat}, which uses every instruction of the table once, function i
 * for table entry i. Each function must decode to its instruction, and each body must re-encode to
 * wasm-tools' bytes.
 */
class OpcodeTableTest {
    @Test
    void everyOpcodeMatchesWasmTools() throws Exception {
        byte[] bytes = Files.readAllBytes(Corpus.fixtures().resolve("binary/opcodes.wasm"));
        Module m = ModuleDecoder.decode(bytes);
        Opcode[] all = Opcode.values();
        assertEquals(all.length, m.code().size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            FuncBody body = m.code().get(i);
            InstructionReader r = new InstructionReader(body.instructions(), body.offset());
            InstructionWriter w = new InstructionWriter();
            List<Opcode> seen = new ArrayList<>();
            while (!r.eof()) {
                seen.add(r.readNext(w));
            }
            if (!seen.contains(all[i])) {
                wrong.add(all[i] + " decoded as " + seen);
            }
            assertArrayEquals(body.instructions().toArray(), w.toByteArray(), all[i] + " re-encodes");
        }
        assertTrue(wrong.isEmpty(), "opcode table disagrees with wasm-tools: " + wrong);
        assertArrayEquals(bytes, ModuleEncoder.encode(m));
    }
}
