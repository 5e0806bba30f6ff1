package dev.jwt.binary.types;

public enum NumType implements ValType {
    I32(0x7F), I64(0x7E), F32(0x7D), F64(0x7C);

    private final int code;

    NumType(int code) { this.code = code; }

    /** The binary encoding byte. */
    public int code() { return code; }

    public String text() { return name().toLowerCase(java.util.Locale.ROOT); }
}
