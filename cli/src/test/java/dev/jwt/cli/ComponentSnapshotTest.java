package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.print.Printer;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.Wast;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The component text parser and the component printer together against wasm-tools: each component
 * of wasm-tools' CLI wast tests that has a printed snapshot ({@code snapshots/cli/F.wast/N.print}
 * starting with {@code (component}) is parsed, encoded and printed, and must print as the snapshot.
 * (It lives here because only the CLI module sees both the text and the print module.)
 *
 * <p>Case ids: {@code cli/component-model/alias.wast/3}.
 */
class ComponentSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SNAPSHOTS = Corpus.resolve("wasm-tools/snapshots");

    @TestFactory
    Stream<DynamicTest> snapshots() throws IOException {
        KnownFailures kf = KnownFailures.load("component-snapshots");
        List<DynamicTest> tests = new ArrayList<>();
        Map<Path, List<WastCommand>> scripts = new HashMap<>();
        for (Path json : Corpus.files(SNAPSHOTS.resolve("cli"), ".wast.json")) {
            JsonNode root = JSON.readTree(json.toFile());
            String upstream = root.get("source_filename").asText();
            if (!upstream.startsWith("tests/cli/")) {
                continue;
            }
            Path source = Corpus.resolve("wasm-tools/cli/" + upstream.substring("tests/cli/".length()));
            Path dir = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ""));
            String base = SNAPSHOTS.relativize(dir).toString().replace('\\', '/');
            JsonNode commands = root.get("commands");
            for (int n = 0; n < commands.size(); n++) {
                Path print = dir.resolve(n + ".print");
                if (!Files.exists(print) || !Files.readString(print, StandardCharsets.UTF_8).startsWith("(component")) {
                    continue;
                }
                int line = commands.get(n).get("line").asInt();
                tests.add(kf.test(base + "/" + n, () -> {
                    List<WastCommand> script = scripts.get(source);
                    if (script == null) {
                        script = Wast.parse(Files.readString(source, StandardCharsets.UTF_8), source.toString());
                        scripts.put(source, script);
                    }
                    ModuleSource.Component component = componentAt(script, line, source);
                    boolean strict = !Files.readString(source, StandardCharsets.UTF_8)
                            .contains("WAST_STRICT_COMPONENT_INDICES=0");
                    byte[] wasm = ComponentEncoder.encode(Wast.component(component, strict));
                    assertEquals(Files.readString(print, StandardCharsets.UTF_8), new Printer().print(wasm));
                }));
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    /** The component of the command at (or, inside an assertion, just before) {@code line}. */
    private static ModuleSource.Component componentAt(List<WastCommand> commands, int line, Path source) {
        ModuleSource.Component found = null;
        for (WastCommand c : commands) {
            if (c.line() > line) {
                break;
            }
            ModuleSource s = c instanceof WastCommand.ModuleCommand m ? m.source()
                    : c instanceof WastCommand.AssertUnlinkable u ? u.module()
                    : c instanceof WastCommand.AssertUninstantiable u ? u.module()
                    : null;
            if (s instanceof ModuleSource.Component comp) {
                found = comp;
            }
        }
        if (found == null) {
            fail("no component command at line " + line + " of " + source);
        }
        return found;
    }
}
