package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
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
 * wasm-tools' own {@code .wast} tests of core modules ({@code tests/cli}, without the spec stubs
 * and the component-model folders): modules are accepted, {@code assert_invalid} modules rejected
 * with a message that contains wasm-tools' (unless the {@code RUN:} line says
 * {@code --ignore-error-messages}: then only rejected), under
 * the features of each file's {@code RUN:} line.
 */
class WasmToolsWastTest {

    @TestFactory
    Stream<DynamicTest> wasmToolsScripts() {
        KnownFailures kf = KnownFailures.load("wasm-tools-wast");
        List<DynamicTest> tests = new ArrayList<>();
        Path root = Corpus.resolve("wasm-tools/cli");
        for (Path f : Corpus.files(root, ".wast")) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith("spec/") || rel.contains("component-model")) {
                continue;
            }
            String file = Corpus.id(f);
            String text;
            FeatureSet features;
            boolean checkMessages;
            List<WastCommand> commands;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
                features = Corpus.parseRunFeatures(text);
                checkMessages = !Corpus.runHeader(text).contains("--ignore-error-messages");
                commands = Wast.parse(text, f.getFileName().toString());
            } catch (Exception e) {
                tests.add(kf.test(file, () -> {
                    throw new AssertionError("cannot run script: " + e.getMessage(), e);
                }));
                continue;
            }
            for (WastCommand c : commands) {
                if (c instanceof WastCommand.ModuleCommand m && !(m.source() instanceof ModuleSource.Component)) {
                    tests.add(kf.test(file + ":" + m.line(), () -> validate(m.source(), features)));
                } else if (c instanceof WastCommand.AssertInvalid inv
                        && !(inv.module() instanceof ModuleSource.Component)) {
                    tests.add(kf.test(file + ":" + inv.line(), () -> {
                        try {
                            validate(inv.module(), features);
                        } catch (ValidationException e) {
                            assertTrue(!checkMessages || e.bareMessage().contains(inv.message()),
                                    "message [" + e.bareMessage() + "] does not contain [" + inv.message() + "]");
                            return;
                        }
                        fail("accepted a module asserted invalid (\"" + inv.message() + "\")");
                    }));
                }
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    /**
     * Binary modules validate as bytes (the path of {@code jwt validate}); wasm-tools reports the
     * binary rules it checks while validating (e.g. "data count section required") as invalid, so a
     * malformed answer with its words counts too.
     */
    private static void validate(ModuleSource source, FeatureSet features) {
        if (source instanceof ModuleSource.Binary b) {
            try {
                Validator.validate(b.bytes(), features);
            } catch (MalformedException e) {
                throw new ValidationException(e.bareMessage(), e.offset());
            }
            return;
        }
        Module module = Wast.module(source);
        Validator.validate(module, features);
    }
}
