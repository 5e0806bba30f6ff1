package dev.jwt.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.module.Module;
import dev.jwt.testing.ByteEdits;
import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad binaries end in a {@link MalformedException} with an offset inside the input, never in another
 * exception or a hang: the checked-in fixtures (with the message each must give), and truncated and
 * corrupted variants of the corpus' small modules.
 */
class MalformedInputTest {
    /** Decodes; a MalformedException must carry an offset within the input. Any other exception fails. */
    static Module decodeOrMalformed(byte[] bytes) {
        try {
            return ModuleDecoder.decode(bytes);
        } catch (MalformedException e) {
            if (e.offset() < 0 || e.offset() > bytes.length) {
                fail("offset " + e.offset() + " outside the input (" + bytes.length + " bytes): " + e.getMessage());
            }
            return null;
        }
    }

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        Path dir = Corpus.fixtures().resolve("binary/malformed");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            tests.add(DynamicTest.dynamicTest(parts[0],
                    () -> assertRejected(Files.readAllBytes(dir.resolve(parts[0])), parts[1])));
        }
        // The empty input is built here, not checked in as a file: it says more, and an empty file
        // is indistinguishable from the empty files of the shared corpus.
        tests.add(DynamicTest.dynamicTest("empty input", () -> assertRejected(new byte[0], "unexpected end")));
        return tests.stream();
    }

    private static void assertRejected(byte[] bytes, String expected) {
        try {
            ModuleDecoder.decode(bytes);
            fail("decoded, but expected: " + expected);
        } catch (MalformedException e) {
            assertTrue(e.bareMessage().startsWith(expected), "expected " + expected + ", got " + e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= bytes.length, "offset in range: " + e.offset());
        }
    }

    static List<Path> smallModules() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : Corpus.files(Corpus.resolve("chicory-wasm-corpus/compiled"), ".wasm")) {
            if (Files.size(p) <= 4096) {
                out.add(p);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> truncations() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : smallModules()) {
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                for (int n = 0; n < bytes.length; n++) {
                    decodeOrMalformed(Arrays.copyOf(bytes, n));
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> corruptions() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : smallModules()) {
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                Random random = new Random(p.getFileName().toString().hashCode());
                for (int i = 0; i < 300; i++) {
                    byte[] mutated = mutate(bytes, random);
                    Module m = decodeOrMalformed(mutated);
                    if (m != null) {
                        // Whatever decodes must encode again.
                        ModuleEncoder.encode(m);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** One to three random edits after the preamble: overwrite, insert or delete a byte. */
    static byte[] mutate(byte[] in, Random random) {
        byte[] b = in;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 8; e++) {
            int at = 8 + random.nextInt(b.length - 8);
            int value = random.nextBoolean() ? random.nextInt(256) : new int[] {0x00, 0x0B, 0x7F, 0x80, 0xFF}[random.nextInt(5)];
            b = ByteEdits.edit(b, at, value, random.nextInt(3));
        }
        return b;
    }
}
