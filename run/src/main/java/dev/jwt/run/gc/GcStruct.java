package dev.jwt.run.gc;

/** A struct: its fields boxed as in {@link dev.jwt.run.WasmFunction#call}, packed ones as masked Integers. */
public final class GcStruct extends GcObject {
    final Object[] fields;

    GcStruct(GcType type, Object[] fields) {
        super(type);
        this.fields = fields;
    }
}
