package dev.jwt.run;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.module.Module;
import dev.jwt.run.compile.ModuleCompiler;

/**
 * The entry point of the runtime: compiles modules to JVM classes (DESIGN decision 5) under a
 * configuration. Instantiate them with a {@link Linker}.
 *
 * <pre>{@code
 * Engine engine = new Engine();
 * CompiledModule m = engine.compile(bytes);
 * Instance i = new Linker().define("env", "log", type, args -> null).instantiate(m);
 * Object[] r = i.call("add", 1, 2);
 * }</pre>
 */
public final class Engine {
    private final long maxMemoryPages;
    /** Fuel per instance (units: function entries and loop iterations), or -1 for unlimited. */
    private final long fuel;
    /** Run time per instance from its instantiation, in nanoseconds, or -1 for unlimited. */
    private final long timeoutNanos;

    public Engine() {
        this(Memory.MAX_PAGES);
    }

    /** An engine whose memories never grow beyond {@code maxMemoryPages} 64 KiB pages. */
    public Engine(long maxMemoryPages) {
        this(maxMemoryPages, -1, -1);
    }

    private Engine(long maxMemoryPages, long fuel, long timeoutNanos) {
        this.maxMemoryPages = maxMemoryPages;
        this.fuel = fuel;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * This engine with every instance limited to {@code units} of fuel: each function call and
     * each loop iteration costs one, and the guest traps ("all fuel consumed by WebAssembly")
     * when none is left. Code compiled for a metered engine checks its fuel at function entries
     * and loop back-edges; an unmetered engine's code does not.
     */
    public Engine withFuel(long units) {
        return new Engine(maxMemoryPages, Math.max(0, units), timeoutNanos);
    }

    /** This engine with every instance trapping ("interrupt") once it has run {@code timeout} since instantiation. */
    public Engine withTimeout(java.time.Duration timeout) {
        return new Engine(maxMemoryPages, fuel, Math.max(0, timeout.toNanos()));
    }

    public long fuel() {
        return fuel;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    /** Whether compiled code checks fuel or time. */
    public boolean metered() {
        return fuel >= 0 || timeoutNanos >= 0;
    }

    public long maxMemoryPages() {
        return maxMemoryPages;
    }

    /** Decodes and compiles a binary module, which must be valid. */
    public CompiledModule compile(byte[] binary) {
        return compile(ModuleDecoder.decode(binary));
    }

    /** Compiles a decoded module, which must be valid. */
    public CompiledModule compile(Module module) {
        return new CompiledModule(this, module, ModuleCompiler.compile(module, metered()));
    }

    /**
     * How a failure inside wasm code reaches Java callers: wasm exceptions unchanged, a JVM stack
     * overflow as stack exhaustion, an array index out of bounds (the memory bounds check of
     * compiled code) as the memory trap.
     */
    public static RuntimeException translate(Throwable t) {
        if (t instanceof WasmException w) {
            return w;
        }
        if (t instanceof StackOverflowError) {
            return new StackExhaustion();
        }
        if (t instanceof IndexOutOfBoundsException) {
            return new Trap(Trap.MEMORY_OUT_OF_BOUNDS, t);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RuntimeException(t);
    }
}
