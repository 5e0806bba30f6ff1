package dev.jwt.run.wast;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
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
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            String id = Corpus.id(file);
            List<WastRunner.Outcome> outcomes;
            try {
                outcomes = WastRunner.run(file);
            } catch (Exception | StackOverflowError e) {
                String why = e.toString();
                nodes.add(kf.test(id, () -> fail("script does not run: " + why)));
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (WastRunner.Outcome o : outcomes) {
                tests.add(kf.test(id + ":" + o.line(), () -> {
                    if (!o.passed()) {
                        fail(o.command() + ": " + o.failure());
                    }
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
        }
        nodes.add(kf.closingCheck());
        return nodes.stream();
    }
}
