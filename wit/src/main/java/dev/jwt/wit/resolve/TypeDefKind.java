package dev.jwt.wit.resolve;

import java.util.List;

/** What a type definition is, in wit-parser's terms. Type references are {@link Type}s; a null one is absent. */
public sealed interface TypeDefKind {
    record Resource() implements TypeDefKind {}

    record Handle(boolean own, int resource) implements TypeDefKind {}

    record Record(List<Field> fields) implements TypeDefKind {}

    record Field(String name, Type type, String docs) {}

    record Flags(List<Flag> flags) implements TypeDefKind {}

    record Flag(String name, String docs) {}

    record Tuple(List<Type> types) implements TypeDefKind {}

    record Variant(List<Case> cases) implements TypeDefKind {}

    record Case(String name, Type type, String docs) {}

    record Enum(List<EnumCase> cases) implements TypeDefKind {}

    record EnumCase(String name, String docs) {}

    record Option(Type type) implements TypeDefKind {}

    record Result(Type ok, Type err) implements TypeDefKind {}

    record ListOf(Type type) implements TypeDefKind {}

    record MapOf(Type key, Type value) implements TypeDefKind {}

    record FixedSizeList(Type type, long size) implements TypeDefKind {}

    record Future(Type type) implements TypeDefKind {}

    record Stream(Type type) implements TypeDefKind {}

    /** {@code type a = b}: another name for a type. */
    record Alias(Type type) implements TypeDefKind {}

    /** A type used from a package that is not known yet (only while resolving). */
    record Unknown() implements TypeDefKind {}
}
