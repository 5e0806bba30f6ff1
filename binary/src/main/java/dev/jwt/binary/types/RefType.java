package dev.jwt.binary.types;

/** {@code (ref null? heaptype)}. */
public record RefType(boolean nullable, HeapType heapType) implements ValType {
    public static final RefType FUNCREF = new RefType(true, AbsHeapType.FUNC);
    public static final RefType EXTERNREF = new RefType(true, AbsHeapType.EXTERN);
    public static final RefType EXNREF = new RefType(true, AbsHeapType.EXN);
}
