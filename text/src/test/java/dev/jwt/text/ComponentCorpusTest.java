package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.component.WasmBinary;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the component text parser over every component of the Component Model reference tests,
 * Wasmtime's component tests and wasm-tools' CLI tests (its {@code .wast} scripts and the
 * {@code .wat} files that hold a component): each component parses and encodes to bytes that decode
 * and encode to the same bytes; a {@code (component binary ...)} re-encodes to its own bytes; each
 * {@code assert_malformed} component is rejected as malformed; components under
 * {@code assert_invalid}, {@code assert_unlinkable} and {@code assert_trap} parse (their
 * invalidity is the validator's business).
 */
class ComponentCorpusTest {
    private static final KnownFailures KF = KnownFailures.load("component-corpus");

    static List<Path> scripts() {
        List<Path> all = new ArrayList<>();
        all.addAll(Corpus.files(Corpus.resolve("component-model/test"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("wasmtime/component-model"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("wasmtime/component-model-threading"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("wasm-tools/cli"), ".wast"));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> scriptComponents() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : scripts()) {
            String id = Corpus.id(file);
            String source = Files.readString(file, StandardCharsets.UTF_8);
            List<WastCommand> commands;
            try {
                commands = Wast.parse(source, id);
            } catch (RuntimeException e) {
                continue; // the script itself is WastCorpusTest's (and the script parser's) business
            }
            FeatureSet features = id.startsWith("wasm-tools/") ? Corpus.runFeatures(source) : null;
            addCommands(tests, id, commands, strict(id, source), features);
        }
        tests.add(KF.closingCheck());
        return tests.stream();
    }

    /** The {@code .wat} files of wasm-tools' CLI tests that hold a component (parse, print, dump... runs). */
    @TestFactory
    Stream<DynamicTest> watComponents() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.files(Corpus.resolve("wasm-tools/cli"), ".wat")) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            if (!startsWithComponent(source) || source.contains(";; FAIL:")) {
                continue;
            }
            String id = Corpus.id(file);
            tests.add(KF.test(id, () -> {
                WasmBinary b = Wat.parse(source, id);
                assertTrue(b instanceof WasmBinary.ComponentBinary, "a component");
                roundTrip(((WasmBinary.ComponentBinary) b).component(), null);
            }));
        }
        return tests.stream();
    }

    /**
     * Whether a script is parsed with strict component indices: not when its RUN line turns them
     * off (as wasm-tools' tests do), nor for Wasmtime's tests, whose runner accepts the legacy forms.
     */
    static boolean strict(String id, String source) {
        return !id.startsWith("wasmtime/") && !source.contains("WAST_STRICT_COMPONENT_INDICES=0");
    }

    /** Whether the first form of a text (after comments) is {@code (component}. */
    static boolean startsWithComponent(String source) {
        return source.replaceAll("(?m);;.*$", "").replaceAll("(?s)\\(;.*?;\\)", "").strip().startsWith("(component");
    }

    private static void addCommands(List<DynamicTest> tests, String file, List<WastCommand> commands,
            boolean strict, FeatureSet features) {
        for (WastCommand c : commands) {
            String id = file + ":" + c.line() + ":" + c.column();
            if (c instanceof WastCommand.ModuleCommand m && m.source() instanceof ModuleSource.Component s) {
                tests.add(KF.test(id + " component", () -> parsesAndRoundTrips(s, strict)));
            } else if (c instanceof WastCommand.AssertMalformed a && a.module() instanceof ModuleSource.Component s) {
                tests.add(KF.test(id + " assert_malformed", () -> rejected(s, strict, features)));
            } else if (c instanceof WastCommand.AssertInvalid a && a.module() instanceof ModuleSource.Component s) {
                tests.add(KF.test(id + " assert_invalid", () -> parsesUnlessDecoderRejects(s, strict, a.message())));
            } else if (c instanceof WastCommand.AssertUnlinkable a && a.module() instanceof ModuleSource.Component s) {
                tests.add(KF.test(id + " assert_unlinkable", () -> parsesAndRoundTrips(s, strict)));
            } else if (c instanceof WastCommand.AssertUninstantiable a
                    && a.module() instanceof ModuleSource.Component s) {
                tests.add(KF.test(id + " assert_trap component", () -> parsesAndRoundTrips(s, strict)));
            } else if (c instanceof WastCommand.Thread t) {
                addCommands(tests, file, t.commands(), strict, features);
            }
        }
    }

    /**
     * A component asserted invalid parses; wasm-tools rejects a few binary ones while decoding,
     * and then the decoder must give the expected message.
     */
    private static void parsesUnlessDecoderRejects(ModuleSource.Component source, boolean strict, String message) {
        try {
            Wast.component(source, strict);
        } catch (WasmException e) {
            if (!isBinary(source) || !e.getMessage().contains(message)) {
                throw e;
            }
        }
    }

    private static void parsesAndRoundTrips(ModuleSource.Component source, boolean strict) {
        Component c = Wast.component(source, strict);
        roundTrip(c, isBinary(source) ? binaryBytes(source) : null);
    }

    /**
     * encode(decode(encode(c))) == encode(c); and a binary form re-encodes to its own bytes, unless
     * it spells integers with more bytes than needed (then to shorter bytes of the same component).
     */
    private static void roundTrip(Component c, byte[] written) {
        byte[] bytes = ComponentEncoder.encode(c);
        Component again = ComponentDecoder.decode(bytes);
        assertArrayEquals(bytes, ComponentEncoder.encode(again), "encode(decode(encode(c))) differs from encode(c)");
        if (written != null && !java.util.Arrays.equals(written, bytes)) {
            assertTrue(written.length > bytes.length && c.equals(again),
                    "re-encoding a binary component changed its bytes beyond shortening overlong integers");
        }
    }

    private static boolean isBinary(ModuleSource.Component s) {
        return s.tokens().is(s.start() + 2, "binary")
                || (s.tokens().kind(s.start() + 2) == dev.jwt.text.lex.TokenKind.ID && s.tokens().is(s.start() + 3, "binary"));
    }

    private static byte[] binaryBytes(ModuleSource.Component s) {
        var t = s.tokens();
        int p = s.start() + 2;
        while (!t.is(p, "binary")) {
            p++;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (p++; t.kind(p) == dev.jwt.text.lex.TokenKind.STRING; p++) {
            byte[] b = t.stringBytes(p);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    private static void rejected(ModuleSource.Component source, boolean strict, FeatureSet features) {
        try {
            Component c = Wast.component(source, strict);
            byte[] bytes = ComponentEncoder.encode(c);
            // What parses must still fail to encode and decode back (e.g. bytes that only a decoder checks).
            ComponentDecoder.decode(bytes);
            // wasm-tools reads text by encoding it, and its decoder rejects the encodings of
            // features the script leaves off: such text is malformed too, though it parses.
            try {
                ComponentDecoder.decode(bytes, features);
            } catch (WasmException e) {
                assertEquals(WasmException.Kind.MALFORMED, e.kind());
                return;
            }
        } catch (WasmException e) {
            assertEquals(WasmException.Kind.MALFORMED, e.kind());
            if (!isBinary(source)) {
                // Text (and quoted text) is rejected by the parser, at a place in the script.
                TextException te = assertInstanceOf(TextException.class, e, "a text component fails in the parser");
                assertTrue(te.line() >= 1 && te.column() >= 1, te.getMessage());
            }
            return;
        }
        fail("malformed component was accepted");
    }
}
