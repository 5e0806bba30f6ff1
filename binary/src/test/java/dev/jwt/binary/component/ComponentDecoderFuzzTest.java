package dev.jwt.binary.component;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwt.binary.MalformedException;

/**
 * Fuzzes the component decoder: for any input, only {@link MalformedException} may escape, and
 * whatever decodes encodes again and decodes to an equal component. In normal test runs Jazzer
 * replays the seeds in {@code ComponentDecoderFuzzTestInputs/decode/} (regression mode); run with
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class ComponentDecoderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        Component c;
        try {
            c = ComponentDecoder.decodeDetailed(input).component();
        } catch (MalformedException e) {
            if (e.offset() < 0 || e.offset() > input.length) {
                throw new AssertionError("offset out of range: " + e.getMessage(), e);
            }
            return;
        }
        byte[] again = ComponentEncoder.encode(c);
        if (!c.equals(ComponentDecoder.decode(again))) {
            throw new AssertionError("decode(encode(c)) differs from c");
        }
    }
}
