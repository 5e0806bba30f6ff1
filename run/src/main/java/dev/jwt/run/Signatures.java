package dev.jwt.run;

import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How wasm types look on the JVM, in one place: i32 is {@code int}, i64 {@code long}, f32
 * {@code float}, f64 {@code double}, v128 {@link V128}, references {@code Object}. A function with no result returns
 * {@code void}, with one result that value, with several an {@code Object[]} of boxed values.
 *
 * <p>It also gives every function type a canonical id, shared JVM-wide, so call_indirect checks a
 * signature with one int compare.
 */
public final class Signatures {
    private Signatures() {}

    private static final Map<FuncType, Integer> IDS = new ConcurrentHashMap<>();

    public static Class<?> javaClass(ValType t) {
        if (t instanceof NumType n) {
            return switch (n) {
                case I32 -> int.class;
                case I64 -> long.class;
                case F32 -> float.class;
                case F64 -> double.class;
            };
        }
        if (t instanceof RefType) {
            return Object.class;
        }
        if (t instanceof VecType) {
            return V128.class;
        }
        throw new IllegalArgumentException(String.valueOf(t));
    }

    public static Class<?> returnClass(List<ValType> results) {
        return switch (results.size()) {
            case 0 -> void.class;
            case 1 -> javaClass(results.get(0));
            default -> Object[].class;
        };
    }

    /** The JVM method type of a function of wasm type {@code type}. */
    public static MethodType methodType(FuncType type) {
        Class<?>[] params = new Class<?>[type.params().size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = javaClass(type.params().get(i));
        }
        return MethodType.methodType(returnClass(type.results()), params);
    }

    private static final java.util.concurrent.atomic.AtomicInteger UNRESOLVED = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The canonical id of a function type defined on its own (a rec group of one, as a module's
     * plain {@code (type (func ...))}): the id validation's type canonicalisation gives it, shared
     * JVM-wide, so that a host function and a module's function of equal types have equal ids. A
     * type that refers to other types by index has no meaning outside its module: it gets an id
     * of its own (negative).
     */
    public static int typeId(FuncType type) {
        return IDS.computeIfAbsent(type, t -> {
            try {
                return dev.jwt.validate.types.TypeSpace.build(List.of(new dev.jwt.binary.types.RecGroup(false,
                                List.of(new dev.jwt.binary.types.SubType(true, List.of(), t)))),
                        dev.jwt.binary.FeatureSet.all(), 0).canonicalId(0);
            } catch (RuntimeException e) {
                return -UNRESOLVED.incrementAndGet();
            }
        });
    }
}
