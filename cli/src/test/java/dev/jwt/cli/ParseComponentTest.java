package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwt parse} of a component: the component binary wasm-tools writes; a bad one is one error line with its place. */
class ParseComponentTest {
    @TempDir
    Path dir;

    @Test
    void writesTheComponentBinary() throws IOException {
        Path fixtures = Corpus.fixtures().resolve("text/components");
        Path out = dir.resolve("out.wasm");
        OutputAndInputTest.Run r = OutputAndInputTest.run(new byte[0], true, "parse",
                fixtures.resolve("inline-types.wat").toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(Files.readAllBytes(fixtures.resolve("inline-types.wasm")), Files.readAllBytes(out));
    }

    @Test
    void passesAComponentBinaryThrough() throws IOException {
        byte[] wasm = Files.readAllBytes(Corpus.fixtures().resolve("text/components/names.wasm"));
        OutputAndInputTest.Run r = OutputAndInputTest.run(wasm, false, "parse");
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(wasm, r.out());
    }

    @Test
    void reportsMalformedComponentText() {
        byte[] text = "(component\n  (import \"f\" (func $f (param \"x\" strin)))\n)\n".getBytes();
        OutputAndInputTest.Run r = OutputAndInputTest.run(text, false, "parse");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("<stdin>:2:"), r.err());
        assertTrue(r.err().contains("^"), r.err());
    }
}
