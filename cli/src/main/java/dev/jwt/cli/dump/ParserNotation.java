package dev.jwt.cli.dump;

import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.util.List;
import java.util.function.Function;

/**
 * Values written the way wasm-tools' dump shows them: the notation of its parser's data types
 * ({@code I32}, {@code Ref(funcref)}, {@code Abstract { shared: false, ty: Func }},
 * {@code Some(1)}, strings in double quotes with escapes). The dump's output is compared with
 * wasm-tools' byte for byte, so this notation is a fact to reproduce, not a style to choose.
 */
final class ParserNotation {
    private ParserNotation() {}

    /** A string in double quotes, escaped. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case 0 -> b.append("\\0");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                        b.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    static <T> String list(List<T> items, Function<T, String> show) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(show.apply(items.get(i)));
        }
        return b.append(']').toString();
    }

    static String option(Object value) {
        return value == null ? "None" : "Some(" + value + ")";
    }

    static String valType(ValType t) {
        if (t instanceof NumType n) {
            return switch (n) {
                case I32 -> "I32";
                case I64 -> "I64";
                case F32 -> "F32";
                case F64 -> "F64";
            };
        }
        if (t instanceof VecType) {
            return "V128";
        }
        return "Ref(" + refType((RefType) t) + ")";
    }

    /** A reference type in its short text form: {@code funcref}, {@code (ref func)}, {@code (ref null (module 2))}. */
    static String refType(RefType t) {
        HeapType h = t.heapType();
        if (h instanceof ConcreteHeapType c) {
            String index = "(module " + c.typeIndex() + ")";
            return (t.nullable() ? "(ref null " : "(ref ") + (c.exact() ? "(exact " + index + ")" : index) + ")";
        }
        if (h instanceof SharedAbsHeapType s) {
            return (t.nullable() ? "(ref null (shared " : "(ref (shared ") + s.type().text() + "))";
        }
        AbsHeapType a = (AbsHeapType) h;
        if (!t.nullable()) {
            return "(ref " + a.text() + ")";
        }
        return switch (a) {
            case NONE -> "nullref";
            case NOEXTERN -> "nullexternref";
            case NOFUNC -> "nullfuncref";
            case NOEXN -> "nullexnref";
            case NOCONT -> "nullcontref";
            default -> a.text() + "ref";
        };
    }

    /** A heap type as a structure: {@code Abstract { shared: false, ty: Func }} or {@code Concrete(Module(3))}. */
    static String heapType(HeapType h) {
        if (h instanceof ConcreteHeapType c) {
            return (c.exact() ? "Exact" : "Concrete") + "(Module(" + c.typeIndex() + "))";
        }
        if (h instanceof SharedAbsHeapType s) {
            return "Abstract { shared: true, ty: " + abstractName(s.type()) + " }";
        }
        return "Abstract { shared: false, ty: " + abstractName((AbsHeapType) h) + " }";
    }

    private static String abstractName(AbsHeapType a) {
        return switch (a) {
            case FUNC -> "Func";
            case EXTERN -> "Extern";
            case ANY -> "Any";
            case NONE -> "None";
            case NOEXTERN -> "NoExtern";
            case NOFUNC -> "NoFunc";
            case EQ -> "Eq";
            case STRUCT -> "Struct";
            case ARRAY -> "Array";
            case I31 -> "I31";
            case EXN -> "Exn";
            case NOEXN -> "NoExn";
            case CONT -> "Cont";
            case NOCONT -> "NoCont";
        };
    }

    static String blockType(BlockType t) {
        if (t instanceof BlockType.Empty) {
            return "Empty";
        }
        if (t instanceof BlockType.Value v) {
            return "Type(" + valType(v.type()) + ")";
        }
        return "FuncType(" + ((BlockType.Indexed) t).typeIndex() + ")";
    }

    static String storageType(StorageType t) {
        if (t instanceof PackedType p) {
            return p == PackedType.I8 ? "I8" : "I16";
        }
        return "Val(" + valType((ValType) t) + ")";
    }

    static String fieldType(FieldType f) {
        return "FieldType { element_type: " + storageType(f.storage()) + ", mutable: " + f.mutable() + " }";
    }

    /** A type index inside a module, as the parser packs it. */
    static String typeIndex(int index) {
        return "CoreTypeIndex { kind: \"module\", index: " + index + " }";
    }

    /** The names of set bits, in the order of {@code names} (bit i), or the hex value when none is set. */
    static String flags(String type, long value, String[] names, long[] bits) {
        StringBuilder b = new StringBuilder();
        long rest = value;
        for (int i = 0; i < names.length; i++) {
            if ((value & bits[i]) == bits[i] && bits[i] != 0) {
                if (b.length() > 0) {
                    b.append(" | ");
                }
                b.append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append("0x").append(Long.toHexString(rest));
        }
        if (b.length() == 0) {
            b.append("0x0");
        }
        return type + "(" + b + ")";
    }
}
