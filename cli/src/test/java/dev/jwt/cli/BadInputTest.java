package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code fixtures/bad/} through the commands that must reject it (see its
 * README): exit code 1, exactly one {@code error:} line naming a place (a byte offset, or a
 * {@code --> file:line:col} line of the source excerpt that follows it), no stack trace, and
 * no output file (nor temporary file) left behind.
 */
class BadInputTest {
    private static final Pattern OFFSET = Pattern.compile("\\(at offset 0x[0-9a-f]+");
    private static final Pattern SOURCE_PLACE = Pattern.compile("^ +--> .+:\\d+:\\d+$");
    /** The lines a text error's excerpt may have after its {@code error:} line. */
    private static final Pattern EXCERPT = Pattern.compile("^( +--> .*| +\\|.*|\\s*\\d+ \\|.*)$");

    /** The commands run on each kind of bad input. */
    static List<List<String>> commands(String kind) {
        List<List<String>> all = List.of(List.of("parse"), List.of("parse", "-t"), List.of("print"),
                List.of("print", "-f"), List.of("validate"), List.of("dump"), List.of("objdump"), List.of("strip"),
                List.of("strip", "-a", "-t"));
        if (kind.equals("content")) {
            return all.stream().filter(c -> !c.get(0).equals("strip") && !c.get(0).equals("objdump")).toList();
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> badInputs() throws IOException {
        Path bad = Corpus.fixtures().resolve("bad");
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("structure", "content", "text")) {
            for (Path file : Corpus.files(bad.resolve(kind), p -> !p.toString().endsWith(".md"))) {
                for (List<String> command : commands(kind)) {
                    String id = kind + "/" + file.getFileName() + ": jwt " + String.join(" ", command);
                    tests.add(DynamicTest.dynamicTest(id, () -> rejects(id, command, file)));
                }
            }
        }
        return tests.stream();
    }

    static void rejects(String id, List<String> command, Path file) throws IOException {
        Path dir = Files.createTempDirectory("jwt-bad");
        try {
            Path output = dir.resolve("out");
            List<String> args = new ArrayList<>(command);
            args.add(file.toString());
            if (!command.get(0).equals("validate")) {
                args.add("-o");
                args.add(output.toString());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Jwt.execute(new StdStreams(new ByteArrayInputStream(new byte[0]), out, err, false),
                    args.toArray(new String[0]));
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, exit, () -> id + ": exit code; stderr:\n" + stderr);
            checkError(id, stderr);
            assertEquals("", out.toString(StandardCharsets.UTF_8), id + ": stdout");
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), id + ": files left behind");
            }
        } finally {
            WasmToolsCliTest.deleteTree(dir);
        }
    }

    /** One {@code error:} line with a place, then only source-excerpt lines; no stack trace. */
    static void checkError(String id, String stderr) {
        List<String> lines = stderr.lines().toList();
        assertFalse(lines.isEmpty(), "no error message");
        assertTrue(lines.get(0).startsWith("error: "), () -> id + ": first line is not `error: ...`:\n" + stderr);
        assertFalse(lines.get(0).startsWith("error: internal error"), () -> id + ": internal error:\n" + stderr);
        boolean place = OFFSET.matcher(lines.get(0)).find();
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(EXCERPT.matcher(line).matches(), () -> id + ": not an excerpt line: `" + line + "` in\n" + stderr);
            place |= SOURCE_PLACE.matcher(line).matches();
        }
        assertTrue(place, () -> id + ": no place (offset or file:line:col) in\n" + stderr);
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), () -> id + ": stack trace in\n" + stderr);
    }
}
