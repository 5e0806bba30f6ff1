package dev.jwt.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.module.Module;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the text parser: for any input only {@link TextException} may escape, and whatever parses
 * encodes to a binary the decoder reads. In normal test runs Jazzer replays the seeds in
 * {@code WatFuzzTestInputs/parse/} (regression mode); run with {@code JAZZER_FUZZ=1} to fuzz.
 */
class WatFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Module m;
        try {
            m = Wat.parseModule(text, "fuzz.wat");
        } catch (TextException e) {
            if (e.line() < 1 || e.column() < 1) {
                throw new AssertionError("place out of range: " + e.getMessage(), e);
            }
            return;
        }
        ModuleDecoder.decode(ModuleEncoder.encode(m));
    }

    /** The same for component text: seeds in {@code WatFuzzTestInputs/parseComponent/}. */
    @FuzzTest(maxDuration = "30s")
    void parseComponent(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Component c;
        try {
            c = Wat.parseComponent(text, "fuzz.wat");
        } catch (TextException e) {
            if (e.line() < 1 || e.column() < 1) {
                throw new AssertionError("place out of range: " + e.getMessage(), e);
            }
            return;
        }
        ComponentDecoder.decode(ComponentEncoder.encode(c));
    }
}
