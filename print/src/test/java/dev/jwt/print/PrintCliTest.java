package dev.jwt.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.ModuleEncoder;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.Wat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code ;; RUN: print ... %} cases of wasm-tools' CLI tests, run against the printer library
 * (the {@code cli} module runs them through {@code jwt print}): the test file is parsed, encoded,
 * printed with the directive's flags and compared with its {@code .stdout} after the harness's
 * normalisation ({@code \} to {@code /}, trailing whitespace trimmed). Piped directives and those
 * writing to {@code %tmpdir} belong to the CLI tests. Case id: {@code print-skeleton.wat} or
 * {@code print-offsets.wat[fold]}.
 */
class PrintCliTest {
    private static final Pattern RUN = Pattern.compile("^;; RUN(?:\\[([\\w-]+)\\])?: print (.*)$");

    @TestFactory
    Stream<DynamicTest> printDirectives() throws IOException {
        KnownFailures kf = KnownFailures.load("cli-print");
        Path dir = Corpus.resolve("wasm-tools/cli");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.files(dir, ".wat")) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = RUN.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String args = m.group(2).strip();
                List<String> words = List.of(args.split("\\s+"));
                if (args.contains("|") || args.contains("%tmpdir") || !words.contains("%")) {
                    continue;
                }
                String name = m.group(1);
                String rel = dir.relativize(file).toString().replace('\\', '/');
                String id = rel + (name == null ? "" : "[" + name + "]");
                Path stdout = file.resolveSibling(file.getFileName() + (name == null ? "" : "." + name) + ".stdout");
                tests.add(kf.test(id, () -> check(file, words, stdout)));
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    private static void check(Path file, List<String> words, Path stdout) throws IOException {
        PrintOptions options = PrintOptions.DEFAULT;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "--indent" -> options = options.withIndent(Integer.parseInt(words.get(++i)));
                case "%" -> { }
                case "-f", "--fold-instructions" -> options = options.withFold(true);
                case "-p", "--print-offsets" -> options = options.withPrintOffsets(true);
                case "--skeleton" -> options = options.withSkeleton(true);
                case "--name-unnamed" -> options = options.withNameUnnamed(true);
                default -> fail("print option not supported by the printer library: " + w);
            }
        }
        byte[] wasm = ModuleEncoder.encode(Wat.parseModule(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        String expected = Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
        String printed = new Printer(options).print(wasm).replace('\\', '/');
        assertEquals(normalize(expected), normalize(printed));
    }

    /** What wasm-tools' harness compares: trailing whitespace trimmed, one final newline. */
    private static String normalize(String s) {
        return s.stripTrailing() + "\n";
    }
}
