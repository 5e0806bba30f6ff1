package dev.jwt.binary.component;

/**
 * {@code componentdecl}: a declaration of a component type: an import ({@code 0x03}) or any
 * {@link InstanceDecl}.
 */
public sealed interface ComponentDecl permits ComponentDecl.Import, InstanceDecl {
    /** {@code 0x03 importdecl}: {@code (import na et)}. */
    record Import(ExternName name, ExternType type) implements ComponentDecl {}
}
