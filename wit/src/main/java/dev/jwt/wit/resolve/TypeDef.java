package dev.jwt.wit.resolve;

/** One entry of {@link Resolve#types()}: named (owned by an interface or world) or anonymous. */
public record TypeDef(String name, TypeDefKind kind, TypeOwner owner, String docs, Stability stability) {
    public TypeDef withKind(TypeDefKind k) {
        return new TypeDef(name, k, owner, docs, stability);
    }

    public TypeDef withOwner(TypeOwner o) {
        return new TypeDef(name, kind, o, docs, stability);
    }
}
