package dev.jwt.binary.component;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.MalformedException;
import dev.jwt.testing.ByteEdits;
import dev.jwt.testing.Corpus;
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
 * Truncated and corrupted real components end in a {@link MalformedException} with an offset inside
 * the input, never in another exception or a hang; hostile nesting is refused before the stack runs
 * out.
 */
class ComponentMalformedTest {
    /** Decodes; a MalformedException must carry an offset within the input. Any other exception fails. */
    static Component decodeOrMalformed(byte[] bytes) {
        try {
            return ComponentDecoder.decode(bytes);
        } catch (MalformedException e) {
            if (e.offset() < 0 || e.offset() > bytes.length) {
                fail("offset " + e.offset() + " outside the input (" + bytes.length + " bytes): " + e.getMessage());
            }
            return null;
        }
    }

    /** Every truncation of the first 2 KiB (preamble, types, imports), then 64 points spread over the rest. */
    @TestFactory
    Stream<DynamicTest> truncations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : ComponentCorpus.components()) {
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                int dense = Math.min(bytes.length, 2048);
                for (int n = 0; n < dense; n += bytes.length > 100_000 ? 7 : 1) {
                    assertRejected(Arrays.copyOf(bytes, n));
                }
                Random random = new Random(bytes.length);
                for (int i = 0; i < 64 && bytes.length > dense; i++) {
                    assertRejected(Arrays.copyOf(bytes, dense + random.nextInt(bytes.length - dense)));
                }
            }));
        }
        return tests.stream();
    }

    private static void assertRejected(byte[] truncated) {
        if (decodeOrMalformed(truncated) != null && truncated.length > 8) {
            // A cut exactly between two top-level sections leaves a shorter, well-formed component.
            return;
        }
    }

    /** Random byte edits of the smaller components: whatever still decodes must encode again. */
    @TestFactory
    Stream<DynamicTest> corruptions() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : ComponentCorpus.components()) {
            if (Files.size(p) > 300_000) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                Random random = new Random(p.getFileName().toString().hashCode());
                for (int i = 0; i < 40; i++) {
                    byte[] mutated = mutate(bytes, random);
                    Component c = decodeOrMalformed(mutated);
                    if (c != null) {
                        ComponentEncoder.encode(c);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** One to three edits after the preamble, mostly in the first 4 KiB where the component's own sections are. */
    static byte[] mutate(byte[] in, Random random) {
        byte[] b = in;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 8; e++) {
            int span = random.nextBoolean() ? Math.min(b.length - 8, 4096) : b.length - 8;
            int at = 8 + random.nextInt(span);
            int value = random.nextBoolean() ? random.nextInt(256)
                    : new int[] {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x41, 0x42}[random.nextInt(8)];
            b = ByteEdits.edit(b, at, value, random.nextInt(3));
        }
        return b;
    }

    @TestFactory
    Stream<DynamicTest> hostileNesting() {
        return Stream.of(
                DynamicTest.dynamicTest("nested components", () -> assertTooDeep(nestedComponents(5000))),
                DynamicTest.dynamicTest("nested instance types", () -> assertTooDeep(nestedInstanceTypes(5000))),
                DynamicTest.dynamicTest("nesting at the limit decodes", () -> {
                    ComponentRoundTripTest.assertRoundTrips(nestedComponents(ComponentDecoder.MAX_NESTING));
                    ComponentRoundTripTest.assertRoundTrips(nestedInstanceTypes(ComponentDecoder.MAX_NESTING));
                }));
    }

    private static void assertTooDeep(byte[] bytes) {
        try {
            ComponentDecoder.decode(bytes);
            fail("decoded");
        } catch (MalformedException e) {
            assertTrue(e.bareMessage().equals("nesting too deep"), e.getMessage());
        }
    }

    private static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00};

    /** A component nesting {@code depth} components, each in a component section of the one outside. */
    static byte[] nestedComponents(int depth) {
        byte[] inner = PREAMBLE.clone();
        for (int i = 0; i < depth; i++) {
            inner = concat(PREAMBLE, section(4, inner));
        }
        return inner;
    }

    /** A component with one type nesting {@code depth} instance types: (instance (type (instance ...))). */
    static byte[] nestedInstanceTypes(int depth) {
        byte[] type = {0x42, 0x00};
        for (int i = 1; i < depth; i++) {
            type = concat(new byte[] {0x42, 0x01, 0x01}, type);
        }
        return concat(PREAMBLE, section(7, concat(new byte[] {0x01}, type)));
    }

    private static byte[] section(int id, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(id);
        int n = content.length;
        do {
            int b = n & 0x7F;
            n >>>= 7;
            out.write(n != 0 ? b | 0x80 : b);
        } while (n != 0);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
