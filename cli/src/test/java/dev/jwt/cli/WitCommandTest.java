package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwt wit} and {@code jwt component wit} on binaries: components, binary WIT packages, bad input. */
class WitCommandTest {
    private static final String WIT = """
            package a:b;

            interface i {
              f: func(x: u32) -> string;
            }

            world w {
              import i;
            }
            """;

    @Test
    void witToWasmAndBack(@TempDir Path dir) throws Exception {
        Path wit = Files.writeString(dir.resolve("p.wit"), WIT);
        Path wasm = dir.resolve("p.wasm");
        JwtTest.Run enc = JwtTest.run("wit", wit.toString(), "--wasm", "-o", wasm.toString());
        assertEquals(0, enc.exit(), enc.err());
        JwtTest.Run text = JwtTest.run("component", "wit", wasm.toString());
        assertEquals(0, text.exit(), text.err());
        assertEquals(JwtTest.run("wit", wit.toString()).out(), text.out());
        JwtTest.Run wat = JwtTest.run("wit", wit.toString(), "-t");
        assertEquals(0, wat.exit(), wat.err());
        assertTrue(wat.out().startsWith("(component\n"), wat.out());
        assertTrue(wat.out().contains("(export (;0;) \"a:b/i\" (instance (type 0)))"), wat.out());
    }

    @Test
    void aComponentsWorld() throws Exception {
        Path wasm = Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3/cli-exit.wasm");
        JwtTest.Run r = JwtTest.run("component", "wit", wasm.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("package root:component;\n\nworld root {\n  import wasi:cli/exit@0.3.0;\n"), r.out());
        assertTrue(r.out().contains("\npackage wasi:cli@0.3.0 {\n  interface exit {\n"), r.out());
    }

    @Test
    void badBinariesAreOneError(@TempDir Path dir) throws Exception {
        Path trunc = Files.write(dir.resolve("t.wasm"), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7});
        JwtTest.Run r = JwtTest.run("wit", trunc.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("0x"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        JwtTest.assertNoStackTrace(r.err());
    }
}
