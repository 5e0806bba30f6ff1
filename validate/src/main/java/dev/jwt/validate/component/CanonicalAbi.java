package dev.jwt.validate.component;

import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * The static half of the Canonical ABI (CanonicalABI.md): element sizes and alignments, and the
 * flattening of component types to core value types that {@code canon lift} and {@code canon lower}
 * check core signatures against. One place for these facts; the runtime uses the same.
 */
public final class CanonicalAbi {
    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_ASYNC_PARAMS = 4;
    public static final int MAX_FLAT_RESULTS = 1;
    /** Validation bound on {@code elem_size(t, 'i64')} (Binary.md). */
    public static final long MAX_TYPE_SIZE = 1L << 28;

    private CanonicalAbi() {
    }

    /** {@code alignment(t)} with pointers of {@code ptrSize} bytes. */
    public static int alignment(ValueType t, int ptrSize) {
        if (t instanceof ValueType.Primitive p) {
            return switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR, ERROR_CONTEXT -> 4;
                case S64, U64, F64 -> 8;
                case STRING -> ptrSize;
            };
        }
        if (t instanceof ValueType.ListType l) {
            return l.length() >= 0 ? alignment(l.element(), ptrSize) : ptrSize;
        }
        if (t instanceof ValueType.MapType) {
            return ptrSize;
        }
        if (t instanceof ValueType.Record r) {
            int a = 1;
            for (ValueType.Field f : r.fields()) {
                a = Math.max(a, alignment(f.type(), ptrSize));
            }
            return a;
        }
        if (t instanceof ValueType.Tuple tu) {
            int a = 1;
            for (ValueType e : tu.types()) {
                a = Math.max(a, alignment(e, ptrSize));
            }
            return a;
        }
        if (t instanceof ValueType.Flags f) {
            int n = f.names().size();
            return n <= 8 ? 1 : n <= 16 ? 2 : 4;
        }
        List<ValueType> cases = cases(t);
        if (cases != null) {
            int a = discriminantSize(cases.size());
            for (ValueType c : cases) {
                if (c != null) {
                    a = Math.max(a, alignment(c, ptrSize));
                }
            }
            return a;
        }
        return 4; // own, borrow, stream, future
    }

    /** {@code elem_size(t)} with pointers of {@code ptrSize} bytes (saturating far above the limit). */
    public static long size(ValueType t, int ptrSize) {
        if (t instanceof ValueType.Primitive p) {
            return switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR, ERROR_CONTEXT -> 4;
                case S64, U64, F64 -> 8;
                case STRING -> 2L * ptrSize;
            };
        }
        if (t instanceof ValueType.ListType l) {
            if (l.length() < 0) {
                return 2L * ptrSize;
            }
            return saturate(size(l.element(), ptrSize) * l.length());
        }
        if (t instanceof ValueType.MapType) {
            return 2L * ptrSize;
        }
        if (t instanceof ValueType.Record r) {
            return recordSize(r.fields().stream().map(ValueType.Field::type).toList(), ptrSize);
        }
        if (t instanceof ValueType.Tuple tu) {
            return recordSize(tu.types(), ptrSize);
        }
        if (t instanceof ValueType.Flags f) {
            int n = f.names().size();
            return n <= 8 ? 1 : n <= 16 ? 2 : 4L * ((n + 31) / 32);
        }
        List<ValueType> cases = cases(t);
        if (cases != null) {
            long s = discriminantSize(cases.size());
            int maxAlign = 1;
            long maxSize = 0;
            for (ValueType c : cases) {
                if (c != null) {
                    maxAlign = Math.max(maxAlign, alignment(c, ptrSize));
                    maxSize = Math.max(maxSize, size(c, ptrSize));
                }
            }
            s = alignTo(s, maxAlign);
            s = saturate(s + maxSize);
            return alignTo(s, alignment(t, ptrSize));
        }
        return 4;
    }

    private static long recordSize(List<ValueType> fields, int ptrSize) {
        long s = 0;
        int a = 1;
        for (ValueType f : fields) {
            int fa = alignment(f, ptrSize);
            s = alignTo(s, fa);
            s = saturate(s + size(f, ptrSize));
            a = Math.max(a, fa);
        }
        return alignTo(s, a);
    }

    private static long saturate(long v) {
        return v < 0 || v > (1L << 40) ? 1L << 40 : v;
    }

    private static long alignTo(long v, int a) {
        return (v + a - 1) / a * a;
    }

    private static int discriminantSize(int n) {
        return n <= 256 ? 1 : n <= 65536 ? 2 : 4;
    }

    /** The payload types of a variant-like type (null entries for no payload), or null otherwise. */
    static List<ValueType> cases(ValueType t) {
        if (t instanceof ValueType.Variant v) {
            return v.cases().stream().map(ValueType.Case::type).toList();
        }
        if (t instanceof ValueType.Enum e) {
            List<ValueType> l = new ArrayList<>();
            for (int i = 0; i < e.names().size(); i++) {
                l.add(null);
            }
            return l;
        }
        if (t instanceof ValueType.Option o) {
            List<ValueType> l = new ArrayList<>();
            l.add(null);
            l.add(o.type());
            return l;
        }
        if (t instanceof ValueType.Result r) {
            List<ValueType> l = new ArrayList<>();
            l.add(r.ok());
            l.add(r.err());
            return l;
        }
        return null;
    }

    // ---------------------------------------------------------------- flattening

    /** {@code flatten_type(t)} with {@code ptr} the address type of the memory in use. */
    public static void flatten(ValueType t, NumType ptr, List<NumType> out) {
        if (t instanceof ValueType.Primitive p) {
            switch (p) {
                case S64, U64 -> out.add(NumType.I64);
                case F32 -> out.add(NumType.F32);
                case F64 -> out.add(NumType.F64);
                case STRING -> {
                    out.add(ptr);
                    out.add(ptr);
                }
                default -> out.add(NumType.I32);
            }
            return;
        }
        if (t instanceof ValueType.ListType l) {
            if (l.length() < 0) {
                out.add(ptr);
                out.add(ptr);
            } else {
                List<NumType> one = new ArrayList<>();
                flatten(l.element(), ptr, one);
                for (long i = 0; i < l.length() && out.size() <= 4 * MAX_FLAT_PARAMS; i++) {
                    out.addAll(one);
                }
            }
            return;
        }
        if (t instanceof ValueType.MapType) {
            out.add(ptr);
            out.add(ptr);
            return;
        }
        if (t instanceof ValueType.Record r) {
            for (ValueType.Field f : r.fields()) {
                flatten(f.type(), ptr, out);
            }
            return;
        }
        if (t instanceof ValueType.Tuple tu) {
            for (ValueType e : tu.types()) {
                flatten(e, ptr, out);
            }
            return;
        }
        if (t instanceof ValueType.Flags f) {
            // One i32 per 32 flags (a single one within the 32-flag limit).
            for (int i = 0; i < Math.max(1, (f.names().size() + 31) / 32); i++) {
                out.add(NumType.I32);
            }
            return;
        }
        List<ValueType> cases = cases(t);
        if (cases != null) {
            List<NumType> flat = new ArrayList<>();
            for (ValueType c : cases) {
                if (c == null) {
                    continue;
                }
                List<NumType> cf = new ArrayList<>();
                flatten(c, ptr, cf);
                for (int i = 0; i < cf.size(); i++) {
                    if (i < flat.size()) {
                        flat.set(i, join(flat.get(i), cf.get(i)));
                    } else {
                        flat.add(cf.get(i));
                    }
                }
            }
            out.add(NumType.I32);
            out.addAll(flat);
            return;
        }
        out.add(NumType.I32); // own, borrow, stream, future
    }

    private static NumType join(NumType a, NumType b) {
        if (a == b) {
            return a;
        }
        if (a == NumType.I32 && b == NumType.F32 || a == NumType.F32 && b == NumType.I32) {
            return NumType.I32;
        }
        return NumType.I64;
    }

    public static List<NumType> flattenAll(List<ValueType> ts, NumType ptr) {
        List<NumType> out = new ArrayList<>();
        for (ValueType t : ts) {
            flatten(t, ptr, out);
        }
        return out;
    }

    /** A core signature as lists of numeric types. */
    public record CoreSignature(List<NumType> params, List<NumType> results) {
        public static CoreSignature of(List<ValType> params, List<ValType> results) {
            return new CoreSignature(nums(params), nums(results));
        }

        private static List<NumType> nums(List<ValType> ts) {
            List<NumType> l = new ArrayList<>();
            for (ValType t : ts) {
                l.add(t instanceof NumType n ? n : null);
            }
            return l;
        }
    }

    /** {@code flatten_functype(opts, ft, context)}; {@code lift} selects the context. */
    public static CoreSignature flattenFuncType(ComponentFuncType ft, boolean async, boolean callback, boolean lift,
            NumType ptr) {
        List<NumType> params = flattenAll(ft.paramTypes(), ptr);
        List<NumType> results = flattenAll(ft.resultTypes(), ptr);
        if (!async) {
            if (params.size() > MAX_FLAT_PARAMS) {
                params = new ArrayList<>(List.of(ptr));
            }
            if (results.size() > MAX_FLAT_RESULTS) {
                if (lift) {
                    results = List.of(ptr);
                } else {
                    params = new ArrayList<>(params);
                    params.add(ptr);
                    results = List.of();
                }
            }
            return new CoreSignature(params, results);
        }
        if (lift) {
            if (params.size() > MAX_FLAT_PARAMS) {
                params = List.of(ptr);
            }
            results = callback ? List.of(NumType.I32) : List.of();
        } else {
            if (params.size() > MAX_FLAT_ASYNC_PARAMS) {
                params = new ArrayList<>(List.of(ptr));
            }
            if (!results.isEmpty()) {
                params = new ArrayList<>(params);
                params.add(ptr);
            }
            results = List.of(NumType.I32);
        }
        return new CoreSignature(params, results);
    }

    /** Whether values of {@code t} live partly in linear memory (a string or list somewhere). */
    public static boolean needsMemory(ValueType t) {
        if (t instanceof ValueType.Primitive p) {
            return p == ValueType.Primitive.STRING;
        }
        if (t instanceof ValueType.ListType l) {
            return l.length() < 0 || needsMemory(l.element());
        }
        if (t instanceof ValueType.MapType) {
            return true;
        }
        if (t instanceof ValueType.Record r) {
            return r.fields().stream().anyMatch(f -> needsMemory(f.type()));
        }
        if (t instanceof ValueType.Tuple tu) {
            return tu.types().stream().anyMatch(CanonicalAbi::needsMemory);
        }
        List<ValueType> cases = cases(t);
        if (cases != null) {
            return cases.stream().anyMatch(c -> c != null && needsMemory(c));
        }
        return false;
    }

    /** Whether {@code t} transitively contains a {@code borrow} handle. */
    public static boolean containsBorrow(ValueType t) {
        if (t instanceof ValueType.Borrow) {
            return true;
        }
        if (t instanceof ValueType.ListType l) {
            return containsBorrow(l.element());
        }
        if (t instanceof ValueType.MapType m) {
            return containsBorrow(m.key()) || containsBorrow(m.value());
        }
        if (t instanceof ValueType.Record r) {
            return r.fields().stream().anyMatch(f -> containsBorrow(f.type()));
        }
        if (t instanceof ValueType.Tuple tu) {
            return tu.types().stream().anyMatch(CanonicalAbi::containsBorrow);
        }
        List<ValueType> cases = cases(t);
        if (cases != null) {
            return cases.stream().anyMatch(c -> c != null && containsBorrow(c));
        }
        return false;
    }
}
