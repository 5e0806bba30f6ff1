package dev.jwt.cli;

import dev.jwt.binary.WasmException;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.ValType;
import dev.jwt.run.CompiledModule;
import dev.jwt.run.Engine;
import dev.jwt.run.GuestThread;
import dev.jwt.run.Instance;
import dev.jwt.run.Linker;
import dev.jwt.run.Memory;
import dev.jwt.run.WasmFunction;
import dev.jwt.run.wasi.p1.WasiExit;
import dev.jwt.run.wasi.p1.WasiPreview1;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwt run}: runs a WASI preview1 command module (like {@code wasmtime run}). */
@Command(name = "run", description = "Run a WebAssembly module (WASI preview1 command).", mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "HOST[::GUEST]", description = "Preopen a host directory, as GUEST in the guest (default: the same path).")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME[=VALUE]", description = "Set an environment variable (without a value: pass the host's).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "Call this export with the ARGS as its parameters instead of _start.")
    String invoke;

    @Option(names = "--max-memory", paramLabel = "BYTES", description = "Cap every linear memory at this many bytes.")
    Long maxMemory;

    @Option(names = "--fuel", paramLabel = "N", description = "Stop the guest with a trap after N units of work (a unit: a function call or a loop iteration).")
    Long fuel;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop the guest with a trap after this long, e.g. 500ms, 10s, 2m, 1h (a bare number: seconds).")
    String timeout;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module to run: a binary or a text (.wat) file.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program.")
    List<String> args = new ArrayList<>();

    /**
     * Whether {@code args} is {@code run FILE [ARGS...]} with no option, nor anything picocli would
     * read differently from a plain word (a leading {@code -}, or {@code @} for an argument file).
     * Such a command line means the same without picocli, whose model building and reflection
     * take a good part of a short program's run time ({@link #runPlain}).
     */
    static boolean isPlain(String... args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return false;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].isEmpty() || args[i].startsWith("-") || args[i].startsWith("@")) {
                return false;
            }
        }
        return true;
    }

    /** Runs a plain {@code run FILE [ARGS...]} (see {@link #isPlain}) as picocli would, without it. */
    static int runPlain(StdStreams io, String... args) {
        RunCommand run = new RunCommand();
        run.file = Path.of(args[1]);
        run.args = new ArrayList<>(List.of(args).subList(2, args.length));
        try {
            return run.call();
        } catch (Throwable failure) {
            java.io.PrintWriter err = new java.io.PrintWriter(
                    new java.io.OutputStreamWriter(io.err(), java.nio.charset.StandardCharsets.UTF_8), true);
            ErrorReport.print(failure, err);
            err.flush();
            return Jwt.FAILURE;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        try {
            byte[] bytes = new WasmInput(file.toString(), file, Files.readAllBytes(file)).binary();
            Engine engine = maxMemory == null ? new Engine() : new Engine(Math.max(0, maxMemory / Memory.PAGE_SIZE));
            if (fuel != null) {
                engine = engine.withFuel(fuel);
            }
            if (timeout != null) {
                java.time.Duration limit = parseDuration(timeout);
                if (limit == null) {
                    err.println("error: --timeout " + timeout + ": expected a duration such as 500ms, 10s, 2m or 1h");
                    return 1;
                }
                engine = engine.withTimeout(limit);
            }
            CompiledModule module = engine.compile(bytes);
            Map<String, String> env = new LinkedHashMap<>();
            for (String e : envs) {
                int eq = e.indexOf('=');
                if (eq < 0) {
                    String v = System.getenv(e);
                    if (v != null) {
                        env.put(e, v);
                    }
                } else {
                    env.put(e.substring(0, eq), e.substring(eq + 1));
                }
            }
            Map<String, Path> preopens = new LinkedHashMap<>();
            for (String d : dirs) {
                int sep = d.indexOf("::");
                String host = sep < 0 ? d : d.substring(0, sep);
                String guest = sep < 0 ? d : d.substring(sep + 2);
                Path p = Path.of(host);
                if (!Files.isDirectory(p)) {
                    err.println("error: --dir " + host + ": not a directory");
                    return 1;
                }
                preopens.put(guest, p);
            }
            List<String> argv = new ArrayList<>();
            argv.add(file.getFileName().toString());
            argv.addAll(args);
            BufferedOutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            WasiPreview1 wasi = new WasiPreview1(argv, env, System.in, out, new FileOutputStream(FileDescriptor.err), preopens);
            Linker linker = new Linker();
            wasi.define(linker, module.module());
            return GuestThread.run(() -> {
                Instance instance;
                try {
                    instance = linker.instantiate(module);
                } catch (WasiExit e) {
                    out.flush();
                    return e.code();
                }
                if (invoke == null) {
                    return wasi.runCommand(instance);
                }
                wasi.bind(instance);
                WasmFunction f = instance.function(invoke);
                if (f == null) {
                    err.println("error: no exported function named " + invoke);
                    return 1;
                }
                List<ValType> params = f.type().params();
                if (params.size() != args.size()) {
                    err.println("error: " + invoke + " expects " + params.size() + " arguments, got " + args.size());
                    return 1;
                }
                Object[] values = new Object[params.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = parse(params.get(i), args.get(i));
                }
                try {
                    for (Object r : f.call(values)) {
                        out.write((String.valueOf(r) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return 0;
                } catch (WasiExit e) {
                    return e.code();
                } finally {
                    out.flush();
                }
            });
        } catch (WasmException e) {
            System.out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        } catch (UnsupportedOperationException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (dev.jwt.run.ThrownException e) {
            System.out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** A duration as a number with an optional unit (ms, s, m, h; seconds without one), or null. */
    static java.time.Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> value * 1000;
        };
        return java.time.Duration.ofNanos((long) (millis * 1_000_000));
    }

    private static Object parse(ValType type, String text) {
        if (type instanceof NumType n) {
            return switch (n) {
                case I32 -> (int) Long.parseLong(text);
                case I64 -> Long.parseLong(text);
                case F32 -> Float.parseFloat(text);
                case F64 -> Double.parseDouble(text);
            };
        }
        throw new IllegalArgumentException("cannot pass " + text + " as " + type);
    }
}
