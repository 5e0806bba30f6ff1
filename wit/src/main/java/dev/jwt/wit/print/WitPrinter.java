package dev.jwt.wit.print;

import dev.jwt.wit.resolve.Function;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Package;
import dev.jwt.wit.resolve.PackageName;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Stability;
import dev.jwt.wit.resolve.Type;
import dev.jwt.wit.resolve.TypeDef;
import dev.jwt.wit.resolve.TypeDefKind;
import dev.jwt.wit.resolve.TypeOwner;
import dev.jwt.wit.resolve.World;
import dev.jwt.wit.resolve.WorldItem;
import dev.jwt.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Prints resolved packages as WIT text, laid out exactly as wasm-tools' WIT printer
 * ({@code wasm-tools component wit}): {@code use} statements grouped first, a blank line between
 * items, keywords escaped with {@code %}, docs as {@code ///} lines.
 */
public final class WitPrinter {
    /** Names that must be written {@code %name} to be read back as names. */
    private static final Set<String> KEYWORDS = Set.of("as", "async", "bool", "borrow", "char", "constructor", "enum",
            "error-context", "export", "f32", "f64", "flags", "from", "func", "future", "import", "include", "interface",
            "list", "map", "option", "own", "package", "record", "resource", "result", "s16", "s32", "s64", "s8", "static",
            "stream", "string", "tuple", "type", "u16", "u32", "u64", "u8", "use", "variant", "with", "world", "_");

    private final Resolve resolve;
    private final boolean docs;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    private boolean atLineStart = true;
    private boolean anyItems;

    private WitPrinter(Resolve resolve, boolean docs) {
        this.resolve = resolve;
        this.docs = docs;
    }

    /** The main package with {@code package x;}, then each nested one as a {@code package y { }} block. */
    public static String print(Resolve resolve, int mainPackage, List<Integer> nested, boolean docs) {
        WitPrinter p = new WitPrinter(resolve, docs);
        p.printPackage(mainPackage, true);
        for (int i = 0; i < nested.size(); i++) {
            if (i > 0) {
                // wit-component's printer leaves two blank lines between nested packages.
                p.out.append("\n\n");
            }
            p.printPackage(nested.get(i), false);
        }
        return p.out.toString();
    }

    public static String print(Resolve resolve, int pkg) {
        return print(resolve, pkg, List.of(), true);
    }

    // ---- output ------------------------------------------------------------------------------

    private void str(String s) {
        if (atLineStart && !s.isEmpty()) {
            out.append("  ".repeat(indent));
            atLineStart = false;
        }
        out.append(s);
    }

    private void newline() {
        out.append('\n');
        atLineStart = true;
    }

    private void semicolon() {
        str(";");
        newline();
    }

    private void indentStart() {
        str(" {");
        indent++;
        newline();
    }

    private void indentEnd() {
        indent--;
        str("}");
        newline();
    }

    private void newItem() {
        if (anyItems) {
            newline();
        }
        anyItems = true;
    }

    private void name(String name) {
        str(KEYWORDS.contains(name) ? "%" + name : name);
    }

    private void printDocs(String text) {
        if (!docs || text == null) {
            return;
        }
        for (String line : text.split("\n", -1)) {
            str(line.isEmpty() ? "///" : "/// " + line);
            newline();
        }
    }

    private void printStability(Stability s) {
        if (s instanceof Stability.Stable st) {
            str("@since(version = " + st.since() + ")");
            newline();
            if (st.deprecated() != null) {
                str("@deprecated(version = " + st.deprecated() + ")");
                newline();
            }
        } else if (s instanceof Stability.Unstable u) {
            str("@unstable(feature = " + u.feature() + ")");
            newline();
            if (u.deprecated() != null) {
                str("@deprecated(version = " + u.deprecated() + ")");
                newline();
            }
        }
    }

    // ---- packages ----------------------------------------------------------------------------

    private void printPackage(int id, boolean main) {
        Package pkg = resolve.packages().get(id);
        printDocs(pkg.docs());
        str("package ");
        packageName(pkg.name());
        if (main) {
            semicolon();
            newline();
        } else {
            indentStart();
        }
        for (Map.Entry<String, Integer> e : pkg.interfaces().entrySet()) {
            Interface iface = resolve.interfaces().get(e.getValue());
            printDocs(iface.docs());
            printStability(iface.stability());
            str("interface ");
            name(e.getKey());
            indentStart();
            printInterface(e.getValue());
            indentEnd();
            // The main package leaves a blank line after every interface; a nested one none.
            if (main) {
                newline();
            }
        }
        for (Map.Entry<String, Integer> e : pkg.worlds().entrySet()) {
            World world = resolve.worlds().get(e.getValue());
            printDocs(world.docs());
            printStability(world.stability());
            str("world ");
            name(e.getKey());
            indentStart();
            printWorld(e.getValue());
            indentEnd();
        }
        if (!main) {
            indentEnd();
        }
    }

    private void packageName(PackageName n) {
        name(n.namespace());
        str(":");
        name(n.name());
        if (n.version() != null) {
            str("@" + n.version());
        }
    }

    // ---- interfaces --------------------------------------------------------------------------

    private void printInterface(int id) {
        boolean prev = anyItems;
        anyItems = false;
        Interface iface = resolve.interfaces().get(id);
        Map<Integer, List<Function>> resourceFuncs = new LinkedHashMap<>();
        List<Function> freestanding = new ArrayList<>();
        for (Function f : iface.functions().values()) {
            if (f.kind().resource() >= 0) {
                resourceFuncs.computeIfAbsent(f.kind().resource(), k -> new ArrayList<>()).add(f);
            } else {
                freestanding.add(f);
            }
        }
        List<Map.Entry<String, Integer>> types = new ArrayList<>(iface.types().entrySet());
        printTypes(new TypeOwner.OfInterface(id), types, resourceFuncs, iface.packageIndex());
        for (Function f : freestanding) {
            newItem();
            printDocs(f.docs());
            printStability(f.stability());
            name(f.name());
            str(": ");
            printFunction(f);
            semicolon();
        }
        anyItems = prev;
    }

    private record Import(TypeOwner owner, Stability stability, List<String[]> names) {}

    private void printTypes(TypeOwner owner, List<Map.Entry<String, Integer>> types, Map<Integer, List<Function>> resourceFuncs,
            int myPkg) {
        List<Integer> declare = new ArrayList<>();
        List<Import> imports = new ArrayList<>();
        for (Map.Entry<String, Integer> e : types) {
            TypeDef ty = resolve.types().get(e.getValue());
            if (ty.kind() instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id other) {
                TypeDef o = resolve.types().get(other.index());
                if (!(o.owner() instanceof TypeOwner.None) && !o.owner().equals(owner)) {
                    Import last = imports.isEmpty() ? null : imports.get(imports.size() - 1);
                    if (last != null && last.owner().equals(o.owner()) && Objects.equals(last.stability(), ty.stability())) {
                        last.names().add(new String[] {e.getKey(), o.name()});
                    } else {
                        List<String[]> names = new ArrayList<>();
                        names.add(new String[] {e.getKey(), o.name()});
                        imports.add(new Import(o.owner(), ty.stability(), names));
                    }
                    continue;
                }
            }
            declare.add(e.getValue());
        }
        for (Import imp : imports) {
            anyItems = true;
            printStability(imp.stability());
            str("use ");
            pathToInterface(((TypeOwner.OfInterface) imp.owner()).index(), myPkg);
            str(".{");
            for (int i = 0; i < imp.names().size(); i++) {
                if (i > 0) {
                    str(", ");
                }
                String[] n = imp.names().get(i);
                if (n[0].equals(n[1])) {
                    name(n[0]);
                } else {
                    name(n[1]);
                    str(" as ");
                    name(n[0]);
                }
            }
            str("}");
            semicolon();
        }
        for (int id : declare) {
            newItem();
            TypeDef t = resolve.types().get(id);
            printDocs(t.docs());
            printStability(t.stability());
            if (t.kind() instanceof TypeDefKind.Resource) {
                printResource(t, resourceFuncs.getOrDefault(id, List.of()));
            } else {
                declareType(t);
            }
        }
    }

    private void pathToInterface(int iface, int myPkg) {
        Interface i = resolve.interfaces().get(iface);
        if (!Objects.equals(i.packageIndex(), myPkg)) {
            PackageName p = resolve.packages().get(i.packageIndex()).name();
            name(p.namespace());
            str(":");
            name(p.name());
            str("/");
            name(i.name());
            if (p.version() != null) {
                str("@" + p.version());
            }
        } else {
            name(i.name());
        }
    }

    private void printResource(TypeDef t, List<Function> funcs) {
        str("resource ");
        name(t.name());
        if (funcs.isEmpty()) {
            semicolon();
            return;
        }
        indentStart();
        for (Function f : funcs) {
            printDocs(f.docs());
            printStability(f.stability());
            if (f.kind() instanceof Function.Method) {
                name(itemName(f));
                str(": ");
            } else if (f.kind() instanceof Function.Static) {
                name(itemName(f));
                str(": static ");
            }
            printFunction(f);
            semicolon();
        }
        indentEnd();
    }

    /** The function's own name, without the {@code [method]r.} decoration. */
    private static String itemName(Function f) {
        String n = f.name();
        int dot = n.indexOf('.');
        return n.startsWith("[") && dot >= 0 ? n.substring(dot + 1) : n;
    }

    private void printFunction(Function f) {
        if (f.kind().async()) {
            str("async ");
        }
        boolean constructor = f.kind() instanceof Function.Constructor;
        str(constructor ? "constructor(" : "func(");
        int skip = f.kind() instanceof Function.Method ? 1 : 0;
        for (int i = skip; i < f.params().size(); i++) {
            if (i > skip) {
                str(", ");
            }
            name(f.params().get(i).name());
            str(": ");
            typeName(f.params().get(i).type());
        }
        str(")");
        if (constructor && isConstructorShorthand(f)) {
            return;
        }
        if (f.result() != null) {
            str(" -> ");
            typeName(f.result());
        }
    }

    private boolean isConstructorShorthand(Function f) {
        if (!(f.result() instanceof Type.Id id)) {
            return false;
        }
        TypeDefKind k = resolve.types().get(id.index()).kind();
        return k instanceof TypeDefKind.Handle h && h.own() && h.resource() == f.kind().resource()
                || k instanceof TypeDefKind.Resource;
    }

    private void declareType(TypeDef t) {
        TypeDefKind k = t.kind();
        if (k instanceof TypeDefKind.Record r) {
            str("record ");
            name(t.name());
            indentStart();
            for (TypeDefKind.Field f : r.fields()) {
                printDocs(f.docs());
                name(f.name());
                str(": ");
                typeName(f.type());
                str(",");
                newline();
            }
            indentEnd();
        } else if (k instanceof TypeDefKind.Flags fl) {
            str("flags ");
            name(t.name());
            indentStart();
            for (TypeDefKind.Flag f : fl.flags()) {
                printDocs(f.docs());
                name(f.name());
                str(",");
                newline();
            }
            indentEnd();
        } else if (k instanceof TypeDefKind.Variant v) {
            str("variant ");
            name(t.name());
            indentStart();
            for (TypeDefKind.Case c : v.cases()) {
                printDocs(c.docs());
                name(c.name());
                if (c.type() != null) {
                    str("(");
                    typeName(c.type());
                    str(")");
                }
                str(",");
                newline();
            }
            indentEnd();
        } else if (k instanceof TypeDefKind.Enum e) {
            str("enum ");
            name(t.name());
            indentStart();
            for (TypeDefKind.EnumCase c : e.cases()) {
                printDocs(c.docs());
                name(c.name());
                str(",");
                newline();
            }
            indentEnd();
        } else {
            str("type ");
            name(t.name());
            str(" = ");
            if (k instanceof TypeDefKind.Handle h && h.own()) {
                str("own<");
                name(resolve.types().get(h.resource()).name());
                str(">");
            } else if (k instanceof TypeDefKind.Alias a) {
                typeName(a.type());
            } else {
                anonymous(k);
            }
            semicolon();
        }
    }

    /** A type where it is used: its name if it has one, else its structure. */
    private void typeName(Type t) {
        if (t instanceof Type.Primitive p) {
            str(p.witName());
            return;
        }
        TypeDef def = resolve.types().get(((Type.Id) t).index());
        if (def.name() != null) {
            name(def.name());
            return;
        }
        anonymous(def.kind());
    }

    private void anonymous(TypeDefKind k) {
        if (k instanceof TypeDefKind.Handle h) {
            TypeDef r = resolve.types().get(h.resource());
            if (h.own()) {
                name(r.name());
            } else {
                str("borrow<");
                name(r.name());
                str(">");
            }
        } else if (k instanceof TypeDefKind.Tuple t) {
            str("tuple<");
            for (int i = 0; i < t.types().size(); i++) {
                if (i > 0) {
                    str(", ");
                }
                typeName(t.types().get(i));
            }
            str(">");
        } else if (k instanceof TypeDefKind.Option o) {
            str("option<");
            typeName(o.type());
            str(">");
        } else if (k instanceof TypeDefKind.Result r) {
            if (r.ok() == null && r.err() == null) {
                str("result");
            } else if (r.err() == null) {
                str("result<");
                typeName(r.ok());
                str(">");
            } else {
                str("result<");
                if (r.ok() == null) {
                    str("_");
                } else {
                    typeName(r.ok());
                }
                str(", ");
                typeName(r.err());
                str(">");
            }
        } else if (k instanceof TypeDefKind.ListOf l) {
            str("list<");
            typeName(l.type());
            str(">");
        } else if (k instanceof TypeDefKind.FixedSizeList l) {
            str("list<");
            typeName(l.type());
            str(", " + l.size() + ">");
        } else if (k instanceof TypeDefKind.MapOf m) {
            str("map<");
            typeName(m.key());
            str(", ");
            typeName(m.value());
            str(">");
        } else if (k instanceof TypeDefKind.Future f) {
            if (f.type() == null) {
                str("future");
            } else {
                str("future<");
                typeName(f.type());
                str(">");
            }
        } else if (k instanceof TypeDefKind.Stream s) {
            if (s.type() == null) {
                str("stream");
            } else {
                str("stream<");
                typeName(s.type());
                str(">");
            }
        } else if (k instanceof TypeDefKind.Alias a) {
            typeName(a.type());
        } else {
            throw new IllegalStateException("anonymous " + k.getClass().getSimpleName() + " cannot be printed");
        }
    }

    // ---- worlds ------------------------------------------------------------------------------

    private void printWorld(int id) {
        boolean prev = anyItems;
        anyItems = false;
        World w = resolve.worlds().get(id);
        List<Map.Entry<String, Integer>> types = new ArrayList<>();
        Map<Integer, List<Function>> resourceFuncs = new LinkedHashMap<>();
        List<Map.Entry<WorldKey, WorldItem>> functionImports = new ArrayList<>();
        for (Map.Entry<WorldKey, WorldItem> e : w.imports().entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.OfType t) {
                types.add(Map.entry(((WorldKey.Name) e.getKey()).name(), t.index()));
            } else if (item instanceof WorldItem.OfFunction f) {
                if (f.function().kind().resource() >= 0) {
                    resourceFuncs.computeIfAbsent(f.function().kind().resource(), k -> new ArrayList<>()).add(f.function());
                } else {
                    functionImports.add(e);
                }
            } else {
                printWorldItem(e.getKey(), item, w.packageIndex(), "import");
                anyItems = true;
            }
        }
        printTypes(new TypeOwner.OfWorld(id), types, resourceFuncs, w.packageIndex());
        for (Map.Entry<WorldKey, WorldItem> e : functionImports) {
            printWorldItem(e.getKey(), e.getValue(), w.packageIndex(), "import");
            anyItems = true;
        }
        if (!w.exports().isEmpty()) {
            newItem();
        }
        for (Map.Entry<WorldKey, WorldItem> e : w.exports().entrySet()) {
            printWorldItem(e.getKey(), e.getValue(), w.packageIndex(), "export");
        }
        anyItems = prev;
    }

    private void printWorldItem(WorldKey key, WorldItem item, int pkg, String keyword) {
        if (item instanceof WorldItem.OfInterface i && i.docs() != null) {
            printDocs(i.docs());
        } else if (key instanceof WorldKey.Name) {
            if (item instanceof WorldItem.OfInterface i) {
                printDocs(resolve.interfaces().get(i.index()).docs());
            } else if (item instanceof WorldItem.OfFunction f) {
                printDocs(f.function().docs());
            }
        }
        if (item instanceof WorldItem.OfInterface i) {
            printStability(i.stability());
        } else if (item instanceof WorldItem.OfFunction f) {
            printStability(f.function().stability());
        }
        str(keyword + " ");
        if (key instanceof WorldKey.Name n) {
            name(n.name());
            str(": ");
            if (item instanceof WorldItem.OfInterface i && resolve.interfaces().get(i.index()).name() != null) {
                pathToInterface(i.index(), pkg);
                semicolon();
            } else if (item instanceof WorldItem.OfInterface i) {
                str("interface");
                indentStart();
                printInterface(i.index());
                indentEnd();
            } else if (item instanceof WorldItem.OfFunction f) {
                printFunction(f.function());
                semicolon();
            }
        } else {
            pathToInterface(((WorldKey.OfInterface) key).index(), pkg);
            semicolon();
        }
    }
}
