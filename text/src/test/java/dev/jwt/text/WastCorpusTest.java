package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.module.Module;
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
 * Runs the text parser over every script of the spec test suite (core and proposals), of
 * Wasmtime's misc tests and of wasm-tools' own script tests (and its snapshot-era spec files): each script parses; each module it defines parses (text and quote forms)
 * or decodes (binary form) and survives encode/decode; each {@code assert_malformed} module is
 * rejected by the parser or the decoder; each {@code assert_invalid}, {@code assert_unlinkable} and
 * uninstantiable module parses.
 */
class WastCorpusTest {
    private static final KnownFailures KF = KnownFailures.load("wast-corpus");

    static List<Path> scripts() {
        List<Path> all = new ArrayList<>();
        all.addAll(Corpus.files(Corpus.resolve("spec/core"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("spec/proposals"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("wasmtime/misc"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("wasm-tools/testsuite-at-pin"), ".wast"));
        all.addAll(Corpus.files(Corpus.resolve("wasm-tools/cli"), ".wast"));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : scripts()) {
            String id = Corpus.id(file);
            String source = Files.readString(file, StandardCharsets.UTF_8);
            List<WastCommand> commands;
            try {
                commands = Wast.parse(source, id);
            } catch (RuntimeException e) {
                tests.add(KF.test(id, () -> { throw e; }));
                continue;
            }
            tests.add(KF.test(id, () -> { }));
            addCommands(tests, id, commands);
        }
        tests.add(KF.closingCheck());
        return tests.stream();
    }

    private static void addCommands(List<DynamicTest> tests, String file, List<WastCommand> commands) {
        for (WastCommand c : commands) {
            String id = file + ":" + c.line() + ":" + c.column();
            if (c instanceof WastCommand.ModuleCommand m && !(m.source() instanceof ModuleSource.Component)) {
                tests.add(KF.test(id + " module",
                        () -> roundTrip(m.source())));
            } else if (c instanceof WastCommand.AssertMalformed a && !(a.module() instanceof ModuleSource.Component)) {
                tests.add(KF.test(id + " assert_malformed",
                        () -> rejected(a.module())));
            } else if (c instanceof WastCommand.AssertInvalid a && !(a.module() instanceof ModuleSource.Component)) {
                tests.add(KF.test(id + " assert_invalid", () -> invalidParses(a.module())));
            } else if (c instanceof WastCommand.AssertUnlinkable a && !(a.module() instanceof ModuleSource.Component)) {
                tests.add(KF.test(id + " assert_unlinkable",
                        () -> roundTrip(a.module())));
            } else if (c instanceof WastCommand.AssertUninstantiable a
                    && !(a.module() instanceof ModuleSource.Component)) {
                tests.add(KF.test(id + " assert_trap module",
                        () -> roundTrip(a.module())));
            } else if (c instanceof WastCommand.Thread t) {
                addCommands(tests, file, t.commands());
            }
        }
    }

    /** The module parses (or decodes), and its encoding decodes to a module that encodes the same. */
    private static void roundTrip(ModuleSource source) {
        Module m = Wast.module(source);
        byte[] bytes = ModuleEncoder.encode(m);
        Module again = ModuleDecoder.decode(bytes);
        assertArrayEquals(bytes, ModuleEncoder.encode(again), "encode(decode(encode(m))) differs from encode(m)");
        assertEquals(m.types(), again.types());
        assertEquals(m.imports(), again.imports());
        assertEquals(m.exports(), again.exports());
        assertEquals(m.names(), again.names());
        if (source instanceof ModuleSource.Binary b) {
            assertArrayEquals(b.bytes(), bytes, "re-encoding a binary module changed its bytes");
        }
    }

    /**
     * A module asserted invalid parses and decodes; but a {@code (module binary ...)} holding a
     * component's preamble does not decode as a module (validation words the problem: the
     * component model is off).
     */
    private static void invalidParses(ModuleSource source) {
        if (source instanceof ModuleSource.Binary b && b.bytes().length >= 8 && b.bytes()[4] == 0x0d
                && b.bytes()[6] == 1) {
            WasmException e = assertThrows(WasmException.class, () -> Wast.module(source));
            assertEquals(WasmException.Kind.MALFORMED, e.kind());
            return;
        }
        Wast.module(source);
    }

    private static void rejected(ModuleSource source) {
        try {
            Wast.module(source);
        } catch (WasmException e) {
            assertEquals(WasmException.Kind.MALFORMED, e.kind());
            if (source instanceof ModuleSource.Quote) {
                assertEquals(TextException.class, e.getClass(), "a quoted module fails in the text parser");
            }
            return;
        }
        fail("malformed module was accepted");
    }
}
