package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.module.Module;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.Wast;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec test suite, core and proposals: every {@code assert_invalid} module is rejected with a
 * {@link ValidationException}, and every other module of a script (plain, unlinkable,
 * uninstantiable) is accepted, under the features wasm-tools runs that folder with (its
 * {@code tests/cli/spec} stubs: {@code wasm3}, plus the proposal's own flag).
 * {@code assert_malformed} belongs to the decoder and text parser and is not run here.
 */
class SpecValidationTest {
    static FeatureSet featuresFor(String id) {
        if (id.startsWith("spec/proposals/threads/")) {
            return FeatureSet.parse("wasm1,threads");
        }
        if (id.startsWith("spec/proposals/")) {
            String proposal = id.substring("spec/proposals/".length(), id.indexOf('/', "spec/proposals/".length()));
            return FeatureSet.parse("wasm3," + proposal);
        }
        if (id.startsWith("spec/core/legacy/")) {
            return FeatureSet.parse("wasm3,legacy-exceptions");
        }
        return FeatureSet.parse("wasm3");
    }

    @TestFactory
    Stream<DynamicTest> specScripts() {
        KnownFailures kf = KnownFailures.load("spec");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : Corpus.files(Corpus.resolve("spec"), ".wast")) {
            String file = Corpus.id(f);
            FeatureSet features = featuresFor(file);
            List<WastCommand> commands;
            try {
                commands = Wast.parse(Files.readString(f, StandardCharsets.UTF_8), f.getFileName().toString());
            } catch (Exception e) {
                tests.add(kf.test(file, () -> {
                    throw new AssertionError("script does not parse: " + e.getMessage(), e);
                }));
                continue;
            }
            addCases(tests, kf, file, features, commands);
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    private static void addCases(List<DynamicTest> tests, KnownFailures kf, String file, FeatureSet features,
            List<WastCommand> commands) {
        for (WastCommand c : commands) {
            if (c instanceof WastCommand.ModuleCommand m) {
                valid(tests, kf, file + ":" + m.line(), features, m.source());
            } else if (c instanceof WastCommand.AssertUnlinkable u) {
                valid(tests, kf, file + ":" + u.line(), features, u.module());
            } else if (c instanceof WastCommand.AssertUninstantiable u) {
                valid(tests, kf, file + ":" + u.line(), features, u.module());
            } else if (c instanceof WastCommand.AssertInvalid inv) {
                if (inv.module() instanceof ModuleSource.Component) {
                    continue;
                }
                String id = file + ":" + inv.line();
                tests.add(kf.test(id, () -> {
                    try {
                        validate(inv.module(), features);
                    } catch (ValidationException expected) {
                        return;
                    }
                    fail("accepted a module asserted invalid (\"" + inv.message() + "\")");
                }));
            } else if (c instanceof WastCommand.Thread t) {
                addCases(tests, kf, file, features, t.commands());
            }
        }
    }

    private static void valid(List<DynamicTest> tests, KnownFailures kf, String id, FeatureSet features,
            ModuleSource source) {
        if (source instanceof ModuleSource.Component) {
            return;
        }
        tests.add(kf.test(id, () -> validate(source, features)));
    }

    /** Binary modules validate as bytes, the path of {@code jwt validate}; text ones as models. */
    private static void validate(ModuleSource source, FeatureSet features) {
        if (source instanceof ModuleSource.Binary b) {
            Validator.validate(b.bytes(), features);
        } else {
            Module module = Wast.module(source);
            Validator.validate(module, features);
        }
    }
}
