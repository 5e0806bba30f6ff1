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
 * Wasmtime's SIMD regression scripts ({@code wasmtime/misc/simd/*.wast}, plus the multi-value
 * SIMD script of its winch folder and the memory64 one) through the wast runner: edge-of-memory accesses, NaN
 * canonicalization, lane replacement, v128 select... one dynamic test per command.
 */
class WasmtimeSimdTest {
    @TestFactory
    Stream<DynamicNode> simd() throws Exception {
        KnownFailures kf = KnownFailures.load("wasmtime-simd");
        List<Path> files = new ArrayList<>(Corpus.files(Corpus.resolve("wasmtime/misc/simd"), ".wast"));
        files.add(Corpus.resolve("wasmtime/misc/winch/simd_multivalue.wast"));
        files.add(Corpus.resolve("wasmtime/misc/memory64/simd.wast"));
        assertTrue(files.size() >= 10, "expected wasmtime's SIMD scripts, found " + files.size());
        return WastScripts.tests(kf, files);
    }
}
