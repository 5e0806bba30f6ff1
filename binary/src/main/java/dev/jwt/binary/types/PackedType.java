package dev.jwt.binary.types;

public enum PackedType implements StorageType {
    I8(0x78), I16(0x77);

    private final int code;

    PackedType(int code) { this.code = code; }

    public int code() { return code; }

    public String text() { return name().toLowerCase(java.util.Locale.ROOT); }
}
