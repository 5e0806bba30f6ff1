package dev.jwt.run.wast;


import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec test suite's core scripts ({@code spec/core/*.wast}) through the wast runner, compiled
 * mode: one dynamic test per command, named {@code file.wast:line}.
 */
class SpecCoreTest {
    @TestFactory
    Stream<DynamicNode> core() throws Exception {
        KnownFailures kf = KnownFailures.load("spec-core");
        List<Path> files;
        try (Stream<Path> s = Files.list(Corpus.resolve("spec/core"))) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().collect(Collectors.toList());
        }
        return WastScripts.tests(kf, files);
    }
}
