package dev.jwt.validate.bench;

import dev.jwt.binary.FeatureSet;
import dev.jwt.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validation throughput, side by side in one run (DESIGN: performance is measured, never asserted):
 * jwt with a warm JVM, node's {@code WebAssembly.validate} (V8, warm, in one process) and wabt's
 * {@code wasm-validate} (a process per run, so its figure includes start-up).
 *
 * <pre>
 * . ~/.cache/jwt-peers/env.sh
 * java -cp validate/target/classes:validate/target/test-classes:binary/target/classes \
 *     dev.jwt.validate.bench.ValidateBenchmark [FILE.wasm...]
 * </pre>
 *
 * Without arguments it measures the real-world core modules of the peers cache.
 */
public final class ValidateBenchmark {
    private static final double MB = 1_000_000.0;

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        if (files.isEmpty()) {
            Path cache = Path.of(System.getenv().getOrDefault("PEERS_CACHE",
                    System.getProperty("user.home") + "/.cache/jwt-peers"));
            files.add(cache.resolve("realworld/chicory-wabt/wat2wasm.wasm"));
            files.add(cache.resolve("realworld/chicory-wabt/wast2json.wasm"));
        }
        System.out.println("| module | size | jwt warm MB/s | jwt 1st run ms | node WebAssembly.validate MB/s | wabt wasm-validate MB/s (process) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Path f : files) {
            byte[] wasm = Files.readAllBytes(f);
            long t0 = System.nanoTime();
            Validator.validate(wasm, FeatureSet.defaults());
            double firstMs = (System.nanoTime() - t0) / 1e6;
            double jwt = jwtWarm(wasm);
            String node = node(f);
            String wabt = wabt(f, wasm.length);
            System.out.printf(Locale.ROOT, "| %s | %.2f MB | %.0f | %.0f | %s | %s |%n", f.getFileName(), wasm.length / MB,
                    jwt, firstMs, node, wabt);
        }
    }

    /** Bytes per second over repeated validations after a warm-up, best of five rounds. */
    private static double jwtWarm(byte[] wasm) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            Validator.validate(wasm, FeatureSet.defaults());
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            int n = 0;
            long start = System.nanoTime();
            long stop = start + 1_000_000_000L;
            long now;
            do {
                Validator.validate(wasm, FeatureSet.defaults());
                n++;
                now = System.nanoTime();
            } while (now < stop);
            best = Math.max(best, (double) wasm.length * n / ((now - start) / 1e9) / MB);
        }
        return best;
    }

    private static String node(Path f) {
        String script = "const fs=require('fs');const b=fs.readFileSync(process.argv[1]);"
                + "if(!WebAssembly.validate(b)){console.log('invalid');process.exit(0);}"
                + "let e=Date.now()+2000;while(Date.now()<e)WebAssembly.validate(b);"
                + "let best=0;for(let r=0;r<5;r++){let n=0;const s=process.hrtime.bigint();let t;"
                + "do{WebAssembly.validate(b);n++;t=process.hrtime.bigint();}while(t-s<1000000000n);"
                + "best=Math.max(best,b.length*n/(Number(t-s)/1e9)/1e6);}console.log(best.toFixed(0));";
        try {
            return run(List.of("node", "-e", script, f.toString())).strip();
        } catch (IOException | InterruptedException e) {
            return "n/a";
        }
    }

    private static String wabt(Path f, int size) {
        try {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                run(List.of("wasm-validate", "--enable-all", f.toString()));
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return String.format(Locale.ROOT, "%.0f", size / best / MB);
        } catch (IOException | InterruptedException e) {
            return "n/a";
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        return new String(out, StandardCharsets.UTF_8);
    }
}
