package dev.jwt.validate.bench;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.DecodedComponent;
import dev.jwt.binary.component.DecodedComponent.SectionPlace;
import dev.jwt.binary.DecodedModule;
import dev.jwt.testing.Corpus;
import dev.jwt.validate.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Validation speed, side by side in one run (DESIGN: performance is measured, never asserted):
 * jwt with a warm JVM against V8's {@code WebAssembly.validate} in a warm node process, in
 * alternating rounds so that both see the same machine load; then cold command-line wall time of
 * {@code jwt validate FILE}, wabt's {@code wasm-validate FILE} and a node one-liner. Prints
 * Markdown tables.
 *
 * <p>Components: V8 cannot validate a component, so its figure is for validating the core modules
 * the component holds (which is most of the work), divided into the component's whole size; wabt
 * has no component support.
 *
 * <pre>
 * . ~/.cache/jwt-peers/env.sh
 * mvn -B -q -o test-compile -pl validate -am
 * java -cp validate/target/classes:validate/target/test-classes:binary/target/classes:binary/target/test-classes \
 *     dev.jwt.validate.bench.ValidateBenchmark [--rounds N] [--round-ms MS] [--no-cold] [FILE.wasm...]
 * </pre>
 *
 * Without files it measures the largest real modules and components at hand: the peers cache's
 * (wabt and SpiderMonkey builds, jco's own core modules, jco-built components) and the largest
 * wasip3 components of the wasi-testsuite corpus. {@code -Djwt.launcher=PATH} names the {@code jwt}
 * launcher for the cold runs (default {@code ./jwt}).
 */
public final class ValidateBenchmark {
    private static final double MB = 1_000_000.0;

    private record Subject(Path file, byte[] bytes, boolean component, List<Path> coreModules, long coreBytes) {}

    public static void main(String[] args) throws Exception {
        int rounds = 7;
        long roundMs = 1000;
        boolean cold = true;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMs = Long.parseLong(args[++i]);
                case "--no-cold" -> cold = false;
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            files = defaultFiles();
        }
        Path tmp = Files.createTempDirectory("jwt-validate-bench");
        try {
            run(files, tmp, rounds, roundMs, cold);
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
    }

    private static void run(List<Path> files, Path tmp, int rounds, long roundMs, boolean cold) throws IOException {
        List<Subject> subjects = new ArrayList<>();
        for (Path f : files) {
            subjects.add(subject(f, tmp));
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Java %s, %d processors; %d alternating rounds of %d ms each side after warm-up.%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds, roundMs);

        try (NodeDriver node = NodeDriver.start()) {
            out.println("### Warm: throughput (MB/s of the file), best round; ratio = jwt / V8");
            out.println();
            out.println("| file | kind | size MB | jwt MB/s | V8 MB/s | jwt/V8 (best) | jwt/V8 (median of paired rounds) |");
            out.println("|---|---|---:|---:|---:|---:|---:|");
            for (Subject s : subjects) {
                warm(s, node, rounds, roundMs, out);
            }
        }
        if (cold) {
            out.println();
            out.println("### Cold: one process per run, wall time in ms (best of 3, interleaved)");
            out.println();
            out.println("| file | size MB | `jwt validate` | `wasm-validate` | node one-liner |");
            out.println("|---|---:|---:|---:|---:|");
            for (Subject s : subjects) {
                coldRow(s, out);
            }
        }
    }

    private static List<Path> defaultFiles() {
        Path cache = Path.of(System.getenv().getOrDefault("PEERS_CACHE",
                System.getProperty("user.home") + "/.cache/jwt-peers"));
        Path bca = cache.resolve("node/node_modules/@bytecodealliance");
        List<Path> files = new ArrayList<>(List.of(
                cache.resolve("realworld/chicory-wabt/wat2wasm.wasm"),
                cache.resolve("realworld/chicory-wabt/wast2json.wasm"),
                bca.resolve("jco-transpile/vendor/wasm-tools.core.wasm"),
                bca.resolve("jco-transpile/vendor/js-component-bindgen-component.core.wasm"),
                bca.resolve("componentize-js/lib/spidermonkey-embedding-splicer.core.wasm"),
                bca.resolve("componentize-js/lib/starlingmonkey_embedding.wasm"),
                cache.resolve("realworld/components/wat2wasm.component.wasm"),
                cache.resolve("realworld/components/js-hello.component.wasm")));
        Path p3 = Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3");
        if (Files.isDirectory(p3)) {
            Corpus.files(p3, ".wasm").stream()
                    .sorted(Comparator.comparingLong(ValidateBenchmark::size).reversed())
                    .limit(3)
                    .forEach(files::add);
        }
        files.removeIf(f -> !Files.isRegularFile(f));
        return files;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads a file; for a component, writes its core modules out for V8. */
    private static Subject subject(Path f, Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        boolean component = bytes.length >= 8 && bytes[6] == 1 && bytes[7] == 0;
        List<Path> cores = new ArrayList<>();
        long coreBytes = bytes.length;
        if (component) {
            List<byte[]> modules = new ArrayList<>();
            coreModules(ComponentDecoder.decodeDetailed(bytes), bytes, modules);
            coreBytes = 0;
            for (byte[] m : modules) {
                Path p = tmp.resolve(f.getFileName() + "." + cores.size() + ".core.wasm");
                Files.write(p, m);
                cores.add(p);
                coreBytes += m.length;
            }
        } else {
            cores.add(f);
        }
        return new Subject(f, bytes, component, cores, coreBytes);
    }

    private static void coreModules(DecodedComponent c, byte[] bytes, List<byte[]> out) {
        for (SectionPlace p : c.places()) {
            if (p.nested() instanceof DecodedModule) {
                out.add(Arrays.copyOfRange(bytes, (int) p.contentOffset(), (int) p.contentOffset() + p.size()));
            } else if (p.nested() instanceof DecodedComponent inner) {
                coreModules(inner, bytes, out);
            }
        }
    }

    private static void warm(Subject s, NodeDriver node, int rounds, long roundMs, PrintStream out)
            throws IOException {
        // Warm-up: a few seconds each, then alternating rounds.
        jwtRound(s.bytes(), 3000);
        node.round(s.coreModules(), 2000);
        double[] jwt = new double[rounds];
        double[] v8 = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            jwt[r] = s.bytes().length / jwtRound(s.bytes(), roundMs) / MB;
            v8[r] = s.bytes().length / node.round(s.coreModules(), roundMs) / MB;
            ratios[r] = jwt[r] / v8[r];
        }
        Arrays.sort(ratios);
        double bestJwt = Arrays.stream(jwt).max().orElse(Double.NaN);
        double bestV8 = Arrays.stream(v8).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "| %s | %s | %.2f | %.0f | %.0f | %.2f | %.2f |%n", s.file().getFileName(),
                s.component() ? "component (V8: its " + s.coreModules().size() + " core modules, "
                        + String.format(Locale.ROOT, "%.2f", s.coreBytes() / MB) + " MB)" : "core module",
                s.bytes().length / MB, bestJwt, bestV8, bestJwt / bestV8, ratios[rounds / 2]);
        out.flush();
    }

    /** Seconds per validation over a round of about {@code ms} milliseconds. */
    private static double jwtRound(byte[] wasm, long ms) {
        long start = System.nanoTime();
        long stop = start + ms * 1_000_000L;
        int n = 0;
        long now;
        do {
            Validator.validateBinary(wasm, FeatureSet.defaults());
            n++;
            now = System.nanoTime();
        } while (now < stop);
        return (now - start) / 1e9 / n;
    }

    /** A node process that validates files on request, so that V8 stays warm between rounds. */
    private static final class NodeDriver implements AutoCloseable {
        private static final String SCRIPT = String.join("\n",
                "const fs=require('fs');",
                "const cache=new Map();",
                "const rl=require('readline').createInterface({input:process.stdin});",
                "rl.on('line',line=>{",
                "  const [ms,...files]=line.split('\\t');",
                "  const bufs=files.map(f=>{if(!cache.has(f))cache.set(f,fs.readFileSync(f));return cache.get(f);});",
                "  for(const b of bufs){if(!WebAssembly.validate(b)){console.log('invalid');return;}}",
                "  const lim=BigInt(ms)*1000000n;let n=0;const s=process.hrtime.bigint();let t;",
                "  do{for(const b of bufs)WebAssembly.validate(b);n++;t=process.hrtime.bigint();}while(t-s<lim);",
                "  console.log(n+' '+(t-s));",
                "});");
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        private NodeDriver(Process p) {
            this.process = p;
            this.in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        }

        static NodeDriver start() throws IOException {
            return new NodeDriver(new ProcessBuilder("node", "-e", SCRIPT).redirectErrorStream(true).start());
        }

        /** Seconds per validation of all {@code files} over a round of about {@code ms} milliseconds; NaN on failure. */
        double round(List<Path> files, long ms) throws IOException {
            StringBuilder line = new StringBuilder(Long.toString(ms));
            for (Path f : files) {
                line.append('\t').append(f.toAbsolutePath());
            }
            in.write(line.append('\n').toString());
            in.flush();
            String reply = out.readLine();
            if (reply == null || !reply.matches("\\d+ \\d+")) {
                return Double.NaN;
            }
            String[] parts = reply.split(" ");
            return Long.parseLong(parts[1]) / 1e9 / Long.parseLong(parts[0]);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    // ---------------------------------------------------------------- cold runs

    private static void coldRow(Subject s, PrintStream out) {
        String file = s.file().toAbsolutePath().toString();
        String launcher = System.getProperty("jwt.launcher", "./jwt");
        List<List<String>> commands = List.of(
                List.of(launcher, "validate", file),
                s.component() ? List.of() : List.of("wasm-validate", "--enable-all", file),
                s.component() ? List.of() : List.of("node", "-e",
                        "process.exit(WebAssembly.validate(require('fs').readFileSync(process.argv[1]))?0:1)", file));
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        boolean[] failed = new boolean[3];
        for (int run = 0; run < 3; run++) {
            for (int c = 0; c < commands.size(); c++) {
                if (commands.get(c).isEmpty() || failed[c]) {
                    continue;
                }
                long t0 = System.nanoTime();
                int exit = exec(commands.get(c));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (exit != 0) {
                    failed[c] = true;
                } else {
                    best[c] = Math.min(best[c], ms);
                }
            }
        }
        String[] cells = new String[3];
        for (int c = 0; c < 3; c++) {
            cells[c] = commands.get(c).isEmpty() ? "n/a" : failed[c] ? "fails" : String.format(Locale.ROOT, "%.0f", best[c]);
        }
        out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %s |%n", s.file().getFileName(), s.bytes().length / MB,
                cells[0], cells[1], cells[2]);
        out.flush();
    }

    private static int exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
