package dev.jwt.run;

import dev.jwt.binary.types.FuncType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * A function value: what a funcref holds, what an instance exports and imports. Its
 * {@link #handle()} has exactly the JVM type {@link Signatures#methodType} gives its wasm type, so
 * compiled code calls it with {@code invokeExact}.
 */
public final class WasmFunction {
    private final FuncType type;
    private final int typeId;
    private final MethodHandle handle;
    private final MethodHandle tailHandle;

    private WasmFunction(FuncType type, MethodHandle handle, MethodHandle tailHandle) {
        this(type, Signatures.typeId(type), handle, tailHandle);
    }

    private WasmFunction(FuncType type, int typeId, MethodHandle handle, MethodHandle tailHandle) {
        this.type = type;
        this.typeId = typeId;
        this.handle = handle;
        this.tailHandle = tailHandle;
    }

    private WasmFunction(FuncType type, MethodHandle handle) {
        this(type, handle, handle);
    }

    /**
     * A function that makes tail calls: {@code handle} calls it, {@code tailHandle} runs its body
     * only, leaving a tail call it makes pending (see {@link TailCall}); both of the JVM type
     * {@link Signatures#methodType} gives {@code type}.
     */
    static WasmFunction tailCalling(FuncType type, int typeId, MethodHandle handle, MethodHandle tailHandle) {
        of(type, handle);
        return new WasmFunction(type, typeId, handle, tailHandle);
    }

    /** A module's function, whose type has canonical id {@code typeId} in the module's types. */
    static WasmFunction defined(FuncType type, int typeId, MethodHandle handle) {
        of(type, handle);
        return new WasmFunction(type, typeId, handle, handle);
    }

    /** A function of wasm type {@code type} implemented by a handle of the matching JVM type. */
    public static WasmFunction of(FuncType type, MethodHandle handle) {
        MethodType expected = Signatures.methodType(type);
        if (!handle.type().equals(expected)) {
            throw new IllegalArgumentException("handle type " + handle.type() + " does not match " + expected);
        }
        return new WasmFunction(type, handle);
    }

    /** A function of wasm type {@code type} implemented by a boxed-values Java function. */
    public static WasmFunction host(FuncType type, HostFunction function) {
        MethodType expected = Signatures.methodType(type);
        MethodHandle h = HOST_CALL.bindTo(function).asCollector(Object[].class, expected.parameterCount());
        int results = type.results().size();
        if (results == 0) {
            h = MethodHandles.filterReturnValue(h, MethodHandles.empty(MethodType.methodType(void.class, Object[].class)));
        } else if (results == 1) {
            h = MethodHandles.filterReturnValue(h, FIRST);
        }
        return new WasmFunction(type, h.asType(expected));
    }

    private static final MethodHandle HOST_CALL;
    private static final MethodHandle FIRST;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HOST_CALL = lookup.findVirtual(HostFunction.class, "call", MethodType.methodType(Object[].class, Object[].class));
            FIRST = lookup.findStatic(WasmFunction.class, "first", MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Object first(Object[] results) {
        return results[0];
    }

    public FuncType type() {
        return type;
    }

    /** The canonical id of {@link #type()} (see {@link Signatures#typeId}). */
    public int typeId() {
        return typeId;
    }

    public MethodHandle handle() {
        return handle;
    }

    /** What the trampoline of {@link TailCall} calls: the body alone of a function that makes tail calls. */
    MethodHandle tailHandle() {
        return tailHandle;
    }

    /**
     * Calls the function with boxed arguments (Integer, Long, Float, Double, references) and
     * returns its results boxed, one element each. Traps come out as {@link Trap}, stack
     * exhaustion as {@link StackExhaustion}.
     */
    public Object[] call(Object... args) {
        List<?> params = type.params();
        if (args.length != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " arguments, got " + args.length);
        }
        Object result;
        try {
            result = handle.invokeWithArguments(args);
        } catch (Throwable t) {
            throw Engine.translate(t);
        }
        return switch (type.results().size()) {
            case 0 -> new Object[0];
            case 1 -> new Object[] {result};
            default -> (Object[]) result;
        };
    }
}
