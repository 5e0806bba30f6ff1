package dev.jwt.binary.component;

/** {@code alias}: a definition that refers to one made elsewhere. */
public sealed interface Alias {
    /** The index space the alias adds to. */
    Sort sort();

    /** {@code s 0x00 i n}: {@code (alias export i n (s))}, an export of component instance {@code i}. */
    record InstanceExport(Sort sort, int instanceIndex, String name) implements Alias {}

    /**
     * {@code s 0x01 i n}: {@code (alias core export i n (s))}, an export of core instance {@code i};
     * {@code sort} is a {@code CORE_*} sort.
     */
    record CoreInstanceExport(Sort sort, int instanceIndex, String name) implements Alias {}

    /**
     * {@code s 0x02 ct idx}: {@code (alias outer ct idx (s))}, item {@code idx} of the scope
     * {@code count} levels out (0 is the current scope).
     */
    record Outer(Sort sort, int count, int index) implements Alias {}
}
