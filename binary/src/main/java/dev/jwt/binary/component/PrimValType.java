package dev.jwt.binary.component;

/** {@code primvaltype}: the primitive value types, with their type opcodes. */
public enum PrimValType implements ComponentValType, DefValType {
    BOOL(0x7F, "bool"),
    S8(0x7E, "s8"),
    U8(0x7D, "u8"),
    S16(0x7C, "s16"),
    U16(0x7B, "u16"),
    S32(0x7A, "s32"),
    U32(0x79, "u32"),
    S64(0x78, "s64"),
    U64(0x77, "u64"),
    F32(0x76, "f32"),
    F64(0x75, "f64"),
    CHAR(0x74, "char"),
    STRING(0x73, "string"),
    /** 📝 error-context. */
    ERROR_CONTEXT(0x64, "error-context");

    private final int code;
    private final String text;

    PrimValType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** The text format's (and WIT's) name. */
    public String text() {
        return text;
    }

    /** The primitive with this opcode, or null. */
    public static PrimValType byCode(int code) {
        for (PrimValType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
