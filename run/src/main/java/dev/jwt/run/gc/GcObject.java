package dev.jwt.run.gc;

/** A struct or an array: a wasm GC object, which knows its run-time type. */
public abstract sealed class GcObject permits GcStruct, GcArray {
    final GcType type;

    GcObject(GcType type) {
        this.type = type;
    }

    public GcType type() {
        return type;
    }
}
