package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * wasm-tools' CLI test suite ({@code wasm-tools/cli/} in the corpus) run against jwt: every
 * {@code RUN:}/{@code FAIL:} directive whose subcommands jwt has runs in-process through
 * {@link Jwt#execute(StdStreams, String...)}, pipes included, and its stdout and stderr are
 * compared with the expectation files, normalized as upstream's harness does, with the tool's
 * name {@code wasm-tools} read as {@code jwt}.
 *
 * <p>Not run, and not counted: {@code help-*.wat} (they test the text of wasm-tools' own
 * {@code --help}, which jwt does not copy); directives using {@code wast}, because the two tools'
 * {@code wast} differ in kind: wasm-tools' parses, validates and snapshots a script, jwt's runs it
 * on the engine as {@code wasmtime wast} does (what those scripts check of parsing and validation
 * is run by text's {@code WastCorpusTest} and validate's {@code WasmToolsWastTest}); and
 * directives using a subcommand jwt does not have yet. The factory prints how many of each; the
 * last start counting when the subcommand is added.
 */
class WasmToolsCliTest {
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    static Path suite() {
        return Corpus.resolve("wasm-tools/cli");
    }

    /** The documented filter: wasm-tools' own help texts. */
    static boolean isHelpTest(Path file) {
        return file.getFileName().toString().startsWith("help-");
    }

    /** Subcommands jwt has under the same name as wasm-tools but with another job (see above). */
    static final Set<String> OTHER_MEANING = Set.of("wast");

    @TestFactory
    List<DynamicTest> cliTests() throws IOException {
        KnownFailures kf = KnownFailures.load("wasm-tools-cli");
        CommandLine jwt = Jwt.commandLine(new StdStreams(InputStreamOfNothing.get(), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), false));
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Integer> missing = new TreeMap<>();
        int help = 0;
        int otherMeaning = 0;
        int counted = 0;
        for (Path file : Corpus.files(suite(), p -> isTestFile(p))) {
            List<RunDirective> directives = RunDirective.parse(file);
            if (isHelpTest(file)) {
                help += directives.size();
                continue;
            }
            // Like upstream's harness, the directives of one file share one %tmpdir, in order (a
            // directive may read what an earlier one wrote); the file's last test removes it.
            SharedTmp tmp = new SharedTmp();
            List<RunDirective> runnable = new ArrayList<>();
            for (RunDirective d : directives) {
                if (d.stages().stream().anyMatch(s -> !s.words().isEmpty() && OTHER_MEANING.contains(s.words().get(0)))) {
                    otherMeaning++;
                    continue;
                }
                String lacking = lackingSubcommand(jwt, d);
                if (lacking != null) {
                    missing.merge(lacking, 1, Integer::sum);
                    continue;
                }
                runnable.add(d);
            }
            for (int i = 0; i < runnable.size(); i++) {
                RunDirective d = runnable.get(i);
                boolean last = i == runnable.size() - 1;
                counted++;
                tests.add(kf.test(d.id(Corpus.id(file)), () -> {
                    try {
                        assertTimeoutPreemptively(TIME_LIMIT, () -> runCase(d, tmp.get()));
                    } finally {
                        if (last) {
                            tmp.delete();
                        }
                    }
                }));
            }
        }
        tests.add(kf.closingCheck());
        int notRun = missing.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("wasm-tools/cli: %d directives run (%d known failures); not run: %d help-*.wat, "
                + "%d wast (another job in jwt), %d using subcommands jwt lacks %s%n",
                counted, kf.size(), help, otherMeaning, notRun, missing);
        return tests;
    }

    static boolean isTestFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".wat") || n.endsWith(".wast") || n.endsWith(".wit");
    }

    /**
     * The first subcommand of the pipeline that jwt does not have (as its words, e.g.
     * {@code component wit}), or null when jwt has them all.
     */
    static String lackingSubcommand(CommandLine jwt, RunDirective d) {
        for (RunDirective.Stage stage : d.stages()) {
            List<String> words = stage.words();
            if (words.isEmpty()) {
                return "(empty)";
            }
            CommandLine cl = jwt.getSubcommands().get(words.get(0));
            if (cl == null) {
                return words.get(0) + (words.size() > 1 && !words.get(1).startsWith("-")
                        && !words.get(1).contains("%") ? " " + words.get(1) : "");
            }
            for (int i = 1; i < words.size() && !cl.getSubcommands().isEmpty(); i++) {
                CommandLine sub = cl.getSubcommands().get(words.get(i));
                if (sub == null) {
                    return String.join(" ", words.subList(0, i + 1));
                }
                cl = sub;
            }
        }
        return null;
    }

    /** Runs a directive's pipeline and checks exit status, stdout and stderr. */
    static void runCase(RunDirective d, Path tmp) throws IOException {
        {
            byte[] stdin = new byte[0];
            Result last = null;
            List<RunDirective.Stage> stages = d.stages();
            for (int i = 0; i < stages.size(); i++) {
                List<String> args = substitute(stages.get(i).words(), d.file(), tmp);
                last = execute(stdin, args, stages.get(i).env());
                if (i < stages.size() - 1) {
                    if (last.exit != 0) {
                        fail("intermediate command " + args + " failed with exit " + last.exit + ":\n"
                                + last.err());
                    }
                    stdin = last.outBytes().toByteArray();
                }
            }
            String what = String.join(" | ", stages.stream().map(s -> String.join(" ", s.words()))
                    .collect(Collectors.toList()));
            if (d.expectFailure()) {
                assertNotEquals(0, last.exit, "expected `" + what + "` to fail; stderr:\n" + last.err());
            } else {
                assertEquals(0, last.exit, "expected `" + what + "` to succeed; stderr:\n" + last.err());
            }
            String prefix = suite().toString() + "/";
            assertEquals(expected(d.expected("stdout")), normalize(last.out(), prefix, tmp), "stdout of " + what);
            assertEquals(expected(d.expected("stderr")), normalize(last.err(), prefix, tmp), "stderr of " + what);
        }
    }

    /** The temporary directory of one test file's directives, made when the first runs. */
    static final class SharedTmp {
        private Path dir;

        Path get() throws IOException {
            if (dir == null) {
                dir = Files.createTempDirectory("jwt-cli-test");
            }
            return dir;
        }

        void delete() throws IOException {
            if (dir != null) {
                deleteTree(dir);
                dir = null;
            }
        }
    }

    record Result(int exit, ByteArrayOutputStream outBytes, ByteArrayOutputStream errBytes) {
        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    static Result execute(byte[] stdin, List<String> args) {
        return execute(stdin, args, Map.of());
    }

    /** Runs one stage with the variables its line sets on top of the process's environment. */
    static Result execute(byte[] stdin, List<String> args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new java.util.HashMap<>(System.getenv());
        all.putAll(env);
        int exit = Jwt.execute(new StdStreams(new ByteArrayInputStream(stdin), out, err, false, all),
                args.toArray(new String[0]));
        return new Result(exit, out, err);
    }

    /** {@code %} is the test file, {@code %tmpdir} the case's temporary directory. */
    static List<String> substitute(List<String> words, Path file, Path tmp) {
        List<String> args = new ArrayList<>();
        for (String w : words) {
            if (w.equals("%")) {
                args.add(file.toString());
            } else {
                String a = w.replace("%tmpdir", tmp.toString());
                if (a.startsWith("tests/snapshots")) {
                    a = Corpus.resolve("wasm-tools/snapshots").toString() + a.substring("tests/snapshots".length());
                }
                args.add(a);
            }
        }
        return args;
    }

    static String expected(Path file) throws IOException {
        return Files.exists(file) ? normalize(Files.readString(file, StandardCharsets.UTF_8), null, null) : "";
    }

    /**
     * Upstream's normalization (paths of the suite as {@code tests/cli/}, the temporary directory
     * as {@code %tmpdir}, {@code \} as {@code /}, trailing whitespace trimmed, one final newline),
     * plus jwt's: the tool is called {@code jwt}.
     */
    static String normalize(String s, String suitePrefix, Path tmp) {
        if (suitePrefix != null) {
            s = s.replace(suitePrefix, "tests/cli/");
        }
        if (tmp != null) {
            s = s.replace(tmp.toString(), "%tmpdir");
        }
        s = s.replace('\\', '/').replace("wasm-tools", "jwt").stripTrailing();
        return s.isEmpty() ? "" : s + "\n";
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The directive parser reads the self-documenting readme.wat as it documents itself. */
    @Test
    void parsesTheReadme() throws IOException {
        List<RunDirective> ds = RunDirective.parse(suite().resolve("readme.wat"));
        List<String> names = ds.stream().map(d -> String.valueOf(d.name())).collect(Collectors.toList());
        assertEquals(List.of("null", "validate-again", "should-fail", "subst", "pipe", "print", "tmpdir",
                "multiline", "env"), names);
        RunDirective fail = ds.get(2);
        assertEquals(true, fail.expectFailure());
        assertEquals(List.of("validate", "%", "--features=-simd"), fail.stages().get(0).words());
        RunDirective multiline = ds.get(7);
        assertEquals(2, multiline.stages().size());
        assertEquals(List.of("print", "%"), multiline.stages().get(0).words());
        assertEquals(List.of("validate"), multiline.stages().get(1).words());
        RunDirective env = ds.get(8);
        assertEquals(Map.of("FOO", "bar"), env.stages().get(0).env());
        assertEquals(List.of("validate", "%"), env.stages().get(0).words());
        assertEquals(suite().resolve("readme.wat.print.stdout"), ds.get(5).expected("stdout"));
    }

    private static final class InputStreamOfNothing {
        static ByteArrayInputStream get() {
            return new ByteArrayInputStream(new byte[0]);
        }
    }
}
