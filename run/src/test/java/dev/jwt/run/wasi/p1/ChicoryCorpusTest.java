package dev.jwt.run.wasi.p1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.module.Export;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.Module;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real toolchain outputs (Rust, Go, TinyGo, Swift, .NET, Javy...) from the Chicory corpus: every
 * WASI preview1 command among {@code chicory-wasm-corpus/compiled} (it exports {@code _start}
 * and imports only from {@code wasi_snapshot_preview1}) must print the same stdout and end with
 * the same exit code on jwt as on node's WASI. node's answers were recorded once, with an empty
 * stdin and the file name as the only argument, in {@code fixtures/run/chicory/<name>.stdout}
 * and {@code <name>.exit}. A trap counts as exit code 1, as in {@code jwt run} and node.
 */
class ChicoryCorpusTest {
    private static final String WASI_MODULE = "wasi_snapshot_preview1";

    @TestFactory
    Stream<DynamicTest> commands() throws IOException {
        KnownFailures kf = KnownFailures.load("chicory-corpus");
        Path expected = Corpus.fixtures().resolve("run/chicory");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wasm : Corpus.files(Corpus.resolve("chicory-wasm-corpus/compiled"), ".wasm")) {
            byte[] bytes = Files.readAllBytes(wasm);
            if (!isWasiCommand(bytes)) {
                continue;
            }
            String name = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
            tests.add(kf.test(Corpus.id(wasm), () -> run(wasm.getFileName().toString(), bytes,
                    expected.resolve(name + ".stdout"), expected.resolve(name + ".exit"))));
        }
        assertTrue(tests.size() >= 8, "expected the corpus' WASI commands, found " + tests.size());
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    /** A module we cannot decode counts as a command, so that the failure shows. */
    private static boolean isWasiCommand(byte[] bytes) {
        Module module;
        try {
            module = ModuleDecoder.decode(bytes);
        } catch (WasmException e) {
            return true;
        }
        return module.exports().stream().map(Export::name).anyMatch("_start"::equals)
                && module.imports().stream().map(Import::module).allMatch(WASI_MODULE::equals);
    }

    private static void run(String fileName, byte[] bytes, Path stdoutFile, Path exitFile) throws IOException {
        assertTrue(Files.exists(stdoutFile) && Files.exists(exitFile), "no expected output recorded in " + stdoutFile);
        String wantStdout = Files.readString(stdoutFile, StandardCharsets.UTF_8);
        int wantExit = Integer.parseInt(Files.readString(exitFile).strip());
        WasiCommandRunner.Outcome outcome = WasiCommandRunner.run(bytes, List.of(fileName), Map.of(), Map.of());
        String stderr = outcome.trap() == null ? outcome.stderr() : outcome.stderr() + "\ntrap: " + outcome.trap().getMessage();
        int exit = outcome.exitCode();
        String stdout = outcome.stdout();
        assertEquals(wantExit, exit, "exit code; stderr: " + stderr);
        assertEquals(wantStdout, stdout, "stdout");
    }
}
