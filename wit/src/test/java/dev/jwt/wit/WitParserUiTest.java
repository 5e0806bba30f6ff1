package dev.jwt.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.wit.json.ResolveJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * wit-parser's UI tests: each success case resolves to its {@code .wit.json} (compared as JSON
 * trees); each {@code parse-fail/} case fails with its {@code .wit.result} text (paths aside).
 * Like wit-parser's harness, feature {@code active} is enabled.
 */
class WitParserUiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Wit.Features FEATURES = new Wit.Features(Set.of("active"), false);

    @TestFactory
    List<DynamicTest> success() throws IOException {
        KnownFailures kf = KnownFailures.load("wit-parser-ui");
        Path ui = Corpus.resolve("wit-parser/ui");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path json : list(ui)) {
            String name = json.getFileName().toString();
            if (!name.endsWith(".wit.json")) {
                continue;
            }
            String base = name.substring(0, name.length() - ".wit.json".length());
            Path input = input(ui, base);
            if (input == null) {
                continue;
            }
            String id = Corpus.id(input);
            tests.add(kf.test(id, () -> {
                JsonNode expected = MAPPER.readTree(json.toFile());
                JsonNode actual = ResolveJson.toJson(Wit.load(input, FEATURES).resolve());
                // Compared as text so that the order of object keys (imports, types...) counts too.
                assertEquals(expected.toPrettyString(), actual.toPrettyString());
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }

    @TestFactory
    List<DynamicTest> parseFail() throws IOException {
        KnownFailures kf = KnownFailures.load("wit-parser-ui-parse-fail");
        Path ui = Corpus.resolve("wit-parser/ui");
        Path dir = ui.resolve("parse-fail");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path result : list(dir)) {
            String name = result.getFileName().toString();
            if (!name.endsWith(".wit.result")) {
                continue;
            }
            String base = name.substring(0, name.length() - ".wit.result".length());
            Path input = input(dir, base);
            if (input == null) {
                // A few expectations upstream has no input for in the corpus (async, async1, unterminated-string).
                continue;
            }
            String id = Corpus.id(input);
            tests.add(kf.test(id, () -> {
                String expected = Files.readString(result).strip();
                try {
                    Wit.load(input, FEATURES);
                } catch (WitException e) {
                    String actual = e.getMessage().replace(ui.toString(), "tests/ui").strip();
                    assertEquals(expected, actual);
                    return;
                }
                fail("expected failure: " + expected);
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }

    /** The case's input: NAME.wit, a directory NAME, or NAME.wat (a WIT package in wasm text); null if absent. */
    static Path input(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base + ".wit"), dir.resolve(base), dir.resolve(base + ".wat"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
