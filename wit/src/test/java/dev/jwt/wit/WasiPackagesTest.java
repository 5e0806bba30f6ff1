package dev.jwt.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import dev.jwt.wit.print.WitPrinter;
import dev.jwt.wit.resolve.Resolve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published WASI 0.2 and 0.3 packages (spec/wasi-0.2, spec/wasi-0.3: one {@code wit/} folder
 * per package) resolve together, and printing is idempotent: each package printed, read back with
 * the others and printed again gives the same text.
 */
class WasiPackagesTest {
    @TempDir
    Path temp;

    /** The {@code wit/} folders of a WASI release, e.g. {@code spec/wasi-0.2/cli/wit}. */
    static List<Path> packageDirs(String release) throws IOException {
        Path root = Corpus.root().resolve("../spec/" + release).normalize();
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.resolve("wit")).filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> wasi() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String release : List.of("wasi-0.2", "wasi-0.3")) {
            tests.add(DynamicTest.dynamicTest(release + " resolves", () -> {
                Wit.Loaded loaded = Wit.loadAll(packageDirs(release), new Wit.Features(java.util.Set.of(), true));
                assertTrue(loaded.resolve().packages().size() >= packageDirs(release).size());
            }));
            tests.add(DynamicTest.dynamicTest(release + " print is idempotent", () -> idempotent(release)));
        }
        tests.add(DynamicTest.dynamicTest("wasi-testsuite wasip3 wit (deps/) resolves and prints stably", () -> {
            Path dir = Corpus.resolve("wasi-testsuite/tests/rust/wasm32-wasip3/wit");
            Wit.Loaded first = Wit.load(dir, Wit.Features.NONE);
            String printed = WitPrinter.print(first.resolve(), first.mainPackage());
            Path copy = Files.createDirectories(temp.resolve("wasip3"));
            Files.writeString(copy.resolve("wasi.wit"), printed);
            Path deps = Files.createDirectories(copy.resolve("deps"));
            try (Stream<Path> s = Files.list(dir.resolve("deps"))) {
                for (Path d : s.toList()) {
                    Path target = Files.createDirectories(deps.resolve(d.getFileName()));
                    try (Stream<Path> files = Files.list(d)) {
                        for (Path f : files.toList()) {
                            Files.copy(f, target.resolve(f.getFileName()));
                        }
                    }
                }
            }
            Wit.Loaded second = Wit.load(copy, Wit.Features.NONE);
            assertEquals(printed, WitPrinter.print(second.resolve(), second.mainPackage()));
        }));
        return tests;
    }

    private void idempotent(String release) throws IOException {
        Wit.Features all = new Wit.Features(java.util.Set.of(), true);
        Resolve first = Wit.loadAll(packageDirs(release), all).resolve();
        List<String> printed = printAll(first);
        Path dir = Files.createDirectories(temp.resolve(release));
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < printed.size(); i++) {
            Path d = Files.createDirectories(dir.resolve("p" + i));
            Files.writeString(d.resolve("package.wit"), printed.get(i));
            dirs.add(d);
        }
        Resolve second = Wit.loadAll(dirs, all).resolve();
        List<String> again = printAll(second);
        assertEquals(sorted(printed), sorted(again));
    }

    private static List<String> printAll(Resolve r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.packages().size(); i++) {
            out.add(WitPrinter.print(r, i));
        }
        return out;
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }
}
