package dev.jwt.run.wast;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jwt.binary.FeatureSet;
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
 * The spec proposals' own test suites ({@code spec/proposals/<name>/*.wast}) that the engine runs,
 * each with the features its repository was written against and its own known-failures list
 * ({@code spec-proposals-<name>}): one dynamic test per command.
 */
class SpecProposalsTest {
    /** The threads proposal builds on WebAssembly 1.0: no multiple memories or tables yet. */
    @TestFactory
    Stream<DynamicNode> threads() throws Exception {
        return proposal("threads", "wasm1,threads");
    }

    @TestFactory
    Stream<DynamicNode> wideArithmetic() throws Exception {
        return proposal("wide-arithmetic", "wide-arithmetic");
    }

    @TestFactory
    Stream<DynamicNode> customPageSizes() throws Exception {
        return proposal("custom-page-sizes", "custom-page-sizes");
    }

    private static Stream<DynamicNode> proposal(String name, String features) throws Exception {
        KnownFailures kf = KnownFailures.load("spec-proposals-" + name);
        List<Path> files;
        try (Stream<Path> s = Files.list(Corpus.resolve("spec/proposals/" + name))) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "no scripts in spec/proposals/" + name);
        return WastScripts.tests(kf, files, FeatureSet.parse(features));
    }
}
