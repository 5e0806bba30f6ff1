package dev.jwt.run;

import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.util.List;

/**
 * Why an extern value does not match an import's type, in wasmtime's words ("global types
 * incompatible: expected mutable global, found immutable global"): the detail of an
 * {@code incompatible import type} {@link LinkException}.
 */
final class ImportMismatch {
    private ImportMismatch() {}

    static String function(FuncType expected, FuncType found) {
        return "function types incompatible: expected type `" + text(expected) + "`, found type `" + text(found) + "`";
    }

    static String global(GlobalType expected, GlobalType found) {
        String why;
        if (expected.mutable() != found.mutable()) {
            why = expected.mutable() ? "expected mutable global, found immutable global"
                    : "expected immutable global, found mutable global";
        } else {
            why = "expected global of type `" + text(expected.type()) + "`, found global of type `" + text(found.type()) + "`";
        }
        return "global types incompatible: " + why;
    }

    static String table(RefType expectedElement, Limits expected, RefType foundElement, Limits found, long size) {
        String why;
        if (!expectedElement.equals(foundElement)) {
            why = "expected table of type `" + text(expectedElement) + "`, found table of type `" + text(foundElement) + "`";
        } else if (expected.is64() != found.is64()) {
            why = expected.is64() ? "expected 64-bit table, found 32-bit table" : "expected 32-bit table, found 64-bit table";
        } else {
            why = "expected table limits " + limits(expected.min(), expected) + " doesn't match provided table limits "
                    + limits(size, found);
        }
        return "table types incompatible: " + why;
    }

    static String memory(Limits expected, Limits found, long pages) {
        String why;
        if (expected.is64() != found.is64()) {
            why = expected.is64() ? "expected 64-bit memory, found 32-bit memory" : "expected 32-bit memory, found 64-bit memory";
        } else if (expected.shared() != found.shared()) {
            why = expected.shared() ? "expected shared memory, found unshared memory" : "expected unshared memory, found shared memory";
        } else if (pageSize(expected) != pageSize(found)) {
            why = "expected memory with page size " + pageSize(expected) + ", found memory with page size " + pageSize(found);
        } else {
            why = "expected memory limits " + limits(expected.min(), expected) + " doesn't match provided memory limits "
                    + limits(pages, found);
        }
        return "memory types incompatible: " + why;
    }

    private static long pageSize(Limits l) {
        return 1L << (l.pageSizeLog2() < 0 ? 16 : l.pageSizeLog2());
    }

    /** {@code (min: 1, max: none)}, with the current size as the minimum for a provided value. */
    private static String limits(long min, Limits l) {
        return "(min: " + Long.toUnsignedString(min) + ", max: "
                + (l.max().isPresent() ? Long.toUnsignedString(l.max().getAsLong()) : "none") + ")";
    }

    private static String text(FuncType t) {
        StringBuilder sb = new StringBuilder("(func");
        group(sb, "param", t.params());
        group(sb, "result", t.results());
        return sb.append(')').toString();
    }

    private static void group(StringBuilder sb, String keyword, List<ValType> types) {
        if (types.isEmpty()) {
            return;
        }
        sb.append(" (").append(keyword);
        for (ValType v : types) {
            sb.append(' ').append(text(v));
        }
        sb.append(')');
    }

    private static String text(ValType t) {
        if (t instanceof NumType n) {
            return n.text();
        }
        if (t instanceof VecType v) {
            return v.text();
        }
        RefType r = (RefType) t;
        if (r.nullable() && r.heapType() instanceof AbsHeapType a) {
            return a.text() + "ref";
        }
        String heap = r.heapType() instanceof AbsHeapType a ? a.text() : r.heapType().toString();
        return "(ref " + (r.nullable() ? "null " : "") + heap + ")";
    }
}
