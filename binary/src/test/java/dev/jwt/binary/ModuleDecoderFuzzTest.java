package dev.jwt.binary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.NoOpVisitor;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.Module;

/**
 * Fuzzes the decoder: for any input, only {@link MalformedException} may escape, and whatever
 * decodes encodes again and decodes to an equal module. In normal test runs Jazzer replays the
 * seeds in {@code ModuleDecoderFuzzTestInputs/decode/} (regression mode); run with
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class ModuleDecoderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        Module m;
        try {
            m = ModuleDecoder.decodeDetailed(input).module();
        } catch (MalformedException e) {
            if (e.offset() < 0 || e.offset() > input.length) {
                throw new AssertionError("offset out of range: " + e.getMessage(), e);
            }
            return;
        }
        for (FuncBody b : m.code()) {
            new InstructionReader(b.instructions(), b.offset()).readBody(NoOpVisitor.INSTANCE);
        }
        byte[] again = ModuleEncoder.encode(m);
        ModuleDecoder.decode(again);
    }
}
