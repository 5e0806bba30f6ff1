package dev.jwt.binary.bench;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.module.Module;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decoder and encoder throughput (DESIGN: performance is measured, never asserted): jwt decoding
 * with every body streamed through the instruction reader, decoding with bodies left as windows,
 * and encoding; next to node's {@code WebAssembly.validate} (V8, warm), which decodes and validates.
 *
 * <pre>
 * . ~/.cache/jwt-peers/env.sh
 * java -cp binary/target/classes:binary/target/test-classes dev.jwt.binary.bench.DecodeBenchmark [FILE.wasm...]
 * </pre>
 *
 * Without arguments it measures the real-world core modules of the peers cache.
 */
public final class DecodeBenchmark {
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
        System.out.println("| module | size | jwt decode MB/s | jwt decode, bodies lazy MB/s | jwt encode MB/s"
                + " | node WebAssembly.validate MB/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Path f : files) {
            byte[] wasm = Files.readAllBytes(f);
            Module m = ModuleDecoder.decode(wasm);
            double checked = warm(wasm.length, () -> ModuleDecoder.decode(wasm));
            double lazy = warm(wasm.length, () -> new ModuleDecoder(false).decodeWithSections(wasm));
            double encode = warm(wasm.length, () -> ModuleEncoder.encode(m));
            System.out.printf(Locale.ROOT, "| %s | %.2f MB | %.0f | %.0f | %.0f | %s |%n", f.getFileName(),
                    wasm.length / MB, checked, lazy, encode, node(f));
        }
    }

    /** Bytes per second after a warm-up, best of five one-second rounds. */
    private static double warm(int size, Runnable work) {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            work.run();
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            int n = 0;
            long start = System.nanoTime();
            long now;
            do {
                work.run();
                n++;
                now = System.nanoTime();
            } while (now - start < 1_000_000_000L);
            best = Math.max(best, (double) size * n / ((now - start) / 1e9) / MB);
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
            Process p = new ProcessBuilder(List.of("node", "-e", script, f.toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.strip();
        } catch (IOException | InterruptedException e) {
            return "n/a";
        }
    }
}
