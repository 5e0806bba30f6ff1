package dev.jwt.wit.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.print.Printer;
import dev.jwt.text.Wat;
import dev.jwt.wit.Wit;
import dev.jwt.wit.print.WitPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * WIT to wasm and back against wit-component's own expectations and real components:
 * <ul>
 * <li>{@code wit-component/interfaces/}: each package encodes to a binary whose text (printed by
 * jwt's component printer) is its {@code .wat} (wasm-tools' output), that binary decodes back to
 * a package printing as its {@code .wit.print}, and decoding then encoding gives the same bytes;
 * <li>{@code wit-component/components/}: the WIT of each expected component (parsed with jwt's
 * component text parser) prints as its {@code component.wit.print};
 * <li>the wasi-testsuite wasip3 components: their WIT prints, parses and resolves again, and
 * encoding then decoding it gives the same text.
 * </ul>
 */
class WitWasmCorpusTest {
    /** The producer version the expected {@code .wat} files carry (wit-component's test harness leaves it unexpanded). */
    private static final String TEST_PRODUCER_VERSION = "$CARGO_PKG_VERSION";

    @TestFactory
    List<DynamicTest> interfaces() throws IOException {
        KnownFailures kf = KnownFailures.load("wit-component-interfaces-wasm");
        Path dir = Corpus.resolve("wit-component/interfaces");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wat : Corpus.files(dir, ".wat")) {
            String base = wat.getFileName().toString().replaceFirst("\\.wat$", "");
            Path input = Files.isDirectory(dir.resolve(base)) ? dir.resolve(base) : dir.resolve(base + ".wit");
            if (!Files.exists(input)) {
                continue; // a .wat without its WIT is no case of the upstream harness
            }
            Path print = Files.isDirectory(input) ? Corpus.files(input, ".wit.print").stream().findFirst().orElse(null)
                    : dir.resolve(base + ".wit.print");
            String id = Corpus.id(input);
            // The encoding, printed by jwt's component printer, is wasm-tools' text of it.
            tests.add(kf.test(id + " encode", () -> {
                byte[] actual = encode(input);
                assertEquals(Files.readString(wat), new Printer().print(actual));
            }));
            if (print != null && Files.exists(print)) {
                tests.add(kf.test(id + " decode", () -> {
                    Wit.Loaded decoded = Wit.decodeWasm(encode(input));
                    assertEquals(Files.readString(print), WitPrinter.print(decoded.resolve(), decoded.mainPackage()));
                }));
            }
            tests.add(kf.test(id + " round-trip", () -> {
                byte[] bytes = encode(input);
                Wit.Loaded decoded = Wit.decodeWasm(bytes);
                byte[] again = ComponentEncoder.encode(WitEncoder.encode(decoded.resolve(), decoded.mainPackage(), TEST_PRODUCER_VERSION));
                assertSameBytes(bytes, again);
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }

    private static byte[] encode(Path input) {
        Wit.Loaded loaded = Wit.load(input, Wit.Features.NONE);
        return ComponentEncoder.encode(WitEncoder.encode(loaded.resolve(), loaded.mainPackage(), TEST_PRODUCER_VERSION));
    }

    @TestFactory
    List<DynamicTest> components() throws IOException {
        KnownFailures kf = KnownFailures.load("wit-component-components-wit");
        Path dir = Corpus.resolve("wit-component/components");
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path c : cases) {
            Path wat = c.resolve("component.wat");
            Path print = c.resolve("component.wit.print");
            if (!Files.exists(wat) || !Files.exists(print)) {
                continue;
            }
            tests.add(kf.test(Corpus.id(c), () -> {
                Component component = Wat.parseComponent(Files.readString(wat), wat.toString());
                Wit.Loaded decoded = Wit.decode(component);
                assertEquals(Files.readString(print), WitPrinter.print(decoded.resolve(), decoded.mainPackage()));
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }

    @TestFactory
    List<DynamicTest> wasip3Components() throws IOException {
        KnownFailures kf = KnownFailures.load("wasip3-components-wit");
        Path dir = Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wasm : Corpus.files(dir, ".wasm")) {
            tests.add(kf.test(Corpus.id(wasm), () -> {
                Wit.Loaded decoded = Wit.decodeWasm(Files.readAllBytes(wasm));
                String text = print(decoded);
                // The printed WIT is WIT again: it parses and resolves, and prints the same.
                Wit.Loaded reparsed = Wit.load(wasm.getFileName() + ".wit", text, Wit.Features.NONE);
                assertEquals(text, print(reparsed));
                // As a binary WIT package it decodes to the same WIT.
                byte[] bytes = Wit.encodeWasm(decoded.resolve(), decoded.mainPackage());
                Wit.Loaded again = Wit.decodeWasm(bytes);
                assertEquals(WitPrinter.print(decoded.resolve(), decoded.mainPackage()),
                        WitPrinter.print(again.resolve(), again.mainPackage()));
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }

    /** The main package, then every other one as a nested package, as {@code jwt wit} prints them. */
    private static String print(Wit.Loaded l) {
        List<Integer> nested = new ArrayList<>(l.packages());
        nested.remove(Integer.valueOf(l.mainPackage()));
        return WitPrinter.print(l.resolve(), l.mainPackage(), nested, true);
    }

    /** Equal bytes; on a difference, says where it starts. */
    static void assertSameBytes(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                fail("bytes differ at offset 0x" + Integer.toHexString(i) + ": expected "
                        + hex(expected, i) + " but got " + hex(actual, i));
            }
        }
        assertEquals(expected.length, actual.length, "length");
    }

    private static String hex(byte[] b, int at) {
        return HexFormat.of().formatHex(b, at, Math.min(b.length, at + 16));
    }
}
