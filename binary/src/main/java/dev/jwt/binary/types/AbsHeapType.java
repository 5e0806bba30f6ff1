package dev.jwt.binary.types;

/** The abstract heap types with their binary codes and text names. */
public enum AbsHeapType implements HeapType {
    EXN(0x69, "exn"),
    ARRAY(0x6A, "array"),
    STRUCT(0x6B, "struct"),
    I31(0x6C, "i31"),
    EQ(0x6D, "eq"),
    ANY(0x6E, "any"),
    EXTERN(0x6F, "extern"),
    FUNC(0x70, "func"),
    NONE(0x71, "none"),
    NOEXTERN(0x72, "noextern"),
    NOFUNC(0x73, "nofunc"),
    NOEXN(0x74, "noexn"),
    CONT(0x68, "cont"),
    NOCONT(0x75, "nocont");

    private final int code;
    private final String text;

    AbsHeapType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() { return code; }

    public String text() { return text; }

    /** The abstract heap type with binary code {@code b}, or {@code null}. */
    public static AbsHeapType byCode(int b) {
        for (AbsHeapType t : values()) {
            if (t.code == b) {
                return t;
            }
        }
        return null;
    }

    /** The abstract heap type named {@code name} in text, or {@code null}. */
    public static AbsHeapType byText(String name) {
        for (AbsHeapType t : values()) {
            if (t.text.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
