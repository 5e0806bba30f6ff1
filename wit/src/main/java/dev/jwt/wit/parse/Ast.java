package dev.jwt.wit.parse;

import java.util.List;

/** The syntax of a WIT file, as written (names unresolved), with spans for errors. */
public final class Ast {
    private Ast() {}

    /** A name as written, without a leading {@code %}. */
    public record Id(String name, Span span) {}

    /** The comments directly before an item: wit-parser takes every one of them as documentation. */
    public record Docs(List<String> comments) {
        public static final Docs NONE = new Docs(List.of());
    }

    /** A feature gate: {@code @since(version = ..)}, {@code @unstable(feature = ..)}, {@code @deprecated(version = ..)}. */
    public sealed interface Attribute {
        Span span();
    }

    public record Since(Span span, String version, Span versionSpan) implements Attribute {}

    public record Unstable(Span span, String feature) implements Attribute {}

    public record Deprecated(Span span, String version) implements Attribute {}

    public record PackageName(Id namespace, Id name, String version, Span span) {
        @Override
        public String toString() {
            return namespace.name() + ":" + name.name() + (version == null ? "" : "@" + version);
        }
    }

    /** One parsed file: an optional package header, its top-level items and nested packages. */
    public record File(Source source, Docs packageDocs, Span packageDocsSpan, PackageName header,
            List<Item> items, List<NestedPackage> nested) {}

    public record NestedPackage(Docs docs, PackageName name, List<Item> items) {}

    public sealed interface Item {}

    public record TopUse(List<Attribute> attributes, UsePath path, Id as) implements Item {}

    public record InterfaceDecl(Docs docs, List<Attribute> attributes, Id name, List<InterfaceItem> items) implements Item {}

    public record WorldDecl(Docs docs, List<Attribute> attributes, Id name, List<WorldItem> items) implements Item {}

    public sealed interface UsePath {
        Span span();
    }

    public record LocalPath(Id name) implements UsePath {
        @Override
        public Span span() {
            return name.span();
        }
    }

    public record PackagePath(Id namespace, Id pkg, Id name, String version, Span pkgSpan) implements UsePath {
        @Override
        public Span span() {
            return name.span();
        }

        public String packageName() {
            return namespace.name() + ":" + pkg.name() + (version == null ? "" : "@" + version);
        }
    }

    public sealed interface InterfaceItem {}

    public record Use(List<Attribute> attributes, UsePath path, List<UseName> names) implements InterfaceItem, WorldItem {}

    public record UseName(Id name, Id as) {
        public Id local() {
            return as != null ? as : name;
        }
    }

    public record TypeDef(Docs docs, List<Attribute> attributes, Id name, Type type) implements InterfaceItem, WorldItem {}

    public record Func(Docs docs, List<Attribute> attributes, Id name, FuncType type) implements InterfaceItem {}

    public record FuncType(boolean async, List<Param> params, Type result, Span span) {}

    public record Param(Id name, Type type) {}

    public sealed interface Type {
        Span span();
    }

    public record Primitive(String name, Span span) implements Type {}

    public record Named(Id name) implements Type {
        @Override
        public Span span() {
            return name.span();
        }
    }

    public record Handle(boolean own, Id resource, Span span) implements Type {}

    public record Tuple(List<Type> types, Span span) implements Type {}

    public record ListType(Type element, Long size, Span span) implements Type {}

    public record MapType(Type key, Type value, Span span) implements Type {}

    public record OptionType(Type type, Span span) implements Type {}

    public record ResultType(Type ok, Type err, Span span) implements Type {}

    public record FutureType(Type type, Span span) implements Type {}

    public record StreamType(Type type, Span span) implements Type {}

    public record Record(List<Field> fields, Span span) implements Type {}

    public record Field(Docs docs, Id name, Type type) {}

    public record Flags(List<Flag> flags, Span span) implements Type {}

    public record Flag(Docs docs, Id name) {}

    public record Variant(List<Case> cases, Span span) implements Type {}

    public record Case(Docs docs, Id name, Type type) {}

    public record Enum(List<EnumCase> cases, Span span) implements Type {}

    public record EnumCase(Docs docs, Id name) {}

    public record Resource(List<ResourceFunc> funcs, Span span) implements Type {}

    public enum ResourceFuncKind { CONSTRUCTOR, METHOD, STATIC }

    public record ResourceFunc(Docs docs, List<Attribute> attributes, ResourceFuncKind kind, Id name, FuncType type) {}

    public sealed interface WorldItem {}

    public record Import(Docs docs, List<Attribute> attributes, boolean export, Extern extern) implements WorldItem {}

    public record Include(List<Attribute> attributes, UsePath path, List<IncludeName> names) implements WorldItem {}

    public record IncludeName(Id name, Id as) {}

    /** What a world imports or exports. */
    public sealed interface Extern {}

    public record ExternFunc(Id name, FuncType type) implements Extern {}

    public record ExternInterface(Id name, List<InterfaceItem> items, Span span) implements Extern {}

    public record ExternPath(UsePath path) implements Extern {}

    /** {@code import label: path;}: an interface imported under a plain name. */
    public record ExternNamedPath(Id name, UsePath path) implements Extern {}
}
