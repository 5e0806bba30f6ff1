package dev.jwt.binary.types;

public enum VecType implements ValType {
    V128;

    public int code() { return 0x7B; }

    public String text() { return "v128"; }
}
