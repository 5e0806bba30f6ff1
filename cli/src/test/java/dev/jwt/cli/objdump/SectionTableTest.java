package dev.jwt.cli.objdump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.testing.Corpus;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code jwt objdump} of the corpus' components: one line per section at every nesting level, each
 * range inside the binary and inside the range of the module or component it is nested in, in
 * order, and as many top-level lines as the decoder finds sections.
 */
class SectionTableTest {
    private static final Pattern LINE = Pattern.compile(
            "^( +)(.*?) +\\| +0x([0-9a-f]+) - +0x([0-9a-f]+) \\| +(\\d+) bytes \\| (\\d+) count$");
    private static final byte[] COMPONENT = {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00};

    @TestFactory
    List<DynamicTest> components() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.files(Corpus.root(), p -> p.toString().endsWith(".wasm"))) {
            byte[] head = new byte[8];
            try (var in = Files.newInputStream(file)) {
                if (in.readNBytes(head, 0, 8) != 8 || !Arrays.equals(head, COMPONENT)) {
                    continue;
                }
            }
            tests.add(DynamicTest.dynamicTest(Corpus.id(file), () -> check(Files.readAllBytes(file))));
        }
        assertTrue(tests.size() >= 55, "components found: " + tests.size());
        return tests;
    }

    private static void check(byte[] bytes) throws Exception {
        StringWriter out = new StringWriter();
        SectionTable.print(bytes, out);
        Component c = ComponentDecoder.decode(bytes);
        int topLevel = 0;
        // The enclosing ranges, innermost last: [start, end, last end seen inside].
        Deque<long[]> scopes = new ArrayDeque<>();
        scopes.push(new long[] {0, bytes.length, 0});
        for (String line : out.toString().split("\n")) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "line shape: " + line);
            int depth = m.group(1).length() / 2;
            long start = Long.parseLong(m.group(3), 16);
            long end = Long.parseLong(m.group(4), 16);
            assertEquals(end - start, Long.parseLong(m.group(5)), line);
            while (scopes.size() > depth) {
                scopes.pop();
            }
            assertEquals(depth, scopes.size(), "nesting of " + line);
            long[] scope = scopes.peek();
            assertTrue(start >= scope[2] && end <= scope[1] && start <= end, "range in order and inside: " + line);
            scope[2] = end;
            if (depth == 1) {
                topLevel++;
            }
            String name = m.group(2);
            if (name.equals("module") || name.equals("component")) {
                scopes.push(new long[] {start, end, start});
            }
        }
        assertEquals(c.sections().size(), topLevel, "one top-level line per section");
    }
}
