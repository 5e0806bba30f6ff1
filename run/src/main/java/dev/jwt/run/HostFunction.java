package dev.jwt.run;

/**
 * A function written in Java that wasm can import. Arguments arrive boxed (Integer, Long, Float,
 * Double, or a reference); results are returned the same way, one array element per result
 * ({@code null} or an empty array for none). For hot paths, give the linker an exactly typed
 * {@link java.lang.invoke.MethodHandle} through {@link WasmFunction#of} instead.
 */
@FunctionalInterface
public interface HostFunction {
    Object[] call(Object... args);
}
