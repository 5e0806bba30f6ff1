package dev.jwt.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.module.Module;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every core module binary of the corpus decodes, re-encodes to the same bytes, and decoding the
 * re-encoded bytes gives an equal module (DESIGN decision 3). Components are left to the component
 * decoder.
 */
class ModuleRoundTripTest {
    static final List<String> DIRS = List.of(
            "chicory-wasm-corpus/compiled",
            "wasi-testsuite/tests/assemblyscript/testsuite/wasm32-wasip1",
            "wasi-testsuite/tests/c/testsuite/wasm32-wasip1",
            "wasi-testsuite/tests/rust/testsuite/wasm32-wasip1");

    static List<Path> coreModules() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : DIRS) {
            for (Path p : Corpus.files(Corpus.resolve(dir), ".wasm")) {
                byte[] head = new byte[8];
                try (var in = Files.newInputStream(p)) {
                    int n = in.readNBytes(head, 0, 8);
                    if (n == 8 && Arrays.equals(head, 4, 8, ModuleDecoder.COMPONENT_VERSION, 0, 4)) {
                        continue;
                    }
                }
                out.add(p);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> roundTrip() throws IOException {
        KnownFailures kf = KnownFailures.load("round-trip");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : coreModules()) {
            tests.add(kf.test(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                Module m = ModuleDecoder.decode(bytes);
                byte[] again = ModuleEncoder.encode(m);
                int diff = Arrays.mismatch(bytes, again);
                if (diff >= 0) {
                    fail("encode(decode(b)) differs from b at offset 0x" + Integer.toHexString(diff) + " (sizes "
                            + bytes.length + ", " + again.length + ")");
                }
                assertModelsEqual(m, ModuleDecoder.decode(again));
            }));
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    /** Equality of two modules, failing with the name of the first part that differs (not a 1 MB dump). */
    static void assertModelsEqual(Module expected, Module actual) {
        for (var c : Module.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(expected);
                Object b = c.getAccessor().invoke(actual);
                if (!java.util.Objects.equals(a, b)) {
                    String detail = "";
                    if (a instanceof List<?> la && b instanceof List<?> lb) {
                        int i = 0;
                        while (i < Math.min(la.size(), lb.size()) && la.get(i).equals(lb.get(i))) {
                            i++;
                        }
                        detail = " at item " + i + " of " + la.size() + "/" + lb.size();
                    }
                    fail("decode(encode(m)) differs from m in " + c.getName() + detail);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(expected, actual);
    }

    @TestFactory
    Stream<DynamicTest> componentsAreRecognised() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : Corpus.files(Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3"), ".wasm")) {
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                MalformedException e = org.junit.jupiter.api.Assertions.assertThrows(MalformedException.class,
                        () -> ModuleDecoder.decode(Files.readAllBytes(p)));
                org.junit.jupiter.api.Assertions.assertTrue(e.bareMessage().startsWith("expected a version header for a module"),
                        e.getMessage());
            }));
        }
        return tests.stream();
    }
}
