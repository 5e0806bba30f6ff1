package dev.jwt.binary.component;

/** {@code instancedecl}: a declaration of an instance type (also allowed in component types). */
public sealed interface InstanceDecl extends ComponentDecl {
    /** {@code 0x00 t}: a core type. */
    record CoreTypeDecl(CoreType type) implements InstanceDecl {}

    /** {@code 0x01 t}: a type. */
    record TypeDecl(DefType type) implements InstanceDecl {}

    /** {@code 0x02 a}: an alias (validation allows only export aliases of instance/type, outer of type/core type). */
    record AliasDecl(Alias alias) implements InstanceDecl {}

    /** {@code 0x04 exportdecl}: {@code (export na et)}. */
    record Export(ExternName name, ExternType type) implements InstanceDecl {}
}
