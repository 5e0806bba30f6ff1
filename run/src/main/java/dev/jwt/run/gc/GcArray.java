package dev.jwt.run.gc;

/** An array: its elements boxed as in {@link dev.jwt.run.WasmFunction#call}, packed ones as masked Integers. */
public final class GcArray extends GcObject {
    final Object[] elements;

    GcArray(GcType type, Object[] elements) {
        super(type);
        this.elements = elements;
    }

    public int length() {
        return elements.length;
    }
}
