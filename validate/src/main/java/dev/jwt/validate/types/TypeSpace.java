package dev.jwt.validate.types;

import static dev.jwt.validate.types.TypeCode.*;

import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.validate.ValidationException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A module's defined types after validation: each type index with its composite type, declared
 * supertype and canonical id, plus the subtyping relation on {@link TypeCode} value types.
 *
 * <p>Canonical ids follow iso-recursive equivalence: two type indices get the same id when their
 * recursion groups are structurally equal (with references inside a group taken relative to it and
 * references out of it by canonical id) and they sit at the same position. Ids come from one
 * process-wide registry, so they are also comparable across modules (what an engine needs for
 * {@code call_indirect} between instances).
 */
public final class TypeSpace {
    /** Structural key of a recursion-group member -> canonical id; process wide. */
    private static final ConcurrentHashMap<String, Integer> REGISTRY = new ConcurrentHashMap<>();

    /** Subtype chains deeper than this are rejected, as wasm-tools does. */
    public static final int MAX_SUBTYPE_DEPTH = 63;

    private final SubType[] types;
    private final int[] canonical;
    private final int[] supertype;
    private final int[] depth;
    private final FeatureSet features;
    /** Parameter and result codes of function types, computed once the section is checked. */
    private final int[][] paramCodes;
    private final int[][] resultCodes;
    /** Types with an index below this are defined (grows while the type section is checked). */
    private int bound;
    /** True while the type section is being checked. */
    private boolean building;

    private TypeSpace(int n, FeatureSet features) {
        this.types = new SubType[n];
        this.canonical = new int[n];
        this.supertype = new int[n];
        this.depth = new int[n];
        this.features = features;
        this.paramCodes = new int[n][];
        this.resultCodes = new int[n][];
    }

    public FeatureSet features() {
        return features;
    }

    /**
     * Checks the type section group by group (each group may only refer to itself and earlier
     * groups) and canonicalises it.
     *
     * @param offset where the type section starts, for messages
     */
    public static TypeSpace build(List<RecGroup> groups, FeatureSet features, long offset) {
        int n = 0;
        for (RecGroup g : groups) {
            n += g.types().size();
        }
        TypeSpace space = new TypeSpace(n, features);
        boolean gc = features.has(Feature.GC);
        space.building = true;
        int start = 0;
        for (RecGroup g : groups) {
            int size = g.types().size();
            if ((g.explicit() || size != 1) && !gc) {
                throw new ValidationException("rec group usage requires `gc` proposal to be enabled", offset);
            }
            int end = start + size;
            space.bound = end;
            for (int i = 0; i < size; i++) {
                SubType st = g.types().get(i);
                space.types[start + i] = st;
                // Without GC there is no recursion: a type sees only the types before it.
                space.bound = gc ? end : start + i;
                if ((!st.isFinal() || !st.supertypes().isEmpty()) && !gc) {
                    throw new ValidationException("gc proposal must be enabled to use subtypes", offset);
                }
                if (st.supertypes().size() > 1) {
                    throw new ValidationException("multiple supertypes not supported", offset);
                }
                if (st.shared() && !features.has(Feature.SHARED_EVERYTHING_THREADS)) {
                    throw new ValidationException(
                            "shared composite types require the shared-everything-threads proposal", offset);
                }
                space.checkComposite(st.composite(), offset);
            }
            // A continuation type wraps a function type (checked once the whole group is known).
            for (int i = 0; i < size; i++) {
                if (g.types().get(i).composite() instanceof ContType k
                        && !(space.types[k.funcTypeIndex()].composite() instanceof FuncType)) {
                    throw new ValidationException("non-function type " + k.funcTypeIndex(), offset);
                }
            }
            // Once the whole group is known (members may refer to later ones): a shared type holds
            // only shared types.
            for (int i = 0; i < size; i++) {
                SubType st = g.types().get(i);
                if (st.shared() && !space.holdsOnlyShared(st.composite())) {
                    throw new ValidationException("shared composite type must contain shared types", offset);
                }
            }
            StringBuilder group = new StringBuilder();
            for (int i = 0; i < size; i++) {
                group.append('{');
                space.key(group, g.types().get(i), start, end);
                group.append('}');
            }
            String groupKey = group.toString();
            for (int i = 0; i < size; i++) {
                space.canonical[start + i] = intern(groupKey + "#" + i);
            }
            // Declared supertypes first (all of the group), so that matching can follow chains.
            for (int i = 0; i < size; i++) {
                int index = start + i;
                SubType st = g.types().get(i);
                space.supertype[index] = -1;
                if (st.supertypes().isEmpty()) {
                    continue;
                }
                int sup = st.supertypes().get(0);
                if (sup < 0 || sup >= index) {
                    throw new ValidationException("unknown type " + sup + ": type index out of bounds", offset);
                }
                space.supertype[index] = sup;
                space.depth[index] = space.depth[sup] + 1;
                if (space.depth[index] > MAX_SUBTYPE_DEPTH) {
                    throw new ValidationException("sub type hierarchy too deep: found depth "
                            + space.depth[index] + ", cannot exceed depth " + MAX_SUBTYPE_DEPTH, offset);
                }
            }
            for (int i = 0; i < size; i++) {
                int index = start + i;
                // Type by type, clauses then supertype, in wasm-tools' order of messages.
                space.checkDescriptorClauses(index, start, end, offset);
                int sup = space.supertype[index];
                if (sup < 0) {
                    continue;
                }
                SubType superType = space.types[sup];
                if (superType.isFinal()) {
                    throw new ValidationException("sub type cannot have a final super type", offset);
                }
                space.checkDescriptorSubtyping(index, sup, offset);
                if (g.types().get(i).shared() != superType.shared()
                        || !space.isCompositeSubtype(g.types().get(i).composite(), superType.composite())) {
                    throw new ValidationException("sub type must match super type", offset);
                }
            }
            start = end;
        }
        space.bound = n;
        space.building = false;
        // Computed up front: function validators on several threads read them without locks.
        for (int i = 0; i < n; i++) {
            if (space.types[i].composite() instanceof FuncType f) {
                space.paramCodes[i] = codes(f.params());
                space.resultCodes[i] = codes(f.results());
            }
        }
        return space;
    }

    // ---- custom-descriptors ----

    /**
     * The describes and descriptor clauses of type {@code index} of the group {@code [start, end)}:
     * both name struct types of the same group, the described type comes first, and the two
     * clauses name each other. Messages in wasm-tools' words.
     */
    private void checkDescriptorClauses(int index, int start, int end, long offset) {
        SubType st = types[index];
        if (st.describes().isEmpty() && st.descriptor().isEmpty()) {
            return;
        }
        if (!features.has(Feature.CUSTOM_DESCRIPTORS)) {
            throw new ValidationException("custom descriptors proposal must be enabled", offset);
        }
        if (st.descriptor().isPresent()) {
            int d = st.descriptor().getAsInt();
            if (d < start || d >= end) {
                throw new ValidationException("descriptor type is outside rec group", offset);
            }
            if (!(st.composite() instanceof StructType)) {
                throw new ValidationException("descriptor clause on non-struct type", offset);
            }
            OptionalInt back = types[d].describes();
            if (back.isEmpty() || back.getAsInt() != index) {
                throw new ValidationException("descriptor with no matching describes", offset);
            }
        }
        if (st.describes().isPresent()) {
            int described = st.describes().getAsInt();
            if (described < start || described >= end) {
                throw new ValidationException("described type is outside rec group", offset);
            }
            if (described >= index) {
                throw new ValidationException("forward describes reference", offset);
            }
            if (!(st.composite() instanceof StructType)) {
                throw new ValidationException("describes clause on non-struct type", offset);
            }
            OptionalInt back = types[described].descriptor();
            if (back.isEmpty() || back.getAsInt() != index) {
                throw new ValidationException("describes with no matching descriptor", offset);
            }
        }
    }

    /**
     * A declared subtype and its supertype agree on descriptors: a supertype with a descriptor
     * needs a subtype with a descriptor below it; a descriptor's supertype is a descriptor too,
     * of a supertype of the described type; a non-descriptor's supertype is no descriptor.
     */
    private void checkDescriptorSubtyping(int index, int sup, long offset) {
        SubType sub = types[index];
        SubType superType = types[sup];
        if (superType.descriptor().isPresent()) {
            if (sub.descriptor().isEmpty()) {
                throw new ValidationException("supertype of type without descriptor cannot have descriptor", offset);
            }
            if (!isDeclaredSubtype(sub.descriptor().getAsInt(), superType.descriptor().getAsInt())) {
                throw new ValidationException(
                        "supertype of described type must be described by supertype of descriptor", offset);
            }
        }
        if (sub.describes().isPresent()) {
            if (superType.describes().isEmpty()) {
                throw new ValidationException("supertype of descriptor must be a descriptor", offset);
            }
            if (!isDeclaredSubtype(sub.describes().getAsInt(), superType.describes().getAsInt())) {
                throw new ValidationException(
                        "supertype of described type must be described by supertype of descriptor", offset);
            }
        } else if (superType.describes().isPresent()) {
            throw new ValidationException("supertype of non-descriptor type cannot be a descriptor", offset);
        }
    }

    /** Whether type {@code a}'s chain of declared supertypes reaches (a type equal to) {@code b}. */
    private boolean isDeclaredSubtype(int a, int b) {
        for (int t = a; t >= 0; t = supertype[t]) {
            if (canonical[t] == canonical[b]) {
                return true;
            }
        }
        return false;
    }

    private void checkComposite(CompositeType c, long offset) {
        if (c instanceof FuncType f) {
            for (ValType t : f.params()) {
                checkValType(t, offset);
            }
            for (ValType t : f.results()) {
                checkValType(t, offset);
            }
            if (f.results().size() > 1 && !features.has(Feature.MULTI_VALUE)) {
                throw new ValidationException("func type returns multiple values but the multi-value feature is not enabled", offset);
            }
        } else if (c instanceof StructType s) {
            if (!features.has(Feature.GC)) {
                throw new ValidationException("struct indexed types not supported without the gc feature", offset);
            }
            if (!features.has(Feature.GC_TYPES)) {
                throw new ValidationException("cannot define struct types when gc types are disabled", offset);
            }
            for (FieldType ft : s.fields()) {
                checkStorage(ft.storage(), offset);
            }
        } else if (c instanceof ArrayType a) {
            if (!features.has(Feature.GC)) {
                throw new ValidationException("array indexed types not supported without the gc feature", offset);
            }
            if (!features.has(Feature.GC_TYPES)) {
                throw new ValidationException("cannot define array types when gc types are disabled", offset);
            }
            checkStorage(a.element().storage(), offset);
        } else if (c instanceof ContType k) {
            if (!features.has(Feature.STACK_SWITCHING)) {
                throw new ValidationException("cannot define continuation types when stack switching is disabled", offset);
            }
            if (k.funcTypeIndex() < 0 || k.funcTypeIndex() >= bound) {
                throw new ValidationException("unknown type " + k.funcTypeIndex() + ": type index out of bounds", offset);
            }
        }
    }

    /** Whether every value type a composite type holds is shared (shared-everything-threads). */
    private boolean holdsOnlyShared(CompositeType c) {
        if (c instanceof FuncType f) {
            return f.params().stream().allMatch(this::isSharedValType) && f.results().stream().allMatch(this::isSharedValType);
        }
        if (c instanceof StructType st) {
            return st.fields().stream().allMatch(f -> !(f.storage() instanceof ValType v) || isSharedValType(v));
        }
        if (c instanceof ArrayType a) {
            return !(a.element().storage() instanceof ValType v) || isSharedValType(v);
        }
        if (c instanceof ContType k) {
            return k.funcTypeIndex() >= 0 && k.funcTypeIndex() < bound && types[k.funcTypeIndex()] != null
                    && types[k.funcTypeIndex()].shared();
        }
        return true;
    }

    private boolean isSharedValType(ValType t) {
        return !(t instanceof RefType r) || isSharedHeap(heapCode(r.heapType()));
    }

    /** Numbers and vectors are shared; a reference is when its heap type is. */
    public boolean isShared(int valType) {
        return !isRef(valType) || isSharedHeap(heap(valType));
    }

    /** A shared abstract heap type, or a type index whose definition is shared. */
    public boolean isSharedHeap(int heap) {
        if (heap == BOT) {
            return true;
        }
        if (isConcrete(heap)) {
            int i = typeIndex(heap);
            return i < types.length && types[i] != null && types[i].shared();
        }
        return isSharedAbstract(heap);
    }

    private void checkStorage(StorageType s, long offset) {
        if (s instanceof ValType v) {
            checkValType(v, offset);
        }
    }

    /** Checks that a value type is enabled and refers to defined types; returns its code. */
    public int checkValType(ValType t, long offset) {
        return checkValType(t, offset, false);
    }

    /**
     * The element type of a table or an element segment: the one place where WebAssembly 1.0
     * already has a reference type, so {@code funcref} needs no reference-types feature there.
     */
    public int checkElementType(ValType t, long offset) {
        return checkValType(t, offset, true);
    }

    private int checkValType(ValType t, long offset, boolean elementType) {
        if (t instanceof NumType n) {
            if ((n == NumType.F32 || n == NumType.F64) && !features.has(Feature.FLOATS)) {
                throw new ValidationException("floating-point support is disabled", offset);
            }
            return TypeCode.of(n);
        }
        if (t instanceof VecType) {
            if (!features.has(Feature.SIMD)) {
                throw new ValidationException("SIMD support is not enabled", offset);
            }
            return V128;
        }
        RefType r = (RefType) t;
        // The order of the checks follows wasm-tools, so that the same feature is named first.
        if (!features.has(Feature.REFERENCE_TYPES) && !features.has(Feature.FUNCTION_REFERENCES)
                && !(elementType && r.equals(RefType.FUNCREF))) {
            throw new ValidationException("reference types support is not enabled", offset);
        }
        boolean concrete = r.heapType() instanceof ConcreteHeapType;
        if (!concrete) {
            checkAbstractFeature(abstractOf(r.heapType()), offset);
            checkSharedFeature(r.heapType(), offset);
        }
        if ((!r.nullable() || concrete) && !features.has(Feature.FUNCTION_REFERENCES)) {
            throw new ValidationException(concrete ? "function references required for index reference types"
                    : "function references required for non-nullable types", offset);
        }
        return ref(r.nullable(), checkHeapType(r.heapType(), offset));
    }

    /** A heap type on its own (ref.null, ref.test, ...): enabled and, when an index, defined. */
    public int checkHeapType(HeapType h, long offset) {
        if (h instanceof ConcreteHeapType c) {
            if (!features.has(Feature.FUNCTION_REFERENCES)) {
                throw new ValidationException("function references required for index reference types", offset);
            }
            if (c.exact() && !features.has(Feature.CUSTOM_DESCRIPTORS)) {
                throw new ValidationException("custom descriptors required for exact reference types", offset);
            }
            if (c.typeIndex() < 0 || c.typeIndex() >= bound) {
                throw new ValidationException("unknown type " + Integer.toUnsignedString(c.typeIndex())
                        + ": type index out of bounds" + (building && !features.has(Feature.GC)
                                ? " because the GC proposal is disabled" : ""), offset);
            }
            return heapCode(c);
        }
        AbsHeapType a = abstractOf(h);
        checkAbstractFeature(a, offset);
        checkSharedFeature(h, offset);
        // Without GC types (an embedder without a collector) only function references remain.
        if (!features.has(Feature.GC_TYPES) && a != AbsHeapType.FUNC && a != AbsHeapType.NOFUNC) {
            throw new ValidationException("gc types are disallowed: heap type " + a.text()
                    + " needs the gc-types feature", offset);
        }
        return heapCode(h);
    }

    /** The abstract heap type of an abstract or shared abstract heap type. */
    private static AbsHeapType abstractOf(HeapType h) {
        return h instanceof SharedAbsHeapType s ? s.type() : (AbsHeapType) h;
    }

    private void checkSharedFeature(HeapType h, long offset) {
        if (h instanceof SharedAbsHeapType && !features.has(Feature.SHARED_EVERYTHING_THREADS)) {
            throw new ValidationException("shared reference types require the shared-everything-threads proposal", offset);
        }
    }

    private void checkAbstractFeature(AbsHeapType a, long offset) {
        switch (a) {
            case FUNC, EXTERN -> { }
            case EXN, NOEXN -> {
                if (!features.has(Feature.EXCEPTIONS)) {
                    throw new ValidationException("exceptions proposal not enabled", offset);
                }
            }
            case CONT, NOCONT -> {
                if (!features.has(Feature.STACK_SWITCHING)) {
                    throw new ValidationException("stack switching proposal not enabled", offset);
                }
            }
            default -> {
                if (!features.has(Feature.GC)) {
                    throw new ValidationException("heap types not supported without the gc feature", offset);
                }
            }
        }
    }

    // ---- canonical keys ----

    private void key(StringBuilder b, SubType st, int start, int end) {
        b.append(st.isFinal() ? "F" : "O");
        if (st.shared()) {
            b.append('S');
        }
        for (int s : st.supertypes()) {
            b.append('<');
            typeRef(b, s, start, end);
        }
        if (st.describes().isPresent()) {
            b.append("describes ");
            typeRef(b, st.describes().getAsInt(), start, end);
        }
        if (st.descriptor().isPresent()) {
            b.append("descriptor ");
            typeRef(b, st.descriptor().getAsInt(), start, end);
        }
        CompositeType c = st.composite();
        if (c instanceof FuncType f) {
            b.append("func(");
            for (ValType t : f.params()) {
                valKey(b, t, start, end);
            }
            b.append(")(");
            for (ValType t : f.results()) {
                valKey(b, t, start, end);
            }
            b.append(')');
        } else if (c instanceof StructType s) {
            b.append("struct(");
            for (FieldType ft : s.fields()) {
                fieldKey(b, ft, start, end);
            }
            b.append(')');
        } else if (c instanceof ArrayType a) {
            b.append("array(");
            fieldKey(b, a.element(), start, end);
            b.append(')');
        } else if (c instanceof ContType k) {
            b.append("cont(");
            typeRef(b, k.funcTypeIndex(), start, end);
            b.append(')');
        }
    }

    private void fieldKey(StringBuilder b, FieldType ft, int start, int end) {
        b.append(ft.mutable() ? "m" : "c");
        if (ft.storage() instanceof PackedType p) {
            b.append(p.text()).append(' ');
        } else {
            valKey(b, (ValType) ft.storage(), start, end);
        }
    }

    private void valKey(StringBuilder b, ValType t, int start, int end) {
        if (t instanceof RefType r) {
            b.append(r.nullable() ? "r?" : "r!");
            if (r.heapType() instanceof ConcreteHeapType c) {
                if (c.exact()) {
                    b.append('=');
                }
                typeRef(b, c.typeIndex(), start, end);
            } else if (r.heapType() instanceof SharedAbsHeapType sh) {
                b.append("shared-").append(sh.type().text()).append(' ');
            } else {
                b.append(((AbsHeapType) r.heapType()).text()).append(' ');
            }
        } else if (t instanceof NumType n) {
            b.append(n.text()).append(' ');
        } else {
            b.append("v128 ");
        }
    }

    /** Inside the group: relative position; outside: the (earlier) type's canonical id. */
    private void typeRef(StringBuilder b, int index, int start, int end) {
        if (index >= start && index < end) {
            b.append('R').append(index - start).append(' ');
        } else if (index >= 0 && index < start) {
            b.append('C').append(canonical[index]).append(' ');
        } else {
            b.append('?').append(index).append(' ');
        }
    }

    public static int intern(String key) {
        Integer id = REGISTRY.get(key);
        if (id != null) {
            return id;
        }
        synchronized (REGISTRY) {
            return REGISTRY.computeIfAbsent(key, k -> REGISTRY.size());
        }
    }

    public int size() {
        return types.length;
    }

    public SubType subType(int index) {
        return types[index];
    }

    public CompositeType composite(int index) {
        return types[index].composite();
    }

    public int canonicalId(int index) {
        return canonical[index];
    }

    /** The declared supertype's index, or -1. */
    public int supertype(int index) {
        return supertype[index];
    }

    public int depth(int index) {
        return depth[index];
    }

    public boolean isFunc(int index) {
        return index >= 0 && index < types.length && types[index].composite() instanceof FuncType;
    }

    public boolean isStruct(int index) {
        return index >= 0 && index < types.length && types[index].composite() instanceof StructType;
    }

    public boolean isArray(int index) {
        return index >= 0 && index < types.length && types[index].composite() instanceof ArrayType;
    }

    /** The parameter types of function type {@code index} as codes; do not modify. */
    public int[] paramCodes(int index) {
        return paramCodes[index];
    }

    /** The result types of function type {@code index} as codes; do not modify. */
    public int[] resultCodes(int index) {
        return resultCodes[index];
    }

    public FuncType funcType(int index) {
        return (FuncType) types[index].composite();
    }

    // ---- conversions from the model ----

    /** The code of a heap type; indices must already be known to be in range. */
    public static int heapCode(HeapType h) {
        if (h instanceof ConcreteHeapType c) {
            return c.exact() ? exact(c.typeIndex()) : concrete(c.typeIndex());
        }
        if (h instanceof SharedAbsHeapType s) {
            return abstractHeap(s.type().ordinal(), true);
        }
        return ((AbsHeapType) h).ordinal();
    }

    public static int code(ValType t) {
        if (t instanceof NumType n) {
            return TypeCode.of(n);
        }
        if (t instanceof VecType) {
            return V128;
        }
        RefType r = (RefType) t;
        return ref(r.nullable(), heapCode(r.heapType()));
    }

    public static int[] codes(List<ValType> ts) {
        int[] out = new int[ts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = code(ts.get(i));
        }
        return out;
    }

    /** Storage types as codes: packed i8 and i16 read as i32 when unpacked. */
    public static int unpacked(StorageType s) {
        return s instanceof PackedType ? I32 : code((ValType) s);
    }

    // ---- subtyping ----

    /**
     * The top of {@code heap}'s hierarchy: ANY, FUNC, EXTERN, EXN or CONT (BOT for bot), shared
     * when {@code heap} is.
     */
    public int top(int heap) {
        if (heap == BOT) {
            return BOT;
        }
        if (isConcrete(heap)) {
            SubType st = types[typeIndex(heap)];
            CompositeType c = st.composite();
            int top = c instanceof FuncType ? FUNC : c instanceof ContType ? CONT : ANY;
            return abstractHeap(top, st.shared());
        }
        return abstractHeap(unsharedTop(abstractOrdinal(heap)), isSharedAbstract(heap));
    }

    private static int unsharedTop(int ordinal) {
        AbsHeapType a = AbsHeapType.values()[ordinal];
        return switch (a) {
            case ANY, EQ, I31, STRUCT, ARRAY, NONE -> ANY;
            case FUNC, NOFUNC -> FUNC;
            case EXTERN, NOEXTERN -> EXTERN;
            case EXN, NOEXN -> EXN;
            case CONT, NOCONT -> CONT;
        };
    }

    /** The bottom of {@code heap}'s hierarchy: NONE, NOFUNC, NOEXTERN, NOEXN or NOCONT. */
    public int bottom(int heap) {
        int shared = top(heap);
        if (shared == BOT) {
            return BOT;
        }
        int top = abstractOrdinal(shared);
        int bottom = top == ANY ? NONE : top == FUNC ? NOFUNC : top == EXTERN ? NOEXTERN : top == EXN ? NOEXN : NOCONT;
        return abstractHeap(bottom, isSharedAbstract(shared));
    }

    public boolean sameType(int a, int b) {
        if (a == b) {
            return true;
        }
        if (!isRef(a) || !isRef(b) || isNullable(a) != isNullable(b)) {
            return false;
        }
        int ha = heap(a);
        int hb = heap(b);
        return isConcrete(ha) && isConcrete(hb) && isExact(ha) == isExact(hb)
                && canonical[typeIndex(ha)] == canonical[typeIndex(hb)];
    }

    /** {@code a <: b} on value type codes; {@link TypeCode#UNKNOWN} is below everything. */
    public boolean isSubtype(int a, int b) {
        if (a == b || a == UNKNOWN) {
            return true;
        }
        if (!isRef(a) || !isRef(b)) {
            return false;
        }
        if (isNullable(a) && !isNullable(b)) {
            return false;
        }
        return isHeapSubtype(heap(a), heap(b));
    }

    public boolean isHeapSubtype(int a, int b) {
        if (a == b || a == BOT) {
            return true;
        }
        if (b == BOT) {
            return false;
        }
        if (isMaybeShared(a)) {
            // Unknown sharedness matches either: take the target's.
            return isHeapSubtype(abstractHeap(abstractOrdinal(a), isSharedHeap(b)), b);
        }
        boolean ca = isConcrete(a);
        boolean cb = isConcrete(b);
        if (ca && cb && isExact(b)) {
            // Only the type itself is below an exact type (and the bottom types, below).
            return isExact(a) && canonical[typeIndex(a)] == canonical[typeIndex(b)];
        }
        if (ca && cb) {
            int target = canonical[typeIndex(b)];
            for (int t = typeIndex(a); t >= 0; t = supertype[t]) {
                if (canonical[t] == target) {
                    return true;
                }
            }
            return false;
        }
        // Shared and unshared heap types are never subtypes of one another.
        if ((ca ? types[typeIndex(a)].shared() : isSharedAbstract(a))
                != (cb ? types[typeIndex(b)].shared() : isSharedAbstract(b))) {
            return false;
        }
        if (!ca) {
            a = abstractOrdinal(a);
        }
        if (!cb) {
            b = abstractOrdinal(b);
        }
        if (ca) {
            CompositeType c = types[typeIndex(a)].composite();
            if (c instanceof FuncType) return b == FUNC;
            if (c instanceof StructType) return b == STRUCT || b == EQ || b == ANY;
            if (c instanceof ArrayType) return b == ARRAY || b == EQ || b == ANY;
            return b == CONT;
        }
        if (cb) {
            CompositeType c = types[typeIndex(b)].composite();
            if (c instanceof FuncType) return a == NOFUNC;
            if (c instanceof ContType) return a == NOCONT;
            return a == NONE;
        }
        if (a == NONE) return unsharedTop(b) == ANY;
        if (a == NOFUNC) return b == FUNC;
        if (a == NOEXTERN) return b == EXTERN;
        if (a == NOEXN) return b == EXN;
        if (a == NOCONT) return b == CONT;
        if (a == I31 || a == STRUCT || a == ARRAY) return b == EQ || b == ANY;
        if (a == EQ) return b == ANY;
        return false;
    }

    /** Field (or array element) subtyping: mutable fields are invariant, immutable covariant. */
    boolean isFieldSubtype(FieldType a, FieldType b) {
        if (a.mutable() != b.mutable()) {
            return false;
        }
        StorageType sa = a.storage();
        StorageType sb = b.storage();
        if (sa instanceof PackedType || sb instanceof PackedType) {
            return sa == sb;
        }
        int ta = code((ValType) sa);
        int tb = code((ValType) sb);
        return a.mutable() ? isSubtype(ta, tb) && isSubtype(tb, ta) : isSubtype(ta, tb);
    }

    /** Whether composite type {@code a} structurally matches {@code b} (declared-supertype check). */
    boolean isCompositeSubtype(CompositeType a, CompositeType b) {
        if (a instanceof FuncType fa && b instanceof FuncType fb) {
            return allSubtypes(fb.params(), fa.params()) && allSubtypes(fa.results(), fb.results());
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            if (sa.fields().size() < sb.fields().size()) {
                return false;
            }
            for (int i = 0; i < sb.fields().size(); i++) {
                if (!isFieldSubtype(sa.fields().get(i), sb.fields().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return isFieldSubtype(aa.element(), ab.element());
        }
        if (a instanceof ContType ka && b instanceof ContType kb) {
            return isHeapSubtype(concrete(ka.funcTypeIndex()), concrete(kb.funcTypeIndex()));
        }
        return false;
    }

    private boolean allSubtypes(List<ValType> as, List<ValType> bs) {
        if (as.size() != bs.size()) {
            return false;
        }
        for (int i = 0; i < as.size(); i++) {
            if (!isSubtype(code(as.get(i)), code(bs.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
