package dev.jwt.wit.bench;

import dev.jwt.wit.Wit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Parse + resolve time of a whole WASI release (every package of spec/wasi-0.2 by default),
 * first run and warm JVM (DESIGN: performance is measured, never asserted in tests). The cold CLI
 * figure is measured separately with {@code time ./jwt wit DIR}.
 *
 * <pre>
 * java -cp wit/target/classes:wit/target/test-classes:binary/target/classes:$DEPS \
 *     dev.jwt.wit.bench.WitBenchmark [../shared/spec/wasi-0.2]
 * </pre>
 */
public final class WitBenchmark {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/spec/wasi-0.2");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.map(p -> p.resolve("wit")).filter(Files::isDirectory).sorted().toList();
        }
        Wit.Features all = new Wit.Features(Set.of(), true);
        long t0 = System.nanoTime();
        int packages = Wit.loadAll(dirs, all).resolve().packages().size();
        double firstMs = (System.nanoTime() - t0) / 1e6;
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            Wit.loadAll(dirs, all);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            int n = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 1_000_000_000L) {
                Wit.loadAll(dirs, all);
                n++;
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6 / n);
        }
        System.out.printf(Locale.ROOT, "%s: %d packages, first run %.1f ms, warm %.2f ms per parse+resolve%n",
                root, packages, firstMs, best);
    }
}
