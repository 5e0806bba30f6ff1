package dev.jwt.run.wasi.p1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The wasi-testsuite's preview1 programs, run as the suite's runner runs wasmtime: {@code env}
 * entries as the environment, a fresh copy of the {@code root} folder preopened as {@code /},
 * then the program and its {@code args}; the exit code and stdout must be the ones the
 * {@code .json} asks for (exit 0 and any output when it does not say).
 */
class WasiTestsuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> wasip1() {
        KnownFailures kf = KnownFailures.load("wasi-testsuite-p1");
        List<Path> programs = Corpus.files(Corpus.resolve("wasi-testsuite/tests"),
                p -> p.toString().endsWith(".wasm") && p.getParent().getFileName().toString().equals("wasm32-wasip1"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wasm : programs) {
            tests.add(kf.test(Corpus.id(wasm), () -> run(wasm)));
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    private static void run(Path wasm) throws IOException {
        String base = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        Path json = wasm.resolveSibling(base + ".json");
        JsonNode spec = Files.exists(json) ? JSON.readTree(json.toFile()) : JSON.createObjectNode();
        List<String> args = new ArrayList<>();
        args.add(wasm.getFileName().toString());
        spec.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("env").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), e.getValue().asText());
        }
        Path tmp = Files.createTempDirectory("jwt-wasi");
        Map<String, Path> preopens = new LinkedHashMap<>();
        try {
            if (spec.has("root")) {
                Path copy = tmp.resolve("root");
                copyTree(wasm.resolveSibling(spec.get("root").asText()), copy);
                preopens.put("/", copy);
            }
            WasiCommandRunner.Outcome outcome = WasiCommandRunner.run(Files.readAllBytes(wasm), args, env, preopens);
            if (outcome.trap() != null) {
                fail("trap: " + outcome.trap().getMessage() + "; stderr: " + outcome.stderr());
            }
            int code = outcome.exitCode();
            String stdout = outcome.stdout();
            assertEquals(spec.path("exit_code").asInt(0), code,
                    "exit code; stdout: " + stdout + "; stderr: " + outcome.stderr());
            if (spec.has("stdout")) {
                assertEquals(spec.get("stdout").asText(), stdout, "stdout");
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
