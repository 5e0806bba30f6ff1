package dev.jwt.run.wast;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.module.Module;
import dev.jwt.run.CompiledModule;
import dev.jwt.run.Engine;
import dev.jwt.run.Global;
import dev.jwt.run.GuestThread;
import dev.jwt.run.Instance;
import dev.jwt.run.LinkException;
import dev.jwt.run.StackExhaustion;
import dev.jwt.run.Trap;
import dev.jwt.run.V128;
import dev.jwt.run.WasmFunction;
import dev.jwt.text.Wast;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import dev.jwt.text.wast.WastValue;
import dev.jwt.validate.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code .wast} scripts (like {@code wasmtime wast}) against the engine with the
 * {@code spectest} host module: modules, {@code register}, actions and the assertions. Every
 * command gets an {@link Outcome}; a failure's text says what differed.
 */
public final class WastRunner {
    /** What happened to one command; {@code failure} is null when it passed. */
    public record Outcome(int line, String command, String failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    private final String fileName;
    private final FeatureSet features;
    private final PrintStream spectestOut;
    private final Engine engine = new Engine();
    private final dev.jwt.run.Linker linker = new dev.jwt.run.Linker();
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, CompiledModule> definitions = new HashMap<>();
    private final Map<String, ScriptThread> threads = new HashMap<>();
    private Instance current;
    private CompiledModule lastDefinition;
    /** The outcomes so far: a thread's are added when it is waited for. */
    private List<Outcome> outcomes;

    /** A runner for one script; {@code spectestOut} receives the spectest prints (null: dropped). */
    public WastRunner(String fileName, PrintStream spectestOut) {
        this(fileName, spectestOut, FeatureSet.defaults());
    }

    /** A runner validating modules with {@code features} (a script's {@code ;;!} lines add to the defaults). */
    public WastRunner(String fileName, PrintStream spectestOut, FeatureSet features) {
        this.fileName = fileName;
        this.features = features;
        this.spectestOut = spectestOut;
        Spectest.define(linker, spectestOut);
        // wasmtime's wast runner offers a collection point to its GC scripts.
        linker.define("wasmtime", "gc", new dev.jwt.binary.types.FuncType(List.of(), List.of()), args -> {
            System.gc();
            return null;
        });
    }

    /** Parses and runs the script at {@code file} on a guest thread, with the default features. */
    public static List<Outcome> run(Path file) throws IOException {
        return run(file, FeatureSet.defaults());
    }

    /**
     * Parses and runs the script at {@code file} on a guest thread, validating with {@code features}
     * plus those the script's {@code ;;! feature = true} header lines ask for (wasmtime's convention).
     */
    public static List<Outcome> run(Path file, FeatureSet features) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString();
        List<WastCommand> commands = Wast.parse(source, name);
        FeatureSet all = ScriptFeatures.of(source, features);
        return GuestThread.run(() -> new WastRunner(name, null, all).run(commands));
    }

    public List<Outcome> run(List<WastCommand> commands) {
        outcomes = new ArrayList<>();
        for (WastCommand c : commands) {
            String failure;
            try {
                failure = execute(c);
            } catch (Throwable t) {
                failure = "unexpected " + describe(t);
            }
            outcomes.add(new Outcome(c.line(), name(c), failure));
        }
        // A thread nobody waits for still finishes (or is stopped) before the script ends.
        for (ScriptThread t : new ArrayList<>(threads.values())) {
            outcomes.addAll(t.join());
        }
        threads.clear();
        return outcomes;
    }

    private static String name(WastCommand c) {
        String n = c.getClass().getSimpleName();
        StringBuilder sb = new StringBuilder();
        for (char ch : n.toCharArray()) {
            if (Character.isUpperCase(ch) && sb.length() > 0) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString().replace("_command", "");
    }

    private static String describe(Throwable t) {
        if (t instanceof WasmException w) {
            return w.kind().name().toLowerCase() + ": " + w.getMessage();
        }
        return t.toString();
    }

    /** The module a source gives, decoded or parsed, then validated (binaries as bytes). */
    private Module module(ModuleSource source) {
        if (source instanceof ModuleSource.Binary b) {
            return Validator.validate(b.bytes(), features).module();
        }
        Module m = Wast.module(source);
        Validator.validate(m, features);
        return m;
    }

    private CompiledModule compile(ModuleSource source) {
        return engine.compile(module(source));
    }

    /** Runs one command; the failure text, or null when it passed. */
    private String execute(WastCommand c) {
        if (c instanceof WastCommand.ModuleCommand m) {
            if (m.source() instanceof ModuleSource.Component) {
                return "components are not supported by the runner yet";
            }
            CompiledModule compiled = compile(m.source());
            if (m.definition()) {
                lastDefinition = compiled;
                if (m.id() != null) {
                    definitions.put(m.id(), compiled);
                }
                return null;
            }
            Instance inst = linker.instantiate(compiled);
            current = inst;
            if (m.id() != null) {
                instances.put(m.id(), inst);
                // As in wasmtime's wast runner: a named instance's exports are importable by its name.
                linker.define(m.id(), inst);
            }
            return null;
        }
        if (c instanceof WastCommand.InstanceCommand i) {
            // (module instance) without a name instantiates the last module definition.
            CompiledModule compiled = i.moduleId() == null ? lastDefinition : definitions.get(i.moduleId());
            if (compiled == null) {
                return "unknown module " + i.moduleId();
            }
            Instance inst = linker.instantiate(compiled);
            current = inst;
            if (i.instanceId() != null) {
                instances.put(i.instanceId(), inst);
            }
            return null;
        }
        if (c instanceof WastCommand.Register r) {
            Instance inst = r.moduleId() == null ? current : instances.get(r.moduleId());
            if (inst == null) {
                return "unknown module " + r.moduleId();
            }
            linker.define(r.name(), inst);
            return null;
        }
        if (c instanceof WastCommand.ActionCommand a) {
            perform(a.action());
            return null;
        }
        if (c instanceof WastCommand.AssertReturn a) {
            Object[] results = perform(a.action());
            return compare(a.expected(), results);
        }
        if (c instanceof WastCommand.AssertTrap a) {
            // For wasmtime a stack overflow is a trap like any other ("call stack exhausted").
            String message = a.message();
            return expectFailure(() -> perform(a.action()), message.startsWith("call stack exhausted")
                    ? StackExhaustion.class : Trap.class, message);
        }
        if (c instanceof WastCommand.AssertException a) {
            try {
                perform(a.action());
            } catch (dev.jwt.run.ThrownException e) {
                return null;
            }
            return "expected an uncaught exception, but the call returned";
        }
        if (c instanceof WastCommand.AssertExhaustion a) {
            return expectFailure(() -> perform(a.action()), StackExhaustion.class, a.message());
        }
        if (c instanceof WastCommand.AssertUninstantiable a) {
            return expectFailure(() -> linker.instantiate(compile(a.module())), Trap.class, a.message());
        }
        if (c instanceof WastCommand.AssertUnlinkable a) {
            // wasmtime's scripts also expect instantiation traps (a data segment out of bounds) here:
            // the message tells the two apart.
            String message = a.message();
            return expectFailure(() -> linker.instantiate(compile(a.module())),
                    message.contains("out of bounds") ? Trap.class : LinkException.class, message);
        }
        if (c instanceof WastCommand.AssertMalformed a) {
            if (a.module() instanceof ModuleSource.Text) {
                return null; // malformed text is checked by the text parser's own tests
            }
            try {
                module(a.module());
            } catch (WasmException e) {
                return e.kind() == WasmException.Kind.MALFORMED ? null : "expected malformed, got " + describe(e);
            }
            return "expected malformed (" + a.message() + "), but the module parsed";
        }
        if (c instanceof WastCommand.AssertInvalid a) {
            try {
                module(a.module());
            } catch (WasmException e) {
                return e.kind() == WasmException.Kind.INVALID ? null : "expected invalid, got " + describe(e);
            }
            return "expected invalid (" + a.message() + "), but the module validated";
        }
        if (c instanceof WastCommand.Thread t) {
            WastRunner runner = new WastRunner(fileName, spectestOut, features);
            for (String shared : t.sharedModules()) {
                Instance inst = instances.get(shared);
                if (inst == null) {
                    return "unknown module " + shared;
                }
                runner.instances.put(shared, inst);
            }
            threads.put(t.id(), ScriptThread.start(t, runner));
            return null;
        }
        if (c instanceof WastCommand.Wait w) {
            ScriptThread t = threads.remove(w.threadId());
            if (t == null) {
                return "unknown thread " + w.threadId();
            }
            List<Outcome> inner = t.join();
            outcomes.addAll(inner);
            return t.finished() ? null : "thread " + w.threadId() + " did not finish";
        }
        return c.getClass().getSimpleName() + " is not supported by the runner yet";
    }

    private interface Body {
        void run();
    }

    private static String expectFailure(Body body, Class<? extends WasmException> kind, String message) {
        try {
            body.run();
        } catch (WasmException e) {
            if (!kind.isInstance(e)) {
                return "expected " + kind.getSimpleName() + " (" + message + "), got " + describe(e);
            }
            String actual = e.bareMessage();
            if (e instanceof LinkException l) {
                // wasmtime's wording: the import's name, then the cause.
                actual += " for `" + l.place() + "`" + (l.detail() != null ? ": " + l.detail() : "");
            }
            if (!messageMatches(message, actual)) {
                return "expected \"" + message + "\", got \"" + actual + "\"";
            }
            return null;
        }
        return "expected " + kind.getSimpleName() + " (" + message + "), but it succeeded";
    }

    /**
     * Whether a failure's message is the expected one: either starts with the other (the spec
     * interpreter's rule; the spec's "uninitialized element 2" names an index our messages leave
     * out), or it contains the expected text (wasmtime's rule for its scripts, whose messages are
     * fragments of longer ones: "divide by zero", "call type mismatch").
     */
    private static boolean messageMatches(String expected, String actual) {
        return actual.startsWith(expected) || expected.startsWith(actual) || actual.contains(expected);
    }

    private Instance instance(String id) {
        Instance inst = id == null ? current : instances.get(id);
        if (inst == null) {
            throw new IllegalStateException("unknown module " + (id == null ? "(none)" : id));
        }
        return inst;
    }

    private Object[] perform(WastCommand.Action action) {
        Instance inst = instance(action.moduleId());
        if (action instanceof WastCommand.Get g) {
            Global global = inst.global(g.name());
            if (global == null) {
                throw new IllegalStateException("no exported global " + g.name());
            }
            return new Object[] {global.get()};
        }
        WastCommand.Invoke invoke = (WastCommand.Invoke) action;
        WasmFunction f = inst.function(invoke.name());
        if (f == null) {
            throw new IllegalStateException("no exported function " + invoke.name());
        }
        Object[] args = new Object[invoke.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = argument(invoke.args().get(i));
        }
        return f.call(args);
    }

    private static Object argument(WastValue v) {
        if (v instanceof WastValue.I32 i) {
            return i.value();
        }
        if (v instanceof WastValue.I64 l) {
            return l.value();
        }
        if (v instanceof WastValue.F32 f) {
            return Float.intBitsToFloat(f.bits());
        }
        if (v instanceof WastValue.F64 d) {
            return Double.longBitsToDouble(d.bits());
        }
        if (v instanceof WastValue.V128 x) {
            return new V128(x.low(), x.high());
        }
        if (v instanceof WastValue.RefNull) {
            return null;
        }
        if (v instanceof WastValue.RefExtern e && e.value() != null) {
            return new HostRef(e.value());
        }
        if (v instanceof WastValue.RefHost h) {
            return new HostRef(h.value());
        }
        throw new UnsupportedOperationException("argument " + v + " is not supported yet");
    }

    private static String compare(List<WastValue> expected, Object[] actual) {
        if (expected.size() != actual.length) {
            return "expected " + expected.size() + " results, got " + actual.length;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!matches(expected.get(i), actual[i])) {
                return "result " + i + ": expected " + expected.get(i) + ", got " + show(actual[i]);
            }
        }
        return null;
    }

    private static String show(Object v) {
        if (v instanceof Float f) {
            return f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        }
        if (v instanceof Double d) {
            return d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        }
        return String.valueOf(v);
    }

    private static boolean matches(WastValue e, Object a) {
        if (e instanceof WastValue.I32 i) {
            return a instanceof Integer x && x == i.value();
        }
        if (e instanceof WastValue.I64 l) {
            return a instanceof Long x && x == l.value();
        }
        if (e instanceof WastValue.F32 f) {
            return a instanceof Float x && Float.floatToRawIntBits(x) == f.bits();
        }
        if (e instanceof WastValue.F64 d) {
            return a instanceof Double x && Double.doubleToRawLongBits(x) == d.bits();
        }
        if (e instanceof WastValue.V128 x) {
            return a instanceof V128 v && v.low == x.low() && v.high == x.high();
        }
        if (e instanceof WastValue.V128Lanes x) {
            // Only float shapes carry NaN patterns: compare lane by lane as f32 or f64 values.
            if (!(a instanceof V128 v)) {
                return false;
            }
            boolean f64 = x.shape().equals("f64x2");
            for (int i = 0; i < x.lanes().size(); i++) {
                Object lane = f64 ? (Object) v.f64(i) : (Object) v.f32(i);
                if (!matches(x.lanes().get(i), lane)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof WastValue.NanPattern n) {
            if (n.f64()) {
                if (!(a instanceof Double x) || !x.isNaN()) {
                    return false;
                }
                long bits = Double.doubleToRawLongBits(x) & 0x7FFFFFFFFFFFFFFFL;
                return n.canonical() ? bits == 0x7FF8000000000000L : (bits & 0x0008000000000000L) != 0;
            }
            if (!(a instanceof Float x) || !x.isNaN()) {
                return false;
            }
            int bits = Float.floatToRawIntBits(x) & 0x7FFFFFFF;
            return n.canonical() ? bits == 0x7FC00000 : (bits & 0x00400000) != 0;
        }
        if (e instanceof WastValue.RefNull) {
            return a == null;
        }
        if (e instanceof WastValue.RefExtern x) {
            return x.value() == null ? a != null : a instanceof HostRef h && h.value() == x.value();
        }
        if (e instanceof WastValue.RefHost x) {
            return a instanceof HostRef h && h.value() == x.value();
        }
        if (e instanceof WastValue.RefKind k) {
            return switch (k.kind()) {
                case "func" -> a instanceof WasmFunction;
                case "extern", "any" -> a != null;
                case "eq" -> a instanceof dev.jwt.run.gc.GcObject || a instanceof dev.jwt.run.gc.I31;
                case "struct" -> a instanceof dev.jwt.run.gc.GcStruct;
                case "array" -> a instanceof dev.jwt.run.gc.GcArray;
                case "i31" -> a instanceof dev.jwt.run.gc.I31;
                case "exn" -> a instanceof dev.jwt.run.ThrownException;
                default -> false;
            };
        }
        if (e instanceof WastValue.Either either) {
            for (WastValue alt : either.alternatives()) {
                if (matches(alt, a)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }
}
