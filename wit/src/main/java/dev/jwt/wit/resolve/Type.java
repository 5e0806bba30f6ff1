package dev.jwt.wit.resolve;

/** A reference to a WIT type: a primitive, or an index into {@link Resolve#types()}. */
public sealed interface Type {
    /** The primitive types, named as in WIT. */
    enum Primitive implements Type {
        BOOL("bool"), U8("u8"), U16("u16"), U32("u32"), U64("u64"), S8("s8"), S16("s16"), S32("s32"), S64("s64"),
        F32("f32"), F64("f64"), CHAR("char"), STRING("string"), ERROR_CONTEXT("error-context");

        private final String witName;

        Primitive(String witName) {
            this.witName = witName;
        }

        public String witName() {
            return witName;
        }

        public static Primitive byName(String name) {
            for (Primitive p : values()) {
                if (p.witName.equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    record Id(int index) implements Type {}
}
