package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jwt.binary.FeatureSet;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real components must validate: the WASI 0.3 test programs (built by wit-bindgen/wasm-tools with
 * the async component model, so validated with {@code cm-async} and its companions on) and the
 * wac corpus' components (those of its {@code fail/} cases must be rejected).
 */
class RealComponentsTest {
    /** The features the WASI 0.3 toolchain relies on, on top of the defaults. */
    static final FeatureSet P3 = FeatureSet.parse("cm-async,cm-async-builtins,cm-async-stackful,cm-error-context");

    static List<Path> components() {
        List<Path> files = new ArrayList<>();
        Path p3 = Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3");
        if (Files.isDirectory(p3)) {
            files.addAll(Corpus.files(p3, ".wasm"));
        }
        Path wac = Corpus.resolve("wac");
        if (Files.isDirectory(wac)) {
            files.addAll(Corpus.files(wac, ".wasm"));
        }
        return files;
    }

    @TestFactory
    Stream<DynamicTest> realComponentsValidate() {
        KnownFailures kf = KnownFailures.load("real-components");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : components()) {
            String id = Corpus.id(f);
            if (id.contains("/fail/")) {
                // wac's resolution failures: broken packages must be rejected, and the one that is a
                // core module instead of a component must validate as a module.
                tests.add(kf.test(id, () -> {
                    Validated v;
                    try {
                        v = Validator.validateBinary(Files.readAllBytes(f), P3);
                    } catch (dev.jwt.binary.WasmException e) {
                        return;
                    }
                    assertFalse(v instanceof ValidatedComponent, "a broken package validated as a component");
                }));
                continue;
            }
            tests.add(kf.test(id, () -> {
                Validated v = Validator.validateBinary(Files.readAllBytes(f), P3);
                if (v instanceof ValidatedComponent c) {
                    // A program exports something (wasi:cli/run, an http handler...).
                    assertFalse(c.exports().isEmpty(), "no exports");
                }
            }));
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }
}
