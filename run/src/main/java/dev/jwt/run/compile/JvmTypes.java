package dev.jwt.run.compile;

import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.util.List;
import org.objectweb.asm.Type;

/** ASM's view of {@link dev.jwt.run.Signatures}: wasm value types as JVM types and descriptors. */
final class JvmTypes {
    private JvmTypes() {}

    static final Type OBJECT = Type.getType(Object.class);
    static final Type OBJECT_ARRAY = Type.getType(Object[].class);
    static final Type V128 = Type.getObjectType(SimdCompiler.V128);

    static Type of(ValType t) {
        if (t instanceof NumType n) {
            return switch (n) {
                case I32 -> Type.INT_TYPE;
                case I64 -> Type.LONG_TYPE;
                case F32 -> Type.FLOAT_TYPE;
                case F64 -> Type.DOUBLE_TYPE;
            };
        }
        if (t instanceof RefType) {
            return OBJECT;
        }
        if (t instanceof VecType) {
            return V128;
        }
        throw new IllegalArgumentException(String.valueOf(t));
    }

    static Type[] of(List<ValType> types) {
        Type[] r = new Type[types.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = of(types.get(i));
        }
        return r;
    }

    static Type returnType(List<ValType> results) {
        return switch (results.size()) {
            case 0 -> Type.VOID_TYPE;
            case 1 -> of(results.get(0));
            default -> OBJECT_ARRAY;
        };
    }

    /** The descriptor of a compiled function: its parameters, then the instance. */
    static String functionDescriptor(FuncType type, String instanceClass) {
        StringBuilder sb = new StringBuilder("(");
        for (ValType p : type.params()) {
            sb.append(of(p).getDescriptor());
        }
        sb.append('L').append(instanceClass).append(';').append(')');
        sb.append(returnType(type.results()).getDescriptor());
        return sb.toString();
    }

    /** The descriptor of a handle invocation: the parameters alone. */
    static String handleDescriptor(FuncType type) {
        StringBuilder sb = new StringBuilder("(");
        for (ValType p : type.params()) {
            sb.append(of(p).getDescriptor());
        }
        sb.append(')').append(returnType(type.results()).getDescriptor());
        return sb.toString();
    }

    /** After a value of type {@code t} was read as an Object: the cast the verifier needs (none for references). */
    static void castFromObject(org.objectweb.asm.MethodVisitor mv, Type t) {
        if (t.equals(V128)) {
            mv.visitTypeInsn(org.objectweb.asm.Opcodes.CHECKCAST, SimdCompiler.V128);
        }
    }

    /** The Numerics unboxing method for a multi-value element, or null for references. */
    static String unboxMethod(Type t) {
        return switch (t.getSort()) {
            case Type.INT -> "unboxI32";
            case Type.LONG -> "unboxI64";
            case Type.FLOAT -> "unboxF32";
            case Type.DOUBLE -> "unboxF64";
            default -> null;
        };
    }

    /** The static valueOf that boxes {@code t}, as {owner, descriptor}, or null for references. */
    static String[] boxMethod(Type t) {
        return switch (t.getSort()) {
            case Type.INT -> new String[] {"java/lang/Integer", "(I)Ljava/lang/Integer;"};
            case Type.LONG -> new String[] {"java/lang/Long", "(J)Ljava/lang/Long;"};
            case Type.FLOAT -> new String[] {"java/lang/Float", "(F)Ljava/lang/Float;"};
            case Type.DOUBLE -> new String[] {"java/lang/Double", "(D)Ljava/lang/Double;"};
            default -> null;
        };
    }
}
