package dev.jwt.run;

import dev.jwt.binary.types.TableType;
import java.util.Arrays;

/**
 * A table of references: {@link WasmFunction}s, host objects (externref) or null. The array is
 * exactly as long as the table, replaced by a longer copy on growth.
 */
public final class Table {
    /** The most elements a table may have (wasmtime's default limit is far below an array's). */
    public static final long MAX_ELEMENTS = 10_000_000;

    private final TableType type;
    private final long max;
    /** The elements; compiled code reads this field directly. */
    public Object[] elements;

    public Table(TableType type, Object init) {
        this.type = type;
        // Limits are unsigned (a table64's may reach 2^64 - 1).
        long declared = type.limits().max().orElse(-1L);
        this.max = Long.compareUnsigned(declared, MAX_ELEMENTS) < 0 ? declared : MAX_ELEMENTS;
        long min = type.limits().min();
        if (Long.compareUnsigned(min, max) > 0) {
            throw new Trap("table size " + min + " exceeds the limit of " + max + " elements");
        }
        this.elements = new Object[(int) min];
        if (init != null) {
            Arrays.fill(elements, init);
        }
    }

    public TableType type() {
        return type;
    }

    public int size() {
        return elements.length;
    }

    /** table.grow: the old size, or -1. */
    public synchronized int grow(int delta, Object init) {
        int old = elements.length;
        long wanted = old + Integer.toUnsignedLong(delta);
        if (wanted > max) {
            return -1;
        }
        Object[] grown = Arrays.copyOf(elements, (int) wanted);
        Arrays.fill(grown, old, grown.length, init);
        elements = grown;
        return old;
    }

    public Object get(int index) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw new Trap(Trap.TABLE_OUT_OF_BOUNDS);
        }
        return e[index];
    }

    public void set(int index, Object value) {
        Object[] e = elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw new Trap(Trap.TABLE_OUT_OF_BOUNDS);
        }
        e[index] = value;
    }

    // Compiled code's entry points.

    /** The function at {@code index} for call_indirect, after the spec's checks. */
    public static WasmFunction functionForCall(Table table, int index, int typeId) {
        Object[] e = table.elements;
        if (Integer.compareUnsigned(index, e.length) >= 0) {
            throw new Trap(Trap.UNDEFINED_ELEMENT);
        }
        Object f = e[index];
        if (f == null) {
            throw new Trap(Trap.UNINITIALIZED_ELEMENT);
        }
        WasmFunction function = (WasmFunction) f;
        if (function.typeId() != typeId && !dev.jwt.run.gc.GcType.isFunctionSubtype(function.typeId(), typeId)) {
            throw new Trap(Trap.INDIRECT_TYPE_MISMATCH);
        }
        return function;
    }

    public static Object get(int index, Table table) {
        return table.get(index);
    }

    public static void set(int index, Object value, Table table) {
        table.set(index, value);
    }

    public static int grow(Object init, int delta, Table table) {
        return table.grow(delta, init);
    }

    public static void fill(int i, Object value, int n, Table table) {
        Object[] e = table.elements;
        check(i, n, e.length);
        Arrays.fill(e, i, i + n, value);
    }

    public static void copy(int d, int s, int n, Table dst, Table src) {
        check(d, n, dst.elements.length);
        check(s, n, src.elements.length);
        System.arraycopy(src.elements, s, dst.elements, d, n);
    }

    /** table.init from an element segment (a dropped one is an empty array). */
    public static void init(int d, int s, int n, Table table, Object[] segment) {
        check(s, n, segment.length);
        check(d, n, table.elements.length);
        System.arraycopy(segment, s, table.elements, d, n);
    }

    private static void check(int start, int n, int length) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > length) {
            throw new Trap(Trap.TABLE_OUT_OF_BOUNDS);
        }
    }
}
