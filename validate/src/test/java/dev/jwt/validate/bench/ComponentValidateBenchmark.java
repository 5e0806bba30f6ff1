package dev.jwt.validate.bench;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Component validation time (a script, not a test: DESIGN says performance is measured, never
 * asserted). No peer validates components here: node's {@code WebAssembly.validate} takes core
 * modules only and jco bundles no {@code wasm-tools validate}. So the side-by-side figure is V8
 * validating the component's core modules (extracted and re-encoded), the bulk of the bytes.
 *
 * <pre>
 * . ~/.cache/jwt-peers/env.sh
 * java -cp validate/target/classes:validate/target/test-classes:binary/target/classes \
 *     dev.jwt.validate.bench.ComponentValidateBenchmark [COMPONENT.wasm...]
 * </pre>
 *
 * Without arguments it measures the largest WASI 0.3 test component of the corpus.
 */
public final class ComponentValidateBenchmark {
    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        if (files.isEmpty()) {
            Path dir = Path.of(System.getProperty("jwt.corpus", "../shared/corpus"),
                    "wasi-testsuite/tests/rust/testsuite/wasm32-wasip3");
            try (var s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".wasm"))
                        .max(Comparator.comparingLong(ComponentValidateBenchmark::size)).ifPresent(files::add);
            }
        }
        FeatureSet features = FeatureSet.defaults();
        System.out.println("| component | size | jwt 1st run ms | jwt warm ms | core modules | V8 validate of the core modules, warm ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Path f : files) {
            byte[] wasm = Files.readAllBytes(f);
            long t0 = System.nanoTime();
            Validator.validateBinary(wasm, features);
            double first = (System.nanoTime() - t0) / 1e6;
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                Validator.validateBinary(wasm, features);
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                int n = 0;
                long start = System.nanoTime();
                long now;
                do {
                    Validator.validateBinary(wasm, features);
                    n++;
                    now = System.nanoTime();
                } while (now - start < 1_000_000_000L);
                best = Math.min(best, (now - start) / 1e6 / n);
            }
            List<Path> cores = coreModules(ComponentDecoder.decode(wasm));
            System.out.printf(Locale.ROOT, "| %s | %.2f MB | %.1f | %.2f | %d | %s |%n", f.getFileName(),
                    wasm.length / 1e6, first, best, cores.size(), node(cores));
        }
    }

    /** The component's own core modules, each written to a temporary file. */
    private static List<Path> coreModules(Component c) throws IOException {
        List<Path> out = new ArrayList<>();
        for (ComponentSection s : c.sections()) {
            if (s instanceof ComponentSection.CoreModuleSection m) {
                Path p = Files.createTempFile("jwt-bench-core", ".wasm");
                p.toFile().deleteOnExit();
                Files.write(p, ModuleEncoder.encode(m.module()));
                out.add(p);
            } else if (s instanceof ComponentSection.NestedComponentSection n) {
                out.addAll(coreModules(n.component()));
            }
        }
        return out;
    }

    /** Milliseconds per validation of all the modules by V8, warm, in one node process. */
    private static String node(List<Path> modules) {
        if (modules.isEmpty()) {
            return "-";
        }
        String script = "const fs=require('fs');const bs=process.argv.slice(1).map(f=>fs.readFileSync(f));"
                + "const all=()=>bs.every(b=>WebAssembly.validate(b));"
                + "if(!all()){console.log('invalid');process.exit(0);}"
                + "let e=Date.now()+2000;while(Date.now()<e)all();"
                + "let n=0,s=process.hrtime.bigint();while(process.hrtime.bigint()-s<1000000000n){all();n++;}"
                + "console.log((Number(process.hrtime.bigint()-s)/1e6/n).toFixed(2));";
        List<String> cmd = new ArrayList<>(List.of("node", "-e", script));
        for (Path m : modules) {
            cmd.add(m.toString());
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out.isEmpty() ? "n/a" : out;
        } catch (IOException | InterruptedException e) {
            return "n/a (node not found)";
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
