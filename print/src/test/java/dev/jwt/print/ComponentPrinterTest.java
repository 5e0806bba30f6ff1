package dev.jwt.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Components print as wasm-tools prints them: the expected texts under
 * {@code fixtures/print/components} come from wasm-tools ({@code jco print}); the options that
 * jco cannot pass to wasm-tools ({@code -f}, {@code -p}, {@code --skeleton}, {@code --name-unnamed})
 * must print each nested core module exactly as the core printer prints it alone.
 */
class ComponentPrinterTest {
    private static final Path FIXTURES = Corpus.fixtures().resolve("print/components");
    private static final PrintOptions[] OPTIONS = {
        PrintOptions.DEFAULT.withFold(true), PrintOptions.DEFAULT.withSkeleton(true),
        PrintOptions.DEFAULT.withNameUnnamed(true), PrintOptions.DEFAULT.withPrintOffsets(true),
        PrintOptions.DEFAULT.withFold(true).withPrintOffsets(true).withIndent(4)
    };

    /** Each {@code X.print} fixture: of {@code X.wasm} beside it, or of the corpus binary its name spells. */
    @TestFactory
    Stream<DynamicTest> printsLikeWasmTools() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path print : files.filter(p -> p.toString().endsWith(".print")).sorted().toList()) {
                String name = print.getFileName().toString().replaceFirst("\\.print$", "");
                Path wasm = FIXTURES.resolve(name + ".wasm");
                Path binary = Files.exists(wasm) ? wasm : Corpus.resolve(name.replace("__", "/") + ".wasm");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    String expected = Files.readString(print);
                    byte[] bytes = Files.readAllBytes(binary);
                    assertEquals(expected, new Printer().print(bytes));
                    // and streamed, in chunks (the larger fixtures pass the flush threshold)
                    StringBuilder streamed = new StringBuilder();
                    new Printer().print(bytes, streamed);
                    assertEquals(expected, streamed.toString());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> nestedModulesPrintAsAlone() throws IOException {
        byte[] component = Files.readAllBytes(FIXTURES.resolve("component-features.wasm"));
        List<DynamicTest> tests = new ArrayList<>();
        for (PrintOptions o : OPTIONS) {
            tests.add(DynamicTest.dynamicTest(o.toString(), () -> nestedModulesPrintAsAlone(component, o)));
        }
        return tests.stream();
    }

    private static final Pattern OFFSET = Pattern.compile("^\\(;@([0-9a-f]+) *;\\)");

    private static void nestedModulesPrintAsAlone(byte[] component, PrintOptions options) {
        List<String> lines = List.of(new Printer(options).print(component).split("\n"));
        int prefix = options.printOffsets() ? 11 : 0;
        String indent = " ".repeat(options.indent());
        int found = 0;
        for (int[] module : topLevelModules(component)) {
            byte[] alone = Arrays.copyOfRange(component, module[0], module[0] + module[1]);
            String[] expected = new Printer(options).print(alone).split("\n");
            // the module's first line in the component: the found-th "(core module" at depth 1
            int at = -1;
            int seen = 0;
            for (int i = 0; i < lines.size(); i++) {
                String body = lines.get(i).substring(Math.min(prefix, lines.get(i).length()));
                if (body.startsWith(indent + "(core module") && seen++ == found) {
                    at = i;
                    break;
                }
            }
            assertTrue(at >= 0, "nested module " + found + " not found");
            for (int k = 0; k < expected.length; k++) {
                String want = expected[k];
                String got = lines.get(at + k);
                if (prefix > 0) {
                    Matcher m = OFFSET.matcher(want);
                    if (m.find()) {
                        // offsets within the component: the module's own, moved by where it starts
                        long offset = Long.parseLong(m.group(1), 16) + module[0];
                        String hex = Long.toHexString(offset);
                        want = "(;@" + hex + " ".repeat(Math.max(0, 6 - hex.length())) + ";)" + want.substring(m.end());
                    }
                    if (k == expected.length - 1) {
                        // a nested module's closing line has no offset of its own
                        want = " ".repeat(prefix) + want.substring(prefix);
                    }
                    want = want.substring(0, prefix) + indent + want.substring(prefix);
                } else {
                    want = indent + want;
                }
                if (k == 0) {
                    // (module ...) there, (core module $name (;N;) ...) here
                    assertTrue(got.contains("(core module"), got);
                    continue;
                }
                assertEquals(want, got, "line " + k + " of nested module " + found);
            }
            found++;
        }
        assertTrue(found > 0);
    }

    /** Where each top-level nested module's bytes start and how long they are. */
    private static List<int[]> topLevelModules(byte[] component) {
        List<int[]> modules = new ArrayList<>();
        BinaryReader r = new BinaryReader(component);
        r.seek(8);
        while (!r.eof()) {
            int id = r.u8();
            int size = r.u32();
            if (id == 1) {
                modules.add(new int[] {r.position(), size});
            }
            r.seek(r.position() + size);
        }
        return modules;
    }

    @Test
    void emptyComponent() {
        byte[] wasm = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        assertEquals("(component)\n", new Printer().print(wasm));
    }

    @Test
    void malformedComponentGivesItsOffset() {
        byte[] wasm = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 2, 1, 0x50};
        MalformedException e = assertThrows(MalformedException.class, () -> new Printer().print(wasm));
        assertTrue(e.getMessage().contains("(at offset 0xb)"), e.getMessage());
    }

    /** Truncated and mutated components print or fail as malformed with an offset, never otherwise. */
    @Test
    void brokenComponentsFailCleanly() throws IOException {
        byte[] original = Files.readAllBytes(FIXTURES.resolve("component-features.wasm"));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] broken;
            if (i < original.length) {
                broken = Arrays.copyOf(original, i);
            } else {
                broken = original.clone();
                broken[8 + random.nextInt(broken.length - 8)] = (byte) random.nextInt(256);
            }
            try {
                new Printer(PrintOptions.DEFAULT.withFold(i % 2 == 0)).print(broken);
            } catch (MalformedException e) {
                assertTrue(e.getMessage().contains("(at offset 0x"), e.getMessage());
            }
        }
    }

    @Test
    void streamingGivesTheSameText() throws IOException {
        byte[] wasm = Files.readAllBytes(FIXTURES.resolve("component-features.wasm"));
        for (PrintOptions o : OPTIONS) {
            StringBuilder streamed = new StringBuilder();
            new Printer(o).print(wasm, streamed);
            assertEquals(new Printer(o).print(wasm), streamed.toString(), o.toString());
        }
    }
}
