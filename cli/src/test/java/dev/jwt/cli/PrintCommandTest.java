package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwt print} on components: the text wasm-tools prints, and a clean error for a broken one. */
class PrintCommandTest {
    private static final Path COMPONENTS = Corpus.fixtures().resolve("print/components");

    @Test
    void printsAComponent() throws IOException {
        JwtTest.Run r = JwtTest.run("print", COMPONENTS.resolve("component-features.wasm").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(COMPONENTS.resolve("component-features.print")), r.out());
    }

    @Test
    void printsAComponentWithOffsetsAndFolded() {
        JwtTest.Run r = JwtTest.run("print", "-p", "-f", COMPONENTS.resolve("component-features.wasm").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("(component $top\n(;@b     ;)  (core module $libc (;0;)\n"), r.out());
    }

    @Test
    void indentWidth() {
        JwtTest.Run r = JwtTest.run("print", "--indent", "4", COMPONENTS.resolve("component-features.wasm").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("(component $top\n    (core module $libc (;0;)\n        (type"), r.out());
        assertEquals(2, JwtTest.run("print", "--indent", "-1", COMPONENTS.resolve("component-features.wasm").toString()).exit());
    }

    @Test
    void brokenComponentIsOneErrorLine(@TempDir Path dir) throws IOException {
        byte[] wasm = Files.readAllBytes(COMPONENTS.resolve("component-features.wasm"));
        Path cut = dir.resolve("cut.wasm");
        Files.write(cut, java.util.Arrays.copyOf(wasm, wasm.length / 2));
        JwtTest.Run r = JwtTest.run("print", cut.toString());
        assertEquals(1, r.exit());
        JwtTest.assertNoStackTrace(r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
    }
}
