package dev.jwt.run.wast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Wasmtime's other core regression scripts ({@code wasmtime/misc/**.wast} except the SIMD ones,
 * which {@link WasmtimeSimdTest} runs): fuzz bugs, large functions, memory64, tail calls, GC,
 * function references, exceptions... one dynamic test per command.
 */
class WasmtimeMiscTest {
    @TestFactory
    Stream<DynamicNode> misc() throws Exception {
        KnownFailures kf = KnownFailures.load("wasmtime-misc");
        List<Path> files = new ArrayList<>();
        for (Path p : Corpus.files(Corpus.resolve("wasmtime/misc"), ".wast")) {
            String id = Corpus.id(p);
            if (!id.startsWith("wasmtime/misc/simd/") && !id.equals("wasmtime/misc/winch/simd_multivalue.wast")) {
                files.add(p);
            }
        }
        assertTrue(files.size() >= 100, "expected wasmtime's misc scripts, found " + files.size());
        return WastScripts.tests(kf, files);
    }
}
