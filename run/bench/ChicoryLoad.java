import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Chicory side of run/bench/load-bench.sh (not part of the build: it needs Chicory, which is
 * not a project dependency; the script compiles it against $CHICORY_CP from the peers cache).
 * Same phases and output as dev.jwt.run.bench.LoadBenchmark (thread CPU time per phase, then wall): parse (Chicory validates while it builds the
 * module), compile (--compiler: MachineFactoryCompiler, wasm to JVM classes ahead of time; the
 * interpreter has no such phase) and instantiate with stub function imports (withStart(false):
 * a WASI command's _start is a call, not part of instantiation; a start section still runs).
 *
 *   java -cp $CHICORY_CP:DIR ChicoryLoad [--compiler] [--rounds N] FILE.wasm...
 */
public final class ChicoryLoad {
    public static void main(String[] args) throws Exception {
        boolean compiler = false;
        int rounds = 1;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--compiler" -> compiler = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        String engine = compiler ? "chicory-comp" : "chicory-int";
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (int r = 1; r <= rounds; r++) {
                java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                long w0 = System.nanoTime();
                long t0 = cpu.getCurrentThreadCpuTime();
                WasmModule module = Parser.parse(bytes);
                long t1 = cpu.getCurrentThreadCpuTime();
                Function<Instance, Machine> machine = compiler ? MachineFactoryCompiler.compile(module) : null;
                long t2 = cpu.getCurrentThreadCpuTime();
                Instance.Builder b = Instance.builder(module).withImportValues(stubs(module)).withStart(false);
                if (machine != null) {
                    b.withMachineFactory(machine);
                }
                Instance instance = b.build();
                long t3 = cpu.getCurrentThreadCpuTime();
                long w3 = System.nanoTime();
                if (instance == null) {
                    throw new AssertionError();
                }
                System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f%n", engine, f.getFileName(), r,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6, (w3 - w0) / 1e6);
            }
        }
    }

    /** Every function import as a host function that fails when called. */
    private static ImportValues stubs(WasmModule module) {
        List<ImportFunction> functions = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (imp.importType() != ExternalType.FUNCTION) {
                throw new IllegalArgumentException("no stub for import " + imp.module() + "::" + imp.name());
            }
            String place = imp.module() + "::" + imp.name();
            functions.add(new HostFunction(imp.module(), imp.name(),
                    module.typeSection().getType(((FunctionImport) imp).typeIndex()),
                    (inst, a) -> {
                        throw new IllegalStateException("stub import " + place + " called");
                    }));
        }
        return ImportValues.builder().withFunctions(functions).build();
    }
}
