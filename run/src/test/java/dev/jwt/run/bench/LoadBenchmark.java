package dev.jwt.run.bench;

import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.FuncType;
import dev.jwt.run.CompiledModule;
import dev.jwt.run.Engine;
import dev.jwt.run.Global;
import dev.jwt.run.Instance;
import dev.jwt.run.Linker;
import dev.jwt.run.Memory;
import dev.jwt.run.Table;
import dev.jwt.run.Trap;
import dev.jwt.validate.ValidatedModule;
import dev.jwt.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The time to load a module and instantiate it (DESIGN: performance is measured, never asserted):
 * decode + validate, compile to JVM classes, instantiate (memories, tables, segments; the start
 * function if any). Imports are stubs that trap when called, so any module instantiates without
 * its real host. {@code run/bench/load-bench.sh} runs this cold (a fresh JVM per figure) and warm,
 * beside the same phases on Chicory.
 *
 * <pre>
 * java -cp run/target/classes:run/target/test-classes:... dev.jwt.run.bench.LoadBenchmark [--rounds N] FILE.wasm...
 * </pre>
 *
 * One line per round and file: {@code jwt FILE ROUND decode+validate compile instantiate total wall}
 * (milliseconds, tab separated): the phases in CPU time of the thread doing the work (so that a
 * busy machine or the JIT's own threads do not blur them), then the elapsed time of all three.
 * Round 1 is the cold figure of a fresh process; later rounds are warm (same JVM, the engine's
 * own code compiled by the JIT).
 */
public final class LoadBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = 1;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (int r = 1; r <= rounds; r++) {
                java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                long w0 = System.nanoTime();
                long t0 = cpu.getCurrentThreadCpuTime();
                ValidatedModule validated = Validator.validate(bytes);
                long t1 = cpu.getCurrentThreadCpuTime();
                Engine engine = new Engine();
                CompiledModule compiled = engine.compile(validated.module());
                long t2 = cpu.getCurrentThreadCpuTime();
                Instance instance = stubLinker(validated.module()).instantiate(compiled);
                long t3 = cpu.getCurrentThreadCpuTime();
                long w3 = System.nanoTime();
                if (instance == null) {
                    throw new AssertionError();
                }
                System.out.printf(Locale.ROOT, "jwt\t%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f%n", f.getFileName(), r,
                        ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0), ms(w3 - w0));
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A linker that satisfies every import of {@code module}: functions trap, the rest are fresh. */
    static Linker stubLinker(Module module) {
        Linker linker = new Linker();
        List<FuncType> types = new ArrayList<>();
        for (var group : module.types()) {
            for (var sub : group.types()) {
                types.add(sub.composite() instanceof FuncType ft ? ft : null);
            }
        }
        for (Import imp : module.imports()) {
            ImportDesc d = imp.desc();
            String place = imp.module() + "::" + imp.name();
            if (d instanceof ImportDesc.Func fn) {
                linker.define(imp.module(), imp.name(), types.get(fn.typeIndex()), a -> {
                    throw new Trap("stub import " + place + " called with " + Arrays.toString(a));
                });
            } else if (d instanceof ImportDesc.Memory m) {
                linker.define(imp.module(), imp.name(), new Memory(m.type(), Memory.MAX_PAGES));
            } else if (d instanceof ImportDesc.TableImport t) {
                linker.define(imp.module(), imp.name(), new Table(t.type(), null));
            } else if (d instanceof ImportDesc.GlobalImport g) {
                linker.define(imp.module(), imp.name(), new Global(g.type(), zero(g.type().type())));
            } else {
                throw new IllegalArgumentException("no stub for import " + place);
            }
        }
        return linker;
    }

    private static Object zero(dev.jwt.binary.types.ValType t) {
        if (t == dev.jwt.binary.types.NumType.I32) {
            return 0;
        }
        if (t == dev.jwt.binary.types.NumType.I64) {
            return 0L;
        }
        if (t == dev.jwt.binary.types.NumType.F32) {
            return 0f;
        }
        if (t == dev.jwt.binary.types.NumType.F64) {
            return 0d;
        }
        return null;
    }
}
