package dev.jwt.run.gc;

/**
 * The run-time type of a struct or array (its "RTT"): the canonical ids of the type and its
 * supertypes, indexed by depth in the subtype hierarchy, so that a cast to a type of depth d is
 * one compare ({@link #isSubtypeOf}); and how its fields or elements are stored: one letter each,
 * {@code b} i8, {@code s} i16, {@code i} i32, {@code I} i64, {@code f} f32, {@code F} f64,
 * {@code v} v128, {@code r} reference. Canonical ids are shared JVM-wide, so equal types of
 * different modules are one type at run time.
 */
public final class GcType {
    private final int[] display;
    final String storage;
    /** For function types: the signature id of {@link dev.jwt.run.Signatures}; -1 otherwise. */
    final int functionId;

    public GcType(int[] display, String storage, int functionId) {
        this.display = display;
        this.storage = storage;
        this.functionId = functionId;
        BY_ID.putIfAbsent(canonicalId(), this);
    }

    /** The run-time types of the modules compiled so far, by canonical id. */
    private static final java.util.Map<Integer, GcType> BY_ID = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether the function type of canonical id {@code actual} matches {@code expected}: equal, or
     * a declared subtype (as far as the modules compiled so far tell).
     */
    public static boolean isFunctionSubtype(int actual, int expected) {
        if (actual == expected) {
            return true;
        }
        GcType a = BY_ID.get(actual);
        GcType e = BY_ID.get(expected);
        return a != null && e != null && a.isSubtypeOf(e);
    }

    public int canonicalId() {
        return display[display.length - 1];
    }

    public boolean isSubtypeOf(GcType other) {
        int d = other.display.length - 1;
        return d < display.length && display[d] == other.display[d];
    }

    /** A field's or element's value as stored: packed values keep their low bits only. */
    Object pack(int index, Object value) {
        return switch (storage.charAt(index)) {
            case 'b' -> (Integer) value & 0xFF;
            case 's' -> (Integer) value & 0xFFFF;
            default -> value;
        };
    }

    /** The number of fields (of a struct type). */
    public int size() {
        return storage.length();
    }

    char storage(int index) {
        return storage.charAt(index);
    }
}
