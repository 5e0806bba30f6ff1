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

    public Engine() {
        this(Memory.MAX_PAGES);
    }

    /** An engine whose memories never grow beyond {@code maxMemoryPages} 64 KiB pages. */
    public Engine(long maxMemoryPages) {
        this.maxMemoryPages = maxMemoryPages;
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
        return new CompiledModule(this, module, ModuleCompiler.compile(module));
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
