package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.text.Wast;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Component validation against the component {@code .wast} suites: the Component Model's
 * reference tests ({@code component-model/test}, without the files its {@code nyi.txt} lists),
 * wasm-tools' {@code component-model} tests (under the features of each file's {@code RUN:} line)
 * and Wasmtime's ({@code ;;!} feature lines). Components under {@code assert_invalid} must be
 * rejected with a message containing the expected one (wasm-tools' words); every other component
 * (plain, or asserted unlinkable: linking comes after validation) must validate.
 * {@code assert_malformed} is the parser's and decoder's business (jwt-text's and jwt-binary's tests).
 */
class ComponentWastTest {
    private static final Pattern WASMTIME_FLAG = Pattern.compile("(?m)^;;! *([a-z_0-9]+)(?: *= *(\\w+))?");
    /** The reference tests assume every component-model feature. */
    static final FeatureSet ALL_CM = FeatureSet.parse("cm-async,cm-async-builtins,cm-async-stackful,cm-error-context,"
            + "cm-threading,cm-more-async-builtins,cm-fixed-length-lists,cm-map,cm-values,cm-implements");

    @TestFactory
    Stream<DynamicTest> componentScripts() throws IOException {
        KnownFailures kf = KnownFailures.load("component-wast");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> nyi = new HashSet<>();
        Path cmRoot = Corpus.resolve("component-model/test");
        Path nyiFile = cmRoot.resolve("nyi.txt");
        if (Files.isRegularFile(nyiFile)) {
            for (String line : Files.readAllLines(nyiFile)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    nyi.add(cmRoot.resolve(l).normalize().toString());
                }
            }
        }
        int[] skippedNyi = {0};
        for (String dir : List.of("component-model/test", "wasm-tools/cli/component-model", "wasmtime/component-model")) {
            Path root = Corpus.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            for (Path wast : Corpus.files(root, ".wast")) {
                if (nyi.contains(wast.normalize().toString())) {
                    skippedNyi[0]++;
                    continue;
                }
                String text = Files.readString(wast, StandardCharsets.UTF_8);
                FeatureSet features = features(dir, text);
                String file = Corpus.id(wast);
                // wasm-tools' RUN line may turn off strict component indices; Wasmtime's runner
                // always accepts the legacy reference forms.
                boolean strict = !dir.startsWith("wasmtime") && !text.contains("WAST_STRICT_COMPONENT_INDICES=0");
                List<WastCommand> commands;
                try {
                    commands = Wast.parse(text, wast.getFileName().toString());
                } catch (RuntimeException e) {
                    tests.add(kf.test(file, () -> {
                        throw new AssertionError("cannot read script: " + e.getMessage(), e);
                    }));
                    continue;
                }
                for (WastCommand c : commands) {
                    if (c instanceof WastCommand.ModuleCommand m && m.source() instanceof ModuleSource.Component) {
                        tests.add(kf.test(file + ":" + m.line(), () -> validate(m.source(), features, strict)));
                    } else if (c instanceof WastCommand.AssertUnlinkable u
                            && u.module() instanceof ModuleSource.Component) {
                        tests.add(kf.test(file + ":" + u.line(), () -> validate(u.module(), features, strict)));
                    } else if (c instanceof WastCommand.AssertInvalid inv
                            && inv.module() instanceof ModuleSource.Component) {
                        tests.add(kf.test(file + ":" + inv.line(), () -> invalid(inv, features, strict)));
                    }
                }
            }
        }
        // The nyi list names files of the reference suite that no implementation passes yet.
        tests.add(DynamicTest.dynamicTest("nyi.txt files left out: " + skippedNyi[0] + " of " + nyi.size(),
                () -> assertTrue(skippedNyi[0] <= nyi.size())));
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    static FeatureSet features(String dir, String text) {
        if (dir.startsWith("component-model")) {
            return ALL_CM;
        }
        if (dir.startsWith("wasmtime")) {
            StringBuilder b = new StringBuilder();
            Matcher m = WASMTIME_FLAG.matcher(text);
            while (m.find()) {
                String f = switch (m.group(1)) {
                    case "component_model_async" -> "cm-async,cm-async-builtins";
                    case "component_model_async_stackful" -> "cm-async-stackful";
                    case "component_model_error_context" -> "cm-error-context";
                    case "component_model_fixed_length_lists" -> "cm-fixed-length-lists";
                    case "component_model_gc" -> "cm-gc";
                    case "component_model_implements" -> "cm-implements";
                    case "component_model_map" -> "cm-map";
                    case "component_model_memory64" -> "cm64";
                    case "component_model_more_async_builtins" -> "cm-more-async-builtins";
                    case "component_model_threading" -> "cm-threading";
                    case "multi_memory" -> "multi-memory";
                    case "exceptions", "gc", "memory64" -> m.group(1);
                    default -> "";
                };
                // `flag = false` turns the features off (on top of the defaults).
                boolean off = "false".equals(m.group(2));
                for (String name : f.split(",")) {
                    if (!name.isEmpty()) {
                        b.append(off ? "-" : "").append(name).append(',');
                    }
                }
            }
            return FeatureSet.parse(b.toString());
        }
        return Corpus.parseRunFeatures(text);
    }

    /**
     * Validates a script's component the way {@code jwt validate} does a file: text is parsed and
     * encoded, and the bytes are validated (so places are binary offsets, as with wasm-tools).
     */
    private static void validate(ModuleSource source, FeatureSet features, boolean strict) {
        Component component = Wast.component(source, strict);
        Validator.validateBinary(ComponentEncoder.encode(component), features);
    }

    private static void invalid(WastCommand.AssertInvalid inv, FeatureSet features, boolean strict) {
        try {
            validate(inv.module(), features, strict);
        } catch (WasmException e) {
            // wasm-tools reports some invalid components while parsing their text or binary.
            // Some expected messages end in wasm-tools' place, "(at offset 0x54)".
            assertTrue(e.bareMessage().contains(inv.message()) || e.getMessage().contains(inv.message()),
                    "message [" + e.bareMessage() + "] does not contain [" + inv.message() + "]");
            return;
        }
        fail("accepted a component asserted invalid (\"" + inv.message() + "\")");
    }
}
