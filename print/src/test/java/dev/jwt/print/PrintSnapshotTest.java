package dev.jwt.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.NameSection;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.Wast;
import dev.jwt.text.Wat;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * wasm-tools' printed text of every module of the spec tests and of its own wast tests
 * ({@code wasm-tools/snapshots/**}/F.wast/N.print and N.print-folded) is the oracle: each core
 * module command of F.wast is parsed (text helper), encoded, printed, and compared byte for byte;
 * the printed text is then parsed again and must encode to the same bytes.
 *
 * <p>Components ({@code N.print} starting with {@code (component}) go the same way through the
 * component parser, encoder and printer.
 *
 * <p>Case ids: {@code testsuite/block.wast/0} and {@code testsuite/block.wast/0/folded}.
 */
class PrintSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SNAPSHOTS = Corpus.resolve("wasm-tools/snapshots");

    /** The wast scripts, parsed once each: their commands, or the error parsing them gave. */
    private final Map<Path, Object> scripts = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> snapshots() throws IOException {
        KnownFailures kf = KnownFailures.load("snapshots");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path json : Corpus.files(SNAPSHOTS, ".wast.json")) {
            JsonNode root = JSON.readTree(json.toFile());
            Path source = source(root.get("source_filename").asText());
            Path dir = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ""));
            String base = SNAPSHOTS.relativize(dir).toString().replace('\\', '/');
            JsonNode commands = root.get("commands");
            for (int n = 0; n < commands.size(); n++) {
                Path print = dir.resolve(n + ".print");
                if (!Files.exists(print)) {
                    continue;
                }
                int line = commands.get(n).get("line").asInt();
                String id = base + "/" + n;
                if (isComponent(print)) {
                    tests.add(kf.test(id, () -> checkComponent(source, line, print)));
                    continue;
                }
                tests.add(kf.test(id, () -> check(source, line, print, false)));
                Path folded = dir.resolve(n + ".print-folded");
                if (Files.exists(folded)) {
                    tests.add(kf.test(id + "/folded", () -> check(source, line, folded, true)));
                }
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    /** The wast behind a snapshot: {@code tests/cli/X} or {@code tests/testsuite/X} upstream. */
    private static Path source(String upstream) {
        if (upstream.startsWith("tests/cli/")) {
            return Corpus.resolve("wasm-tools/cli/" + upstream.substring("tests/cli/".length()));
        }
        String rel = upstream.substring("tests/testsuite/".length());
        Path pinned = Corpus.resolve("wasm-tools/testsuite-at-pin/" + rel);
        if (Files.exists(pinned)) {
            return pinned;
        }
        return rel.startsWith("proposals/") ? Corpus.resolve("spec/" + rel) : Corpus.resolve("spec/core/" + rel);
    }

    /** Whether the snapshot is a component's text. */
    private static boolean isComponent(Path print) {
        try {
            return Files.readString(print, StandardCharsets.UTF_8).startsWith("(component");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(Path source, int line, Path expectedFile, boolean fold) throws IOException {
        ModuleSource module = moduleAt(source, line);
        byte[] wasm = ModuleEncoder.encode(Wast.module(module));
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        String printed = new Printer(PrintOptions.DEFAULT.withFold(fold)).print(wasm);
        assertEquals(expected, printed, () -> "printing the module of " + Corpus.id(expectedFile));
        byte[] again = ModuleEncoder.encode(Wat.parseModule(printed, expectedFile.toString()));
        if (module instanceof ModuleSource.Binary) {
            // a binary module may use encodings the text cannot choose (a data segment's explicit
            // memory 0, over-long LEBs): its text must come back to the same text instead
            assertEquals(printed, new Printer(PrintOptions.DEFAULT.withFold(fold)).print(again),
                    () -> "the printed text of " + Corpus.id(expectedFile) + " prints differently once parsed back");
        } else {
            assertArrayEquals(withoutImportedLocalNames(wasm), again,
                    () -> "the printed text of " + Corpus.id(expectedFile) + " parses back to other bytes");
        }
    }

    /**
     * {@code wasm} without the local names of imported functions: wasm-tools prints an imported
     * function as {@code (func $f (type N))}, so the text the snapshots hold has no place for them.
     * Every other name survives the round trip.
     */
    private static byte[] withoutImportedLocalNames(byte[] wasm) {
        Module m = ModuleDecoder.decode(wasm);
        long imported = m.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).count();
        NameSection n = m.names();
        if (n == null || n.locals().stream().noneMatch(l -> l.index() < imported)) {
            return wasm;
        }
        NameSection names = new NameSection(n.moduleName(), n.functions(),
                n.locals().stream().filter(l -> l.index() >= imported).toList(), n.labels(), n.types(),
                n.tables(), n.memories(), n.globals(), n.elements(), n.data(), n.fields(), n.tags());
        return ModuleEncoder.encode(new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(),
                m.tags(), m.globals(), m.exports(), m.start(), m.elements(), m.dataCount(), m.code(), m.data(),
                m.customs().stream().filter(c -> !c.name().equals("name")).toList(), names));
    }

    /**
     * A component: parsed (text helper), encoded, printed and compared; the printed text must parse
     * back to the same bytes (or, for a binary source, print the same again).
     */
    private void checkComponent(Path source, int line, Path expectedFile) throws IOException {
        ModuleSource component = moduleAt(source, line);
        // A script whose RUN line turns strict component indices off uses the legacy reference forms.
        boolean strict = !Files.readString(source, StandardCharsets.UTF_8).contains("WAST_STRICT_COMPONENT_INDICES=0");
        byte[] wasm = ComponentEncoder.encode(Wast.component(component, strict));
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        String printed = new Printer().print(wasm);
        assertEquals(expected, printed, () -> "printing the component of " + Corpus.id(expectedFile));
        byte[] again = ComponentEncoder.encode(Wat.parseComponent(printed, expectedFile.toString()));
        if (isBinary(component)) {
            assertEquals(printed, new Printer().print(again),
                    () -> "the printed text of " + Corpus.id(expectedFile) + " prints differently once parsed back");
        } else {
            assertArrayEquals(wasm, again,
                    () -> "the printed text of " + Corpus.id(expectedFile) + " parses back to other bytes");
        }
    }

    /** A {@code (component binary ...)} (maybe with {@code definition} or an id first): its bytes may be non-canonical. */
    private static boolean isBinary(ModuleSource source) {
        if (source instanceof ModuleSource.Component c) {
            return java.util.regex.Pattern.compile("^\\(component(\\s+definition)?(\\s+\\$\\S+)?\\s+binary\\b")
                    .matcher(c.text()).find();
        }
        return source instanceof ModuleSource.Binary;
    }

    private ModuleSource moduleAt(Path source, int line) {
        Object parsed = scripts.computeIfAbsent(source, p -> {
            try {
                return Wast.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
            } catch (IOException e) {
                return new UncheckedIOException(e);
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (parsed instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<WastCommand> commands = (List<WastCommand>) parsed;
        // The snapshot's line is that of the (module ...) form, which may sit inside an
        // assert_unlinkable / assert_trap on an earlier line, or start after a comment.
        ModuleSource found = null;
        for (WastCommand c : commands) {
            if (c.line() > line) {
                break;
            }
            ModuleSource s = c instanceof WastCommand.ModuleCommand m ? m.source()
                    : c instanceof WastCommand.AssertUnlinkable u ? u.module()
                    : c instanceof WastCommand.AssertUninstantiable u ? u.module()
                    : null;
            if (s != null) {
                found = s;
            }
        }
        if (found != null) {
            return found;
        }
        return fail("no module command at line " + line + " of " + source);
    }
}
