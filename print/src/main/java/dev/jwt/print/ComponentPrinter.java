package dev.jwt.print;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.NameSection.Naming;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a component as {@code wasm-tools print} does, from its binary (so that {@code -p} knows
 * every item's offset). Nested core modules print through {@link ModulePrinter}, and so do core
 * types and module types. Output goes in groups the way wasm-tools writes them: a group that
 * ends on another line than it started closes on a line of its own.
 */
final class ComponentPrinter {
    private static final int FLUSH_AT = 1 << 16;
    private static final int MAX_INDENT = 50;

    private final PrintOptions options;
    private final StringBuilder out;
    private final Appendable sink;
    private final String[] indents;

    /** Lines started so far, by this printer and the module printers working for it. */
    long lines;
    private int nesting;
    private final Deque<Long> groupLines = new ArrayDeque<>();
    /** The scopes (components, component and instance types, module types) being printed, innermost last. */
    private final List<Scope> scopes = new ArrayList<>();

    ComponentPrinter(PrintOptions options, StringBuilder out, Appendable sink) {
        this.options = options;
        this.out = out;
        this.sink = sink;
        this.indents = new String[MAX_INDENT + 1];
        for (int i = 0; i <= MAX_INDENT; i++) {
            indents[i] = " ".repeat(options.indent() * i);
        }
    }

    /** The index spaces of one component, component type or instance type, with their names. */
    private final class Scope {
        /** The identifier of the component from its own name section, for {@code alias outer}; or null. */
        String id;
        Namespace coreFuncs, coreTables, coreMemories, coreGlobals, coreTags, coreTypes, coreModules, coreInstances;
        Namespace types, funcs, instances, components, values;
        int coreFuncCount, coreTableCount, coreMemoryCount, coreGlobalCount, coreTagCount, coreModuleCount,
                coreInstanceCount, typeCount, funcCount, instanceCount, componentCount, valueCount;
        /** Prints this scope's core types, and counts them. */
        final ModulePrinter core;

        Scope(Map<String, List<List<Naming>>> names) {
            boolean u = options.nameUnnamed();
            coreFuncs = Namespace.ofMaps("core-func", "func", names.getOrDefault("core-func", List.of()), u);
            coreTables = Namespace.ofMaps("core-table", "table", names.getOrDefault("core-table", List.of()), u);
            coreMemories = Namespace.ofMaps("core-memory", "memory", names.getOrDefault("core-memory", List.of()), u);
            coreGlobals = Namespace.ofMaps("core-global", "global", names.getOrDefault("core-global", List.of()), u);
            coreTags = Namespace.ofMaps("core-tag", "tag", names.getOrDefault("core-tag", List.of()), u);
            coreTypes = Namespace.ofMaps("core-type", "type", names.getOrDefault("core-type", List.of()), u);
            coreModules = Namespace.ofMaps("core-module", "module", names.getOrDefault("core-module", List.of()), u);
            coreInstances = Namespace.ofMaps("core-instance", "instance", names.getOrDefault("core-instance", List.of()), u);
            types = Namespace.ofMaps("type", "type", names.getOrDefault("type", List.of()), u);
            funcs = Namespace.ofMaps("func", "func", names.getOrDefault("func", List.of()), u);
            instances = Namespace.ofMaps("instance", "instance", names.getOrDefault("instance", List.of()), u);
            components = Namespace.ofMaps("component", "component", names.getOrDefault("component", List.of()), u);
            values = Namespace.ofMaps("value", "value", names.getOrDefault("value", List.of()), u);
            core = new ModulePrinter(options, out, ComponentPrinter.this, coreTypes, "core type");
        }
    }

    // ------------------------------------------------------------------ output

    private void newline(long offset) {
        lines++;
        if (nesting == 1 && sink != null && out.length() > FLUSH_AT) {
            flush();
        }
        out.append('\n');
        if (options.printOffsets()) {
            if (offset >= 0) {
                String hex = Long.toHexString(offset);
                out.append("(;@").append(hex);
                for (int i = hex.length(); i < 6; i++) {
                    out.append(' ');
                }
                out.append(";)");
            } else {
                out.append("           ");
            }
        }
        out.append(indents[Math.min(nesting, MAX_INDENT)]);
    }

    private void flush() {
        try {
            sink.append(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.setLength(0);
    }

    private void startGroup(String keyword) {
        out.append('(').append(keyword);
        nesting++;
        groupLines.push(lines);
    }

    private void endGroup() {
        nesting--;
        if (groupLines.pop() != lines) {
            newline(-1);
        }
        out.append(')');
    }

    private Scope scope() {
        return scopes.get(scopes.size() - 1);
    }

    /** {@code $name (;N;)}, or {@code (;N;)} for an item without a name. */
    private void name(Namespace ns, int index) {
        String id = ns.id(index);
        if (id != null) {
            out.append(id).append(ns.annotation(index)).append(' ');
        }
        out.append("(;").append(index).append(";)");
    }

    private void ref(Namespace ns, int index) {
        ns.ref(out, index);
    }

    private void str(String s) {
        Strings.quoted(out, s);
    }

    // ------------------------------------------------------------------ driver

    /** Prints the whole binary {@code r}, a component. */
    void print(BinaryReader r) {
        component(r, null);
        out.append('\n');
        if (sink != null) {
            flush();
        }
    }

    /** One component, from its preamble to its end; {@code opening} names a nested one. */
    private void component(BinaryReader r, String opening) {
        long start = r.offset();
        if (r.remaining() < 8) {
            throw new MalformedException("unexpected end", start);
        }
        if (r.u8() != 0 || r.u8() != 'a' || r.u8() != 's' || r.u8() != 'm') {
            throw new MalformedException("magic header not detected", start);
        }
        int version = r.u8() | r.u8() << 8;
        int layer = r.u8() | r.u8() << 8;
        if (version != 0x0d || layer != 1) {
            throw new MalformedException("unknown binary version", start + 4);
        }
        int sections = r.position();
        ComponentNames names = ComponentNames.find(r);
        r.seek(sections);
        enter(start);
        Scope scope = new Scope(names.sorts());
        if (names.componentName() != null) {
            scope.id = Strings.identifier(names.componentName());
        }
        scopes.add(scope);
        startGroup("component");
        if (opening != null) {
            out.append(opening);
        } else if (names.componentName() != null) {
            Namespace ns = new Namespace("component", List.of(new Naming(0, names.componentName())), false);
            out.append(' ').append(ns.id(0)).append(ns.annotation(0));
        }
        while (!r.eof()) {
            long sectionStart = r.offset();
            int id = r.u8();
            if (id > 12) {
                throw new MalformedException("malformed section id", sectionStart);
            }
            int size = r.u32();
            if (size < 0 || size > r.remaining()) {
                // the decoder's words
                throw new MalformedException("unexpected end-of-file", r.offsetOf(r.limit()));
            }
            BinaryReader s = r.slice(size);
            switch (id) {
                case 0 -> customSection(s, names);
                case 1 -> {
                    newline(s.offset());
                    StringBuilder open = new StringBuilder("(core module ");
                    int index = scope.coreModuleCount++;
                    String mid = scope.coreModules.id(index);
                    if (mid != null) {
                        open.append(mid).append(scope.coreModules.annotation(index)).append(' ');
                    }
                    open.append("(;").append(index).append(";)");
                    new ModulePrinter(s, options, out, sink, nesting, open.toString(), this).print();
                }
                case 2 -> coreInstanceSection(s);
                case 3 -> repeat(s, () -> coreType(s));
                case 4 -> {
                    newline(s.offset());
                    int index = scope.componentCount++;
                    StringBuilder open = new StringBuilder(" ");
                    String cid = scope.components.id(index);
                    if (cid != null) {
                        open.append(cid).append(scope.components.annotation(index)).append(' ');
                    }
                    open.append("(;").append(index).append(";)");
                    component(s, open.toString());
                }
                case 5 -> instanceSection(s);
                case 6 -> repeat(s, () -> alias(s));
                case 7 -> repeat(s, () -> typeDef(s));
                case 8 -> repeat(s, () -> canon(s));
                case 9 -> start(s, sectionStart);
                case 10 -> repeat(s, () -> importDecl(s, true));
                case 11 -> repeat(s, () -> export(s));
                default -> throw new MalformedException("value sections cannot be printed", sectionStart);
            }
            if (!s.eof()) {
                throw new MalformedException("section size mismatch: unexpected data at the end of the section",
                        s.offset());
            }
        }
        if (opening != null) {
            endGroup();
        } else {
            // as the core printer does: the closing line of the outermost component carries its end offset
            nesting--;
            if (groupLines.pop() != lines) {
                newline(r.offset());
            }
            out.append(')');
        }
        scopes.remove(scopes.size() - 1);
    }

    /** Each item of a vector section, on a line of its own marked with its offset. */
    private void repeat(BinaryReader s, Runnable item) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            item.run();
        }
    }

    // ------------------------------------------------------------------ custom sections

    private void customSection(BinaryReader s, ComponentNames names) {
        long start = s.offset();
        String name = s.name();
        long payloadOffset = s.offset();
        Bytes payload = s.rest();
        if (name.equals("component-name") && names.decoded()) {
            return;
        }
        if (name.equals("producers")) {
            // as in a module: (@producers ...), or the error comment and then the plain form
            ModulePrinter m = scope().core;
            m.indent = nesting;
            if (m.customs.producers(payload, payloadOffset, start)) {
                return;
            }
        }
        newline(start);
        out.append("(@custom ");
        str(name);
        if (options.skeleton()) {
            out.append(" ...)");
            return;
        }
        out.append(' ');
        Strings.bytes(out, payload.array(), payload.start(), payload.length());
        out.append(')');
    }

    // ------------------------------------------------------------------ core instances and types

    private void coreInstanceSection(BinaryReader s) {
        Scope scope = scope();
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            long offset = s.offset();
            newline(offset);
            startGroup("core instance ");
            name(scope.coreInstances, scope.coreInstanceCount);
            int kind = s.u8();
            switch (kind) {
                case 0x00 -> {
                    out.append(' ');
                    startGroup("instantiate ");
                    ref(scope.coreModules, s.u32());
                    int args = s.u32Count();
                    for (int a = 0; a < args; a++) {
                        newline(offset);
                        startGroup("with ");
                        str(s.name());
                        out.append(' ');
                        int sort = s.u8();
                        if (sort != 0x12) {
                            throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(sort)
                                    + ") for instantiation arg kind", s.offset() - 1);
                        }
                        startGroup("instance ");
                        ref(scope.coreInstances, s.u32());
                        endGroup();
                        endGroup();
                    }
                    endGroup();
                }
                case 0x01 -> {
                    int exports = s.u32Count();
                    for (int e = 0; e < exports; e++) {
                        newline(offset);
                        startGroup("export ");
                        str(s.name());
                        out.append(' ');
                        coreSortIdx(s, s.u8());
                        endGroup();
                    }
                }
                default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(kind)
                        + ") for core instance", s.offset() - 1);
            }
            scope.coreInstanceCount++;
            endGroup();
        }
    }

    /** {@code (func $f)}: a core sort and an index of it. */
    private void coreSortIdx(BinaryReader s, int sort) {
        Scope scope = scope();
        switch (sort) {
            case 0x00 -> { startGroup("func "); ref(scope.coreFuncs, s.u32()); }
            case 0x01 -> { startGroup("table "); ref(scope.coreTables, s.u32()); }
            case 0x02 -> { startGroup("memory "); ref(scope.coreMemories, s.u32()); }
            case 0x03 -> { startGroup("global "); ref(scope.coreGlobals, s.u32()); }
            case 0x04 -> { startGroup("tag "); ref(scope.coreTags, s.u32()); }
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(sort)
                    + ") for external kind", s.offset() - 1);
        }
        endGroup();
    }

    /** A core type definition: a module type, or a rec group of core types. */
    private void coreType(BinaryReader s) {
        Scope scope = scope();
        if (s.peek() == 0x50) {
            s.u8();
            startGroup("core type ");
            name(scope.coreTypes, scope.core.typeCount());
            moduleType(s);
            endGroup();
            scope.core.addOpaqueType();
            return;
        }
        if (s.peek() == 0x00) {
            // a non-final sub type: 0x00 tells it from a module type, then the core encoding follows
            s.u8();
        }
        ModulePrinter core = scope.core;
        core.indent = nesting;
        core.scopedRecGroup(TypeCodec.recGroup(s));
    }

    private void moduleType(BinaryReader s) {
        ModulePrinter module = new ModulePrinter(options, out, this,
                new Namespace("type", List.of(), options.nameUnnamed()), "type");
        newline(-1);
        startGroup("module");
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(-1);
            module.indent = nesting;
            int kind = s.u8();
            switch (kind) {
                case 0x00 -> module.importEntry(s, false);
                case 0x01 -> {
                    if (s.peek() == 0x00) {
                        s.u8();
                    }
                    module.scopedRecGroup(TypeCodec.recGroup(s));
                }
                case 0x02 -> {
                    int sort = s.u8();
                    int outerKind = s.u8();
                    if (sort != 0x10 || outerKind != 0x01) {
                        throw new MalformedException("invalid outer alias in a module type", s.offset() - 2);
                    }
                    int count = s.u32();
                    int index = s.u32();
                    startGroup("alias outer ");
                    // count 0 is the module type itself; the scopes start with its enclosing one
                    Scope outer = count == 0 ? null : outerScope(count - 1, s.offset());
                    if (outer == null) {
                        // the module type itself: it has no name
                        out.append(count);
                        out.append(' ');
                        out.append(index);
                    } else {
                        outerName(outer, count);
                        out.append(' ');
                        ref(outer.coreTypes, index);
                    }
                    out.append(' ');
                    startGroup("type ");
                    Namespace none = new Namespace("type", List.of(), options.nameUnnamed());
                    name(none, module.typeCount());
                    module.addOpaqueType();
                    endGroup();
                    endGroup();
                }
                case 0x03 -> module.exportDecl(s);
                default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(kind)
                        + ") for type in module type", s.offset() - 1);
            }
        }
        endGroup();
    }

    // ------------------------------------------------------------------ component types

    private void typeDef(BinaryReader s) {
        Scope scope = scope();
        startGroup("type ");
        name(scope.types, scope.typeCount);
        int b = s.peek();
        switch (b) {
            case 0x40, 0x43 -> {
                s.u8();
                out.append(' ');
                funcType(s, b == 0x43);
            }
            case 0x41 -> {
                s.u8();
                componentType(s);
            }
            case 0x42 -> {
                s.u8();
                instanceType(s);
            }
            case 0x3f -> {
                s.u8();
                out.append(' ');
                startGroup("resource ");
                startGroup("rep ");
                scope.core.valType(TypeCodec.valType(s));
                endGroup();
                if (s.u8() == 0x01) {
                    out.append(' ');
                    startGroup("dtor ");
                    ref(scope.coreFuncs, s.u32());
                    endGroup();
                }
                endGroup();
            }
            default -> {
                out.append(' ');
                definedType(s);
            }
        }
        endGroup();
        // the scope may be a type scope pushed and popped above: count in the current one
        scope().typeCount++;
    }

    private void funcType(BinaryReader s, boolean async) {
        startGroup("func");
        if (async) {
            out.append(" async");
        }
        int params = s.u32Count();
        for (int i = 0; i < params; i++) {
            out.append(' ');
            startGroup("param ");
            str(s.name());
            out.append(' ');
            valType(s);
            endGroup();
        }
        int results = s.u8();
        if (results == 0x00) {
            out.append(' ');
            startGroup("result ");
            valType(s);
            endGroup();
        } else if (results == 0x01) {
            int n = s.u32Count();
            for (int i = 0; i < n; i++) {
                out.append(' ');
                startGroup("result ");
                str(s.name());
                out.append(' ');
                valType(s);
                endGroup();
            }
        } else {
            throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(results)
                    + ") for component function results", s.offset() - 1);
        }
        endGroup();
    }

    private static final String[] PRIMITIVES = new String[0x80];

    static {
        String[] names = {"bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string"};
        for (int i = 0; i < names.length; i++) {
            PRIMITIVES[0x7f - i] = names[i];
        }
        PRIMITIVES[0x64] = "error-context";
    }

    private static boolean isPrimitive(int b) {
        return b < 0x80 && PRIMITIVES[b] != null;
    }

    /** A value type: a primitive type's keyword or a type index. */
    private void valType(BinaryReader s) {
        int b = s.peek();
        if (isPrimitive(b)) {
            s.u8();
            out.append(PRIMITIVES[b]);
        } else {
            long at = s.offset();
            long index = s.s33();
            if (index < 0 || index > 0xFFFFFFFFL) {
                throw new MalformedException("invalid value type", at);
            }
            ref(scope().types, (int) index);
        }
    }

    private void definedType(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        if (isPrimitive(b)) {
            out.append(PRIMITIVES[b]);
            return;
        }
        switch (b) {
            case 0x72 -> {
                startGroup("record");
                int n = s.u32Count();
                for (int i = 0; i < n; i++) {
                    out.append(' ');
                    startGroup("field ");
                    str(s.name());
                    out.append(' ');
                    valType(s);
                    endGroup();
                }
                endGroup();
            }
            case 0x71 -> {
                startGroup("variant");
                int n = s.u32Count();
                for (int i = 0; i < n; i++) {
                    out.append(' ');
                    startGroup("case ");
                    str(s.name());
                    if (s.u8() == 0x01) {
                        out.append(' ');
                        valType(s);
                    }
                    if (s.u8() == 0x01) {
                        out.append(' ');
                        startGroup("refines ");
                        out.append(Integer.toUnsignedString(s.u32()));
                        endGroup();
                    }
                    endGroup();
                }
                endGroup();
            }
            case 0x70 -> {
                startGroup("list ");
                valType(s);
                endGroup();
            }
            case 0x67 -> {
                startGroup("list ");
                valType(s);
                out.append(' ').append(Integer.toUnsignedString(s.u32()));
                endGroup();
            }
            case 0x6f -> {
                startGroup("tuple");
                int n = s.u32Count();
                for (int i = 0; i < n; i++) {
                    out.append(' ');
                    valType(s);
                }
                endGroup();
            }
            case 0x6e, 0x6d -> {
                startGroup(b == 0x6e ? "flags" : "enum");
                int n = s.u32Count();
                for (int i = 0; i < n; i++) {
                    out.append(' ');
                    str(s.name());
                }
                endGroup();
            }
            case 0x6b -> {
                startGroup("option ");
                valType(s);
                endGroup();
            }
            case 0x6a -> {
                startGroup("result");
                if (s.u8() == 0x01) {
                    out.append(' ');
                    valType(s);
                }
                if (s.u8() == 0x01) {
                    out.append(' ');
                    startGroup("error ");
                    valType(s);
                    endGroup();
                }
                endGroup();
            }
            case 0x69, 0x68 -> {
                startGroup(b == 0x69 ? "own " : "borrow ");
                ref(scope().types, s.u32());
                endGroup();
            }
            case 0x66, 0x65 -> {
                startGroup(b == 0x66 ? "stream" : "future");
                if (s.u8() == 0x01) {
                    out.append(' ');
                    valType(s);
                }
                endGroup();
            }
            case 0x63 -> {
                startGroup("map ");
                valType(s);
                out.append(' ');
                valType(s);
                endGroup();
            }
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b)
                    + ") for component defined type", at);
        }
    }

    /** A component or component type or instance type more: refused past the decoder's limit. */
    private void enter(long at) {
        if (scopes.size() >= ComponentDecoder.MAX_NESTING) {
            throw new MalformedException("nesting too deep", at);
        }
    }

    private void componentType(BinaryReader s) {
        enter(s.offset());
        scopes.add(new Scope(Map.of()));
        newline(-1);
        startGroup("component");
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(-1);
            int kind = s.u8();
            if (kind == 0x03) {
                importDecl(s, true);
            } else {
                instanceDecl(s, kind);
            }
        }
        endGroup();
        scopes.remove(scopes.size() - 1);
    }

    private void instanceType(BinaryReader s) {
        enter(s.offset());
        scopes.add(new Scope(Map.of()));
        newline(-1);
        startGroup("instance");
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(-1);
            instanceDecl(s, s.u8());
        }
        endGroup();
        scopes.remove(scopes.size() - 1);
    }

    private void instanceDecl(BinaryReader s, int kind) {
        switch (kind) {
            case 0x00 -> coreType(s);
            case 0x01 -> typeDef(s);
            case 0x02 -> alias(s);
            case 0x04 -> {
                startGroup("export ");
                Sort sort = Sort.read(peekExternSort(s));
                kindName(sort);
                out.append(' ');
                nameAttributes(s);
                out.append(' ');
                externType(s, false);
                endGroup();
            }
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(kind)
                    + ") for component or instance type declaration", s.offset() - 1);
        }
    }

    /** The sort of the extern type that follows the name of an export declaration, without reading. */
    private static int peekExternSort(BinaryReader s) {
        int mark = s.position();
        int at = s.u8();
        if (at == 0x02) {
            // name and attributes
            s.name();
            int n = s.u32Count();
            for (int i = 0; i < n; i++) {
                int a = s.u8();
                if (a == 0x00 || a == 0x01 || a == 0x02) {
                    s.name();
                }
            }
        } else {
            s.name();
        }
        int sort = s.u8();
        s.seek(mark);
        return switch (sort) {
            case 0x00 -> Sort.MODULE.code;
            case 0x01 -> Sort.FUNC.code;
            case 0x02 -> Sort.VALUE.code;
            case 0x03 -> Sort.TYPE.code;
            case 0x04 -> Sort.COMPONENT.code;
            case 0x05 -> Sort.INSTANCE.code;
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(sort)
                    + ") for component external kind", s.offset());
        };
    }

    /** The sorts of a component's index spaces that imports, exports and aliases name. */
    private enum Sort {
        MODULE(0x11, "core module "), FUNC(0x01, "func "), VALUE(0x02, "value "), TYPE(0x03, "type "),
        COMPONENT(0x04, "component "), INSTANCE(0x05, "instance "),
        CORE_FUNC(0x100, "core func "), CORE_TABLE(0x101, "core table "), CORE_MEMORY(0x102, "core memory "),
        CORE_GLOBAL(0x103, "core global "), CORE_TAG(0x104, "core tag "), CORE_TYPE(0x110, "core type "),
        CORE_INSTANCE(0x112, "core instance ");

        final int code;
        final String keyword;

        Sort(int code, String keyword) {
            this.code = code;
            this.keyword = keyword;
        }

        static Sort read(int code) {
            for (Sort s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw new IllegalArgumentException("sort " + code);
        }

        /** A {@code sort} of the binary: a byte, and for core sorts ({@code 0x00}) a second one. */
        static Sort read(BinaryReader r) {
            long at = r.offset();
            int b = r.u8();
            if (b == 0x00) {
                int c = r.u8();
                for (Sort s : values()) {
                    if (s.code == (c == 0x11 ? 0x11 : 0x100 + c)) {
                        return s;
                    }
                }
                throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(c)
                        + ") for core sort", at + 1);
            }
            if (b >= 0x01 && b <= 0x05) {
                return read(b);
            }
            throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b) + ") for sort", at);
        }
    }

    private Namespace namespace(Scope scope, Sort sort) {
        return switch (sort) {
            case MODULE -> scope.coreModules;
            case FUNC -> scope.funcs;
            case VALUE -> scope.values;
            case TYPE -> scope.types;
            case COMPONENT -> scope.components;
            case INSTANCE -> scope.instances;
            case CORE_FUNC -> scope.coreFuncs;
            case CORE_TABLE -> scope.coreTables;
            case CORE_MEMORY -> scope.coreMemories;
            case CORE_GLOBAL -> scope.coreGlobals;
            case CORE_TAG -> scope.coreTags;
            case CORE_TYPE -> scope.coreTypes;
            case CORE_INSTANCE -> scope.coreInstances;
        };
    }

    /** Takes the next index of {@code sort} in the current scope. */
    private int next(Sort sort) {
        Scope scope = scope();
        return switch (sort) {
            case MODULE -> scope.coreModuleCount++;
            case FUNC -> scope.funcCount++;
            case VALUE -> scope.valueCount++;
            case TYPE -> scope.typeCount++;
            case COMPONENT -> scope.componentCount++;
            case INSTANCE -> scope.instanceCount++;
            case CORE_FUNC -> scope.coreFuncCount++;
            case CORE_TABLE -> scope.coreTableCount++;
            case CORE_MEMORY -> scope.coreMemoryCount++;
            case CORE_GLOBAL -> scope.coreGlobalCount++;
            case CORE_TAG -> scope.coreTagCount++;
            case CORE_TYPE -> {
                int n = scope.core.typeCount();
                scope.core.addOpaqueType();
                yield n;
            }
            case CORE_INSTANCE -> scope.coreInstanceCount++;
        };
    }

    /** The name and index comment of the next item of {@code sort}, which it takes. */
    private void kindName(Sort sort) {
        Namespace ns = namespace(scope(), sort);
        name(ns, next(sort));
    }

    /** {@code "name"}, then its attributes: {@code (implements "a:b/c")}, {@code (versionsuffix ".1")}, ... */
    private void nameAttributes(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        switch (b) {
            case 0x00, 0x01 -> str(s.name());
            case 0x02 -> {
                str(s.name());
                int n = s.u32Count();
                for (int i = 0; i < n; i++) {
                    long aat = s.offset();
                    int a = s.u8();
                    out.append(' ');
                    switch (a) {
                        case 0x00 -> startGroup("implements ");
                        case 0x01 -> startGroup("versionsuffix ");
                        case 0x02 -> startGroup("external-id ");
                        default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(a)
                                + ") for name attribute", aat);
                    }
                    str(s.name());
                    endGroup();
                }
            }
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b)
                    + ") for component name", at);
        }
    }

    /** An extern type; with {@code indexed}, the name and index of the item it declares come first. */
    private void externType(BinaryReader s, boolean indexed) {
        Scope scope = scope();
        long at = s.offset();
        int b = s.u8();
        switch (b) {
            case 0x00 -> {
                int c = s.u8();
                if (c != 0x11) {
                    throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(c)
                            + ") for component external kind", at + 1);
                }
                startGroup("core module ");
                if (indexed) {
                    kindName(Sort.MODULE);
                    out.append(' ');
                }
                startGroup("type ");
                ref(scope.coreTypes, s.u32());
                endGroup();
                endGroup();
            }
            case 0x01, 0x04, 0x05 -> {
                Sort sort = b == 0x01 ? Sort.FUNC : b == 0x04 ? Sort.COMPONENT : Sort.INSTANCE;
                startGroup(sort.keyword);
                if (indexed) {
                    kindName(sort);
                    out.append(' ');
                }
                startGroup("type ");
                ref(scope.types, s.u32());
                endGroup();
                endGroup();
            }
            case 0x02 -> {
                startGroup("value ");
                if (indexed) {
                    kindName(Sort.VALUE);
                    out.append(' ');
                }
                // wasm-tools encodes a value's type alone, without the explainer's valuebound byte
                if (isPrimitive(s.peek())) {
                    valType(s);
                } else {
                    startGroup("type ");
                    valType(s);
                    endGroup();
                }
                endGroup();
            }
            case 0x03 -> {
                startGroup("type ");
                if (indexed) {
                    kindName(Sort.TYPE);
                    out.append(' ');
                }
                int bound = s.u8();
                if (bound == 0x00) {
                    startGroup("eq ");
                    ref(scope.types, s.u32());
                    endGroup();
                } else if (bound == 0x01) {
                    startGroup("sub ");
                    out.append("resource");
                    endGroup();
                } else {
                    throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(bound)
                            + ") for type bound", s.offset() - 1);
                }
                endGroup();
            }
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b)
                    + ") for component external kind", at);
        }
    }

    // ------------------------------------------------------------------ imports, exports, instances

    private void importDecl(BinaryReader s, boolean indexed) {
        startGroup("import ");
        nameAttributes(s);
        out.append(' ');
        externType(s, indexed);
        endGroup();
    }

    private void export(BinaryReader s) {
        startGroup("export ");
        int mark = s.position();
        // the name comes first in the binary but the new item's index goes first in the text
        skipNameAttributes(s);
        Sort sort = Sort.read(s);
        int index = s.u32();
        int after = s.position();
        kindName(sort);
        out.append(' ');
        s.seek(mark);
        nameAttributes(s);
        s.seek(after);
        out.append(' ');
        sortIdx(sort, index);
        int hasType = s.u8();
        if (hasType == 0x01) {
            out.append(' ');
            externType(s, false);
        } else if (hasType != 0x00) {
            throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(hasType)
                    + ") for optional export type", s.offset() - 1);
        }
        endGroup();
    }

    private static void skipNameAttributes(BinaryReader s) {
        int b = s.u8();
        s.name();
        if (b == 0x02) {
            int n = s.u32Count();
            for (int i = 0; i < n; i++) {
                s.u8();
                s.name();
            }
        }
    }

    /** {@code (func $f)}: a sort and an index of it, in the current scope. */
    private void sortIdx(Sort sort, int index) {
        startGroup(sort.keyword);
        ref(namespace(scope(), sort), index);
        endGroup();
    }

    private void instanceSection(BinaryReader s) {
        Scope scope = scope();
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            long offset = s.offset();
            newline(offset);
            startGroup("instance ");
            name(scope.instances, scope.instanceCount++);
            int kind = s.u8();
            switch (kind) {
                case 0x00 -> {
                    out.append(' ');
                    startGroup("instantiate ");
                    ref(scope.components, s.u32());
                    int args = s.u32Count();
                    for (int a = 0; a < args; a++) {
                        newline(offset);
                        startGroup("with ");
                        str(s.name());
                        out.append(' ');
                        Sort sort = Sort.read(s);
                        sortIdx(sort, s.u32());
                        endGroup();
                    }
                    endGroup();
                }
                case 0x01 -> {
                    int exports = s.u32Count();
                    for (int e = 0; e < exports; e++) {
                        newline(offset);
                        startGroup("export ");
                        nameAttributes(s);
                        out.append(' ');
                        Sort sort = Sort.read(s);
                        sortIdx(sort, s.u32());
                        endGroup();
                    }
                }
                default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(kind)
                        + ") for component instance", s.offset() - 1);
            }
            endGroup();
        }
    }

    // ------------------------------------------------------------------ aliases

    private Scope outerScope(int count, long at) {
        if (count < 0 || count >= scopes.size()) {
            throw new MalformedException("invalid outer alias count of " + Integer.toUnsignedString(count), at);
        }
        return scopes.get(scopes.size() - 1 - count);
    }

    /** The outer component's identifier, or the count when it has none. */
    private void outerName(Scope outer, int count) {
        if (outer.id != null) {
            out.append(outer.id);
        } else {
            out.append(count);
        }
    }

    private void alias(BinaryReader s) {
        Scope scope = scope();
        Sort sort = Sort.read(s);
        long at = s.offset();
        int target = s.u8();
        switch (target) {
            case 0x00 -> {
                startGroup("alias export ");
                ref(scope.instances, s.u32());
                out.append(' ');
                str(s.name());
                out.append(' ');
                startGroup(sort.keyword);
                kindName(sort);
                endGroup();
                endGroup();
            }
            case 0x01 -> {
                startGroup("alias core export ");
                ref(scope.coreInstances, s.u32());
                out.append(' ');
                str(s.name());
                out.append(' ');
                startGroup(sort.keyword);
                kindName(sort);
                endGroup();
                endGroup();
            }
            case 0x02 -> {
                int count = s.u32();
                int index = s.u32();
                Scope outer = outerScope(count, at);
                startGroup("alias outer ");
                outerName(outer, count);
                out.append(' ');
                ref(namespace(outer, sort), index);
                out.append(' ');
                startGroup(sort.keyword);
                kindName(sort);
                endGroup();
                endGroup();
            }
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(target)
                    + ") for alias", at);
        }
    }

    // ------------------------------------------------------------------ canonical functions

    private void canon(BinaryReader s) {
        Scope scope = scope();
        long at = s.offset();
        int op = s.u8();
        if (op == 0x00) {
            if (s.u8() != 0x00) {
                throw new MalformedException("invalid leading byte for canon lift", at + 1);
            }
            int coreFunc = s.u32();
            startGroup("func ");
            name(scope.funcs, scope.funcCount);
            out.append(' ');
            int optionsAt = s.position();
            skipOptions(s);
            int type = s.u32();
            int end = s.position();
            startGroup("type ");
            ref(scope.types, type);
            endGroup();
            out.append(' ');
            startGroup("canon lift ");
            startGroup("core func ");
            ref(scope.coreFuncs, coreFunc);
            endGroup();
            s.seek(optionsAt);
            options(s);
            s.seek(end);
            endGroup();
            endGroup();
            scope.funcCount++;
            return;
        }
        startGroup("core func ");
        name(scope.coreFuncs, scope.coreFuncCount);
        out.append(' ');
        switch (op) {
            case 0x01 -> {
                if (s.u8() != 0x00) {
                    throw new MalformedException("invalid leading byte for canon lower", at + 1);
                }
                startGroup("canon lower ");
                startGroup("func ");
                ref(scope.funcs, s.u32());
                endGroup();
                options(s);
            }
            case 0x02 -> typeOp(s, "canon resource.new ");
            case 0x03 -> typeOp(s, "canon resource.drop ");
            case 0x07 -> {
                typeOp(s, "canon resource.drop ");
                out.append(" async");
            }
            case 0x04 -> typeOp(s, "canon resource.rep ");
            case 0x08 -> {
                startGroup("canon backpressure.set");
            }
            case 0x24 -> startGroup("canon backpressure.inc");
            case 0x25 -> startGroup("canon backpressure.dec");
            case 0x09 -> {
                startGroup("canon task.return");
                int results = s.u8();
                if (results == 0x00) {
                    out.append(' ');
                    startGroup("result ");
                    valType(s);
                    endGroup();
                } else if (results == 0x01) {
                    if (s.u32Count() != 0) {
                        throw new MalformedException("named results are not allowed for task.return", s.offset());
                    }
                } else {
                    throw new MalformedException("invalid leading byte for task.return results", s.offset() - 1);
                }
                options(s);
            }
            case 0x05 -> startGroup("canon task.cancel");
            case 0x0a, 0x0b -> {
                startGroup(op == 0x0a ? "canon context.get " : "canon context.set ");
                scope.core.valType(TypeCodec.valType(s));
                out.append(' ').append(Integer.toUnsignedString(s.u32()));
            }
            case 0x06 -> {
                startGroup("canon subtask.cancel");
                flag(s, " async");
            }
            case 0x0d -> startGroup("canon subtask.drop");
            case 0x0e -> typeOp(s, "canon stream.new ");
            case 0x0f -> { typeOp(s, "canon stream.read "); options(s); }
            case 0x10 -> { typeOp(s, "canon stream.write "); options(s); }
            case 0x11 -> { typeOp(s, "canon stream.cancel-read "); flag(s, " async"); }
            case 0x12 -> { typeOp(s, "canon stream.cancel-write "); flag(s, " async"); }
            case 0x13 -> typeOp(s, "canon stream.drop-readable ");
            case 0x14 -> typeOp(s, "canon stream.drop-writable ");
            case 0x15 -> typeOp(s, "canon future.new ");
            case 0x16 -> { typeOp(s, "canon future.read "); options(s); }
            case 0x17 -> { typeOp(s, "canon future.write "); options(s); }
            case 0x18 -> { typeOp(s, "canon future.cancel-read "); flag(s, " async"); }
            case 0x19 -> { typeOp(s, "canon future.cancel-write "); flag(s, " async"); }
            case 0x1a -> typeOp(s, "canon future.drop-readable ");
            case 0x1b -> typeOp(s, "canon future.drop-writable ");
            case 0x1c -> { startGroup("canon error-context.new"); options(s); }
            case 0x1d -> { startGroup("canon error-context.debug-message"); options(s); }
            case 0x1e -> startGroup("canon error-context.drop");
            case 0x1f -> startGroup("canon waitable-set.new");
            case 0x20, 0x21 -> {
                startGroup(op == 0x20 ? "canon waitable-set.wait " : "canon waitable-set.poll ");
                if (flagByte(s)) {
                    out.append("cancellable ");
                }
                startGroup("memory ");
                ref(scope.coreMemories, s.u32());
                endGroup();
            }
            case 0x22 -> startGroup("canon waitable-set.drop");
            case 0x23 -> startGroup("canon waitable.join");
            case 0x26 -> startGroup("canon thread.index");
            case 0x27 -> {
                startGroup("canon thread.new-indirect ");
                ref(scope.coreTypes, s.u32());
                out.append(' ');
                ref(scope.coreTables, s.u32());
            }
            case 0x28 -> startGroup("canon thread.resume-later");
            case 0x29 -> { startGroup("canon thread.suspend"); flag(s, " cancellable"); }
            case 0x0c -> { startGroup("canon thread.yield"); flag(s, " cancellable"); }
            case 0x2a -> { startGroup("canon thread.suspend-then-resume"); flag(s, " cancellable"); }
            case 0x2b -> { startGroup("canon thread.yield-then-resume"); flag(s, " cancellable"); }
            case 0x2c -> { startGroup("canon thread.suspend-then-promote"); flag(s, " cancellable"); }
            case 0x2d -> { startGroup("canon thread.yield-then-promote"); flag(s, " cancellable"); }
            // wasm-tools writes no sh? byte before these (the spec's shared-everything-threads
            // addition), as the decoder reads them.
            case 0x40 -> {
                startGroup("canon thread.spawn-ref ");
                ref(scope.coreTypes, s.u32());
            }
            case 0x41 -> {
                startGroup("canon thread.spawn-indirect ");
                ref(scope.coreTypes, s.u32());
                out.append(' ');
                ref(scope.coreTables, s.u32());
            }
            case 0x42 -> startGroup("canon thread.available_parallelism");
            default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(op)
                    + ") for canonical function", at);
        }
        endGroup();
        endGroup();
        scope.coreFuncCount++;
    }

    /** {@code (canon op T}: an operation on type {@code T}. */
    private void typeOp(BinaryReader s, String keyword) {
        startGroup(keyword);
        ref(scope().types, s.u32());
    }

    private static boolean flagByte(BinaryReader s) {
        int b = s.u8();
        if (b > 1) {
            throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b) + ") for bool",
                    s.offset() - 1);
        }
        return b == 1;
    }

    private void flag(BinaryReader s, String text) {
        if (flagByte(s)) {
            out.append(text);
        }
    }

    private static void skipOptions(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            int b = s.u8();
            if (b == 0x03 || b == 0x04 || b == 0x05 || b == 0x07 || b == 0x08) {
                s.u32();
            }
        }
    }

    private void options(BinaryReader s) {
        Scope scope = scope();
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            out.append(' ');
            long at = s.offset();
            int b = s.u8();
            switch (b) {
                case 0x00 -> out.append("string-encoding=utf8");
                case 0x01 -> out.append("string-encoding=utf16");
                case 0x02 -> out.append("string-encoding=latin1+utf16");
                case 0x03 -> { startGroup("memory "); ref(scope.coreMemories, s.u32()); endGroup(); }
                case 0x04 -> { startGroup("realloc "); ref(scope.coreFuncs, s.u32()); endGroup(); }
                case 0x05 -> { startGroup("post-return "); ref(scope.coreFuncs, s.u32()); endGroup(); }
                case 0x06 -> out.append("async");
                case 0x07 -> { startGroup("callback "); ref(scope.coreFuncs, s.u32()); endGroup(); }
                case 0x08 -> { startGroup("core-type "); ref(scope.coreTypes, s.u32()); endGroup(); }
                case 0x09 -> out.append("gc");
                default -> throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b)
                        + ") for canonical option", at);
            }
        }
    }

    // ------------------------------------------------------------------ start

    private void start(BinaryReader s, long offset) {
        Scope scope = scope();
        newline(offset);
        startGroup("start ");
        ref(scope.funcs, s.u32());
        int args = s.u32Count();
        for (int i = 0; i < args; i++) {
            out.append(' ');
            startGroup("value ");
            ref(scope.values, s.u32());
            endGroup();
        }
        int results = s.u32Count();
        for (int i = 0; i < results; i++) {
            out.append(' ');
            startGroup("result ");
            startGroup("value ");
            name(scope.values, scope.valueCount++);
            endGroup();
            endGroup();
        }
        endGroup();
    }

    // ------------------------------------------------------------------ names

    /** What a component's {@code component-name} section says, read before printing. */
    private record ComponentNames(String componentName, Map<String, List<List<Naming>>> sorts, boolean decoded) {
        static final ComponentNames NONE = new ComponentNames(null, Map.of(), false);

        /** Reads the sections of {@code r} (just past its preamble) for a component-name section. */
        static ComponentNames find(BinaryReader r) {
            ComponentNames found = NONE;
            while (!r.eof()) {
                int id = r.u8();
                int size = r.u32();
                if (size < 0 || size > r.remaining()) {
                    return found;
                }
                BinaryReader s = r.slice(size);
                if (id == 0 && s.name().equals("component-name") && found == NONE) {
                    found = decode(s);
                }
            }
            return found;
        }

        /**
         * Like wasm-tools, keeps the names read before an error; the section then also prints as
         * a plain custom section.
         */
        private static ComponentNames decode(BinaryReader s) {
            String component = null;
            Map<String, List<List<Naming>>> sorts = new HashMap<>();
            try {
                while (!s.eof()) {
                    int id = s.u8();
                    int size = s.u32();
                    BinaryReader sub = s.slice(size);
                    if (id == 0) {
                        component = sub.name();
                    } else if (id == 1) {
                        String kind = switch (sub.u8()) {
                            case 0x00 -> switch (sub.u8()) {
                                case 0x00 -> "core-func";
                                case 0x01 -> "core-table";
                                case 0x02 -> "core-memory";
                                case 0x03 -> "core-global";
                                case 0x04 -> "core-tag";
                                case 0x10 -> "core-type";
                                case 0x11 -> "core-module";
                                case 0x12 -> "core-instance";
                                default -> null;
                            };
                            case 0x01 -> "func";
                            case 0x02 -> "value";
                            case 0x03 -> "type";
                            case 0x04 -> "component";
                            case 0x05 -> "instance";
                            default -> null;
                        };
                        if (kind == null) {
                            continue;
                        }
                        List<Naming> names = new ArrayList<>();
                        int n = sub.u32Count();
                        for (int i = 0; i < n; i++) {
                            int index = sub.u32();
                            names.add(new Naming(index, sub.name()));
                        }
                        sorts.computeIfAbsent(kind, k -> new ArrayList<>()).add(names);
                    }
                }
            } catch (MalformedException e) {
                return new ComponentNames(component, sorts, false);
            }
            return new ComponentNames(component, sorts, true);
        }
    }
}
