package dev.jwt.run.wast;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.FeatureSet;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;

/**
 * Runs .wast scripts through the {@link WastRunner} as dynamic tests: one container per script,
 * one test per command named {@code id:line}, a script that does not run at all as one failing
 * test, and the list's closing check last.
 */
final class WastScripts {
    private WastScripts() {}

    static Stream<DynamicNode> tests(KnownFailures kf, List<Path> files) {
        return tests(kf, files, FeatureSet.defaults());
    }

    /** With {@code features} enabled (plus what each script's {@code ;;!} header lines ask for). */
    static Stream<DynamicNode> tests(KnownFailures kf, List<Path> files, FeatureSet features) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            String id = Corpus.id(file);
            List<WastRunner.Outcome> outcomes;
            try {
                outcomes = WastRunner.run(file, features);
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
