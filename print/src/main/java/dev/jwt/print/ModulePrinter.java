package dev.jwt.print;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.custom.NameSectionCodec;
import dev.jwt.binary.module.NameSection;
import dev.jwt.binary.module.NameSection.IndirectNaming;
import dev.jwt.binary.module.NameSection.Naming;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints one module: a first pass over the sections learns the types, the function signatures
 * and the names (the name section comes last but names are printed from the first line on); the
 * second pass prints each section's items in binary order, custom sections where they stand.
 */
final class ModulePrinter {
    private static final String[] SECTION_NAMES = {
        "custom", "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "code", "data",
        "datacount", "tag"
    };

    /** The module's bytes, preamble first (a window of a component's bytes for a nested module). */
    private final BinaryReader source;
    /** The nesting of the module's own {@code (module} line: 0 on its own, deeper inside a component. */
    private final int baseIndent;
    /** The opening text of a nested module ({@code (core module $m (;0;)}), or null for {@code (module}. */
    private final String opening;
    /** The component printer this one prints for, which counts the lines printed; or null. */
    private final ComponentPrinter component;
    final PrintOptions options;
    /** Where text goes; the folding printer points it at a scratch buffer while it captures. */
    StringBuilder out;
    int indent;

    /** Every type definition, rec groups flattened. */
    final List<SubType> types = new ArrayList<>();
    /** The type index of every function, imports first. */
    private int[] funcTypes = new int[16];
    private int funcCount;
    /** The type index of every tag, imports first. */
    private final List<Integer> tagTypes = new ArrayList<>();

    Namespace typeNames = Namespace.EMPTY;
    Namespace funcNames = Namespace.EMPTY;
    Namespace tableNames = Namespace.EMPTY;
    Namespace memoryNames = Namespace.EMPTY;
    Namespace globalNames = Namespace.EMPTY;
    Namespace elemNames = Namespace.EMPTY;
    Namespace dataNames = Namespace.EMPTY;
    Namespace tagNames = Namespace.EMPTY;
    private String moduleId;
    private String moduleAnnotation = "";
    private final Map<Integer, Namespace> localNames = new HashMap<>();
    final Map<Integer, Map<Integer, String>> labelNames = new HashMap<>();
    private final Map<Integer, Namespace> fieldNames = new HashMap<>();
    private boolean nameSectionDecoded;
    final CustomSections customs = new CustomSections(this);
    /** Where the code metadata sections that decoded start: they print inline, not as custom sections. */
    private final java.util.Set<Long> decodedCodeMetadata = new java.util.HashSet<>();

    private int tableIndex;
    private int memoryIndex;
    private int globalIndex;
    private int tagIndex;
    private int funcIndex;
    private int importedFuncs;

    /** Where finished text is flushed between top-level items; null to keep it all in {@link #out}. */
    private final Appendable sink;
    private boolean anyItem;

    ModulePrinter(byte[] wasm, PrintOptions options, StringBuilder out, Appendable sink) {
        this(new BinaryReader(wasm), options, out, sink, 0, null, null);
    }

    /**
     * A printer of a module nested in a component: {@code source} holds its bytes (preamble
     * first, offsets those of the enclosing binary), {@code opening} its first line's text.
     */
    ModulePrinter(BinaryReader source, PrintOptions options, StringBuilder out, Appendable sink, int baseIndent,
            String opening, ComponentPrinter component) {
        this.source = source;
        this.baseIndent = baseIndent;
        this.opening = opening;
        this.component = component;
        this.options = options;
        this.out = out;
        this.sink = sink;
        this.indents = new String[MAX_INDENT + 1];
        for (int i = 0; i <= MAX_INDENT; i++) {
            indents[i] = " ".repeat(options.indent() * i);
        }
    }

    /**
     * A printer of core types and imports only, for a component: its core type section and the
     * module types it declares. Types print as {@code (type ...)}, or {@code (core type ...)} when
     * {@code typeKeyword} says so.
     */
    ModulePrinter(PrintOptions options, StringBuilder out, ComponentPrinter component, Namespace typeNames,
            String typeKeyword) {
        this(null, options, out, null, 0, null, component);
        this.typeNames = typeNames;
        this.typeKeyword = typeKeyword;
    }

    /** The keyword of a type definition: {@code type}, or {@code core type} in a component. */
    private String typeKeyword = "type";

    private static final int FLUSH_AT = 1 << 16;

    private void flush() {
        try {
            sink.append(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.setLength(0);
    }

    // ------------------------------------------------------------------ output helpers

    /** Starts a new line at the current indentation, marked with {@code offset} under -p (-1: none). */
    void newline(long offset) {
        if (component != null) {
            component.lines++;
        }
        if (indent == baseIndent + 1) {
            anyItem = true;
            if (sink != null && out.length() > FLUSH_AT) {
                flush();
            }
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
        // wasm-tools stops indenting deeper than 50 levels, so deep nesting stays readable
        out.append(indents[Math.min(indent, MAX_INDENT)]);
    }

    private static final int MAX_INDENT = 50;
    /** The indentation of each level, as strings: appending a String to a Latin-1 builder is a plain copy. */
    private final String[] indents;

    // ------------------------------------------------------------------ driver

    void print() {
        BinaryReader r = source;
        checkHeader(r);
        useNames(NameSection.EMPTY);
        int sections = r.position();
        firstPass(r.slice(r.remaining()));
        r.seek(sections);
        if (opening != null) {
            out.append(opening);
        } else {
            out.append("(module");
            if (moduleId != null) {
                out.append(' ').append(moduleId).append(moduleAnnotation);
            }
        }
        indent = baseIndent + 1;
        int lastSection = 0;
        while (!r.eof()) {
            int id = r.u8();
            int size = r.u32();
            if (size < 0 || size > r.remaining()) {
                throw new MalformedException("section size mismatch: unexpected end", r.offset());
            }
            BinaryReader s = r.slice(size);
            switch (id) {
                case 0 -> customSection(s, lastSection);
                case 1 -> typeSection(s);
                case 2 -> importSection(s);
                case 3 -> { }
                case 4 -> tableSection(s);
                case 5 -> memorySection(s);
                case 6 -> globalSection(s);
                case 7 -> exportSection(s);
                case 8 -> {
                    newline(s.offset());
                    out.append("(start ");
                    funcNames.ref(out, s.u32());
                    out.append(')');
                }
                case 9 -> elemSection(s);
                case 10 -> codeSection(s);
                case 11 -> dataSection(s);
                case 12 -> { }
                case 13 -> tagSection(s);
                default -> throw new MalformedException("malformed section id", r.offset() - size - 1);
            }
            if (id != 0) {
                lastSection = id;
            }
        }
        indent = baseIndent;
        if (opening != null) {
            // nested: the closing line has no offset of its own, and the component goes on
            if (anyItem) {
                newline(-1);
            }
            out.append(')');
            return;
        }
        if (anyItem) {
            newline(r.offset());
        }
        out.append(")\n");
        if (sink != null) {
            flush();
        }
    }

    private static void checkHeader(BinaryReader r) {
        long start = r.offset();
        if (r.remaining() < 8) {
            throw new MalformedException("unexpected end", start);
        }
        if (r.u8() != 0 || r.u8() != 'a' || r.u8() != 's' || r.u8() != 'm') {
            throw new MalformedException("magic header not detected", start);
        }
        int version = r.u8() | r.u8() << 8 | r.u8() << 16 | r.u8() << 24;
        if (version != 1) {
            throw new MalformedException("unknown binary version", start + 4);
        }
    }

    // ------------------------------------------------------------------ first pass

    private void firstPass(BinaryReader r) {
        while (!r.eof()) {
            int id = r.u8();
            int size = r.u32();
            if (size < 0 || size > r.remaining()) {
                throw new MalformedException("section size mismatch: unexpected end", r.offset());
            }
            BinaryReader s = r.slice(size);
            switch (id) {
                case 1 -> {
                    int n = s.u32Count();
                    for (int i = 0; i < n; i++) {
                        types.addAll(TypeCodec.recGroup(s).types());
                    }
                }
                case 2 -> {
                    int n = s.u32Count();
                    for (int i = 0; i < n; i++) {
                        s.name();
                        s.name();
                        int kind = s.u8();
                        switch (kind) {
                            case 0, ImportDesc.Func.EXACT_CODE -> addFunc(s.u32());
                            case 1 -> TypeCodec.tableType(s);
                            case 2 -> TypeCodec.limits(s, true);
                            case 3 -> TypeCodec.globalType(s);
                            case 4 -> { s.u8(); tagTypes.add(s.u32()); }
                            default -> throw new MalformedException("malformed import kind", s.offset() - 1);
                        }
                    }
                    importedFuncs = funcCount;
                }
                case 3 -> {
                    int n = s.u32Count();
                    for (int i = 0; i < n; i++) {
                        addFunc(s.u32());
                    }
                }
                case 13 -> {
                    int n = s.u32Count();
                    for (int i = 0; i < n; i++) {
                        s.u8();
                        tagTypes.add(s.u32());
                    }
                }
                case 0 -> {
                    long start = s.offset();
                    String name = s.name();
                    if (name.startsWith("metadata.code.") && customs.readCodeMetadata(name, s)) {
                        decodedCodeMetadata.add(start);
                    }
                    if (name.equals("name")) {
                        // one that does not decode is printed as a plain custom section, like wasm-tools does
                        long at = s.offset();
                        NameSection names = NameSectionCodec.tryDecode(s.rest(), at);
                        nameSectionDecoded = names != null;
                        if (names != null) {
                            useNames(names);
                        }
                    }
                }
                default -> { }
            }
        }
    }

    private void addFunc(int type) {
        if (funcCount == funcTypes.length) {
            funcTypes = java.util.Arrays.copyOf(funcTypes, funcCount * 2);
        }
        funcTypes[funcCount++] = type;
    }

    /** The function type of function {@code index}, or null when it has none (invalid module). */
    FuncType funcTypeOfFunction(int index) {
        return index >= 0 && index < funcCount ? funcType(funcTypes[index]) : null;
    }

    /** The function type of tag {@code index}, or null. */
    FuncType tagFuncType(int index) {
        return index >= 0 && index < tagTypes.size() ? funcType(tagTypes.get(index)) : null;
    }

    FuncType funcType(int typeIndex) {
        if (typeIndex >= 0 && typeIndex < types.size() && types.get(typeIndex).composite() instanceof FuncType f) {
            return f;
        }
        return null;
    }

    /** Sets up the identifiers from a decoded name section. */
    private void useNames(NameSection names) {
        boolean unnamed = options.nameUnnamed();
        typeNames = new Namespace("type", names.types(), unnamed);
        funcNames = new Namespace("func", names.functions(), unnamed);
        tableNames = new Namespace("table", names.tables(), unnamed);
        memoryNames = new Namespace("memory", names.memories(), unnamed);
        globalNames = new Namespace("global", names.globals(), unnamed);
        elemNames = new Namespace("elem", names.elements(), unnamed);
        dataNames = new Namespace("data", names.data(), unnamed);
        tagNames = new Namespace("tag", names.tags(), unnamed);
        if (names.moduleName() != null) {
            Namespace ns = new Namespace("module", List.of(new Naming(0, names.moduleName())), false);
            moduleId = ns.id(0);
            moduleAnnotation = ns.annotation(0);
        }
        for (IndirectNaming in : names.locals()) {
            localNames.putIfAbsent(in.index(), new Namespace("local", in.names(), unnamed));
        }
        for (IndirectNaming in : names.fields()) {
            fieldNames.putIfAbsent(in.index(), new Namespace("field", in.names(), unnamed));
        }
        for (IndirectNaming in : names.labels()) {
            Map<Integer, String> m = labelNames.computeIfAbsent(in.index(), k -> new HashMap<>());
            for (Naming n : in.names()) {
                m.putIfAbsent(n.index(), n.name());
            }
        }
    }

    Namespace locals(int func) {
        Namespace ns = localNames.get(func);
        if (ns == null) {
            ns = options.nameUnnamed() ? new Namespace("local", List.of(), true) : Namespace.EMPTY;
        }
        return ns;
    }

    Namespace fields(int type) {
        Namespace ns = fieldNames.get(type);
        return ns == null ? Namespace.EMPTY : ns;
    }

    // ------------------------------------------------------------------ types

    private void typeSection(BinaryReader s) {
        int n = s.u32Count();
        int index = 0;
        for (int i = 0; i < n; i++) {
            long at = s.offset();
            RecGroup recGroup = TypeCodec.recGroup(s);
            List<SubType> group = recGroup.types();
            if (!recGroup.explicit()) {
                newline(at);
                typeDef(index++, group.get(0));
            } else {
                newline(at);
                out.append("(rec");
                indent++;
                for (SubType t : group) {
                    newline(-1);
                    typeDef(index++, t);
                }
                indent--;
                if (!group.isEmpty()) {
                    newline(-1);
                }
                out.append(')');
            }
        }
    }

    /** Prints one type definition of a component's core types or module type, and takes note of it. */
    void scopedTypeDef(SubType t) {
        int index = types.size();
        types.add(t);
        typeDef(index, t);
    }

    /** Prints a rec group of a component's core types or module type: one type, or {@code (rec ...)}. */
    void scopedRecGroup(RecGroup group) {
        if (!group.explicit()) {
            scopedTypeDef(group.types().get(0));
            return;
        }
        // in a component: (core rec (type ...) ...)
        String keyword = typeKeyword;
        out.append(keyword.equals("type") ? "(rec" : "(core rec");
        typeKeyword = "type";
        indent++;
        for (SubType t : group.types()) {
            newline(-1);
            scopedTypeDef(t);
        }
        indent--;
        typeKeyword = keyword;
        if (!group.types().isEmpty()) {
            newline(-1);
        }
        out.append(')');
    }

    /** The number of types defined so far (in a component's or a module type's core type index space). */
    int typeCount() {
        return types.size();
    }

    /** Takes note of a type this printer did not print (an outer alias, a module type). */
    void addOpaqueType() {
        types.add(null);
    }

    private void typeDef(int index, SubType t) {
        out.append('(').append(typeKeyword);
        item(typeNames, index);
        out.append(' ');
        if (t.isFinal() && t.supertypes().isEmpty()) {
            sharedComposite(index, t);
        } else {
            out.append("(sub");
            if (t.isFinal()) {
                out.append(" final");
            }
            for (int s : t.supertypes()) {
                out.append(' ');
                typeNames.ref(out, s);
            }
            out.append(' ');
            sharedComposite(index, t);
            out.append(')');
        }
        out.append(')');
    }

    /**
     * The describes/descriptor clauses and the composite type, inside {@code (shared ...)} when it
     * is shared (shared-everything-threads): {@code (shared (descriptor $b) (struct))}.
     */
    private void sharedComposite(int index, SubType t) {
        if (t.shared()) {
            out.append("(shared ");
            descriptorClauses(t);
            composite(index, t.composite());
            out.append(')');
        } else {
            descriptorClauses(t);
            composite(index, t.composite());
        }
    }

    /** custom-descriptors: {@code (describes $x) (descriptor $y) }, each when present. */
    private void descriptorClauses(SubType t) {
        if (t.describes().isPresent()) {
            out.append("(describes ");
            typeNames.ref(out, t.describes().getAsInt());
            out.append(") ");
        }
        if (t.descriptor().isPresent()) {
            out.append("(descriptor ");
            typeNames.ref(out, t.descriptor().getAsInt());
            out.append(") ");
        }
    }

    /** Appends an item's identifier, name annotation and index comment: {@code  $f (;3;)}. */
    void item(Namespace ns, int index) {
        String id = ns.id(index);
        if (id != null) {
            out.append(' ').append(id).append(ns.annotation(index));
        }
        out.append(" (;").append(index).append(";)");
    }

    private void composite(int typeIndex, CompositeType c) {
        if (c instanceof FuncType f) {
            out.append("(func");
            signature(f, null);
            out.append(')');
        } else if (c instanceof StructType st) {
            out.append("(struct");
            Namespace names = fields(typeIndex);
            for (int i = 0; i < st.fields().size(); i++) {
                out.append(" (field");
                String id = names.id(i);
                if (id != null) {
                    out.append(' ').append(id).append(names.annotation(i));
                }
                out.append(' ');
                fieldType(st.fields().get(i));
                out.append(')');
            }
            out.append(')');
        } else if (c instanceof ArrayType a) {
            out.append("(array ");
            fieldType(a.element());
            out.append(')');
        } else if (c instanceof ContType k) {
            out.append("(cont ");
            typeNames.ref(out, k.funcTypeIndex());
            out.append(')');
        }
    }

    private void fieldType(FieldType f) {
        if (f.mutable()) {
            out.append("(mut ");
        }
        StorageType st = f.storage();
        if (st instanceof PackedType p) {
            out.append(p.text());
        } else {
            valType((ValType) st);
        }
        if (f.mutable()) {
            out.append(')');
        }
    }

    /**
     * Appends {@code  (param ...) (result ...)}. With {@code locals} (a function's own names),
     * named parameters stand in groups of their own: {@code (param $x i32) (param i32 i32)}.
     */
    void signature(FuncType f, Namespace locals) {
        if (!f.params().isEmpty()) {
            out.append(' ');
            LocalGroups g = new LocalGroups("param");
            for (int i = 0; i < f.params().size(); i++) {
                g.local(locals, i, f.params().get(i));
            }
            g.finish();
        }
        if (!f.results().isEmpty()) {
            out.append(" (result");
            for (ValType t : f.results()) {
                out.append(' ');
                valType(t);
            }
            out.append(')');
        }
    }

    /** Groups consecutive unnamed locals or params: {@code (local i32 i64) (local $x f32)}. */
    final class LocalGroups {
        private final String keyword;
        private boolean first = true;
        private boolean open;

        LocalGroups(String keyword) {
            this.keyword = keyword;
        }

        void local(Namespace names, int index, ValType type) {
            String id = names == null ? null : names.id(index);
            if (id != null && open) {
                out.append(')');
                open = false;
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            if (!open) {
                out.append('(').append(keyword).append(' ');
                open = true;
            }
            if (id != null) {
                out.append(id).append(names.annotation(index)).append(' ');
            }
            valType(type);
            if (id != null) {
                out.append(')');
                open = false;
            }
        }

        void finish() {
            if (open) {
                out.append(')');
            }
        }
    }

    void valType(ValType t) {
        if (t instanceof NumType n) {
            out.append(switch (n) {
                case I32 -> "i32";
                case I64 -> "i64";
                case F32 -> "f32";
                case F64 -> "f64";
            });
        } else if (t instanceof VecType) {
            out.append("v128");
        } else {
            refType((RefType) t);
        }
    }

    void refType(RefType t) {
        HeapType h = t.heapType();
        if (t.nullable() && h instanceof AbsHeapType a) {
            out.append(shorthand(a));
            return;
        }
        out.append(t.nullable() ? "(ref null " : "(ref ");
        heapType(h);
        out.append(')');
    }

    private static String shorthand(AbsHeapType a) {
        return switch (a) {
            case NONE -> "nullref";
            case NOEXTERN -> "nullexternref";
            case NOFUNC -> "nullfuncref";
            case NOEXN -> "nullexnref";
            case NOCONT -> "nullcontref";
            default -> a.text() + "ref";
        };
    }

    void heapType(HeapType h) {
        if (h instanceof AbsHeapType a) {
            out.append(a.text());
        } else if (h instanceof SharedAbsHeapType s) {
            out.append("(shared ").append(s.type().text()).append(')');
        } else {
            ConcreteHeapType c = (ConcreteHeapType) h;
            if (c.exact()) {
                out.append("(exact ");
                typeNames.ref(out, c.typeIndex());
                out.append(')');
            } else {
                typeNames.ref(out, c.typeIndex());
            }
        }
    }

    /** {@code (type $t)} followed by the signature of function type {@code typeIndex}. */
    void typeUse(int typeIndex, Namespace locals) {
        typeUse(typeIndex, locals, true);
    }

    /** {@code (type $t)}, with the signature when {@code withSignature} (imports and call_indirect go without). */
    void typeUse(int typeIndex, Namespace locals, boolean withSignature) {
        out.append("(type ");
        typeNames.ref(out, typeIndex);
        out.append(')');
        FuncType f = withSignature ? funcType(typeIndex) : null;
        if (f != null) {
            signature(f, locals);
        }
    }

    // ------------------------------------------------------------------ imports and definitions

    private void limits(Limits l) {
        if (l.is64()) {
            out.append("i64 ");
        }
        out.append(Long.toUnsignedString(l.min()));
        if (l.max().isPresent()) {
            out.append(' ').append(Long.toUnsignedString(l.max().getAsLong()));
        }
        if (l.shared()) {
            out.append(" shared");
        }
    }

    private void memoryType(BinaryReader r) {
        Limits l = TypeCodec.limits(r, true);
        limits(l);
        if (l.pageSizeLog2() >= 0) {
            out.append(" (pagesize 0x").append(Long.toHexString(1L << l.pageSizeLog2())).append(')');
        }
    }

    private void tableType(BinaryReader r) {
        TableType t = TypeCodec.tableType(r);
        Limits l = t.limits();
        if (l.shared()) {
            // A shared table (shared-everything-threads) says so first.
            out.append("shared ");
            l = new Limits(l.min(), l.max(), l.is64(), false, l.pageSizeLog2());
        }
        limits(l);
        out.append(' ');
        refType(t.element());
    }

    private void globalType(BinaryReader r) {
        GlobalType g = TypeCodec.globalType(r);
        if (g.shared()) {
            // shared-everything-threads: (shared mut t) / (shared t)
            out.append(g.mutable() ? "(shared mut " : "(shared ");
            valType(g.type());
            out.append(')');
        } else if (g.mutable()) {
            out.append("(mut ");
            valType(g.type());
            out.append(')');
        } else {
            valType(g.type());
        }
    }

    private void tagType(BinaryReader r) {
        r.u8();
        int type = r.u32();
        out.append(' ');
        typeUse(type, null);
    }

    private void importSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            importEntry(s, true);
        }
    }

    /**
     * {@code (import "m" "n" (func $f (;0;) (type 0)))}; a module type's imports go without the
     * identifier and index ({@code indexed} false).
     */
    void importEntry(BinaryReader s, boolean indexed) {
        out.append("(import ");
        Strings.quoted(out, s.name());
        out.append(' ');
        Strings.quoted(out, s.name());
        out.append(' ');
        externType(s, indexed);
        out.append(')');
    }

    /** {@code (export "n" (func (type 0)))}: an export of a module type. */
    void exportDecl(BinaryReader s) {
        out.append("(export ");
        Strings.quoted(out, s.name());
        out.append(' ');
        externType(s, false);
        out.append(')');
    }

    /** A core extern type: {@code (func $f (;0;) (type 0))}, {@code (memory 1)}, ... */
    private void externType(BinaryReader s, boolean indexed) {
        int kind = s.u8();
        switch (kind) {
            case 0 -> {
                out.append("(func");
                if (indexed) {
                    item(funcNames, funcIndex++);
                }
                out.append(' ');
                typeUse(s.u32(), null, false);
            }
            case ImportDesc.Func.EXACT_CODE -> {
                // custom-descriptors: an exact function import.
                out.append("(func");
                if (indexed) {
                    item(funcNames, funcIndex++);
                }
                out.append(" (exact ");
                typeUse(s.u32(), null, false);
                out.append(')');
            }
            case 1 -> {
                out.append("(table");
                if (indexed) {
                    item(tableNames, tableIndex++);
                }
                out.append(' ');
                tableType(s);
            }
            case 2 -> {
                out.append("(memory");
                if (indexed) {
                    item(memoryNames, memoryIndex++);
                }
                out.append(' ');
                memoryType(s);
            }
            case 3 -> {
                out.append("(global");
                if (indexed) {
                    item(globalNames, globalIndex++);
                }
                out.append(' ');
                globalType(s);
            }
            case 4 -> {
                out.append("(tag");
                if (indexed) {
                    item(tagNames, tagIndex++);
                }
                tagType(s);
            }
            default -> throw new MalformedException("malformed import kind", s.offset() - 1);
        }
        out.append(')');
    }

    private void tableSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(table");
            item(tableNames, tableIndex++);
            out.append(' ');
            if (s.peek() == 0x40) {
                s.u8();
                if (s.u8() != 0) {
                    throw new MalformedException("malformed table", s.offset() - 1);
                }
                tableType(s);
                out.append(' ');
                constExpr(s);
            } else {
                tableType(s);
            }
            out.append(')');
        }
    }

    private void memorySection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(memory");
            item(memoryNames, memoryIndex++);
            out.append(' ');
            memoryType(s);
            out.append(')');
        }
    }

    private void tagSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(tag");
            item(tagNames, tagIndex++);
            tagType(s);
            out.append(')');
        }
    }

    private void globalSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(global");
            item(globalNames, globalIndex++);
            out.append(' ');
            globalType(s);
            out.append(' ');
            constExpr(s);
            out.append(')');
        }
    }

    private void exportSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(export ");
            Strings.quoted(out, s.name());
            int kind = s.u8();
            int index = s.u32();
            Namespace ns = switch (kind) {
                case 0 -> funcNames;
                case 1 -> tableNames;
                case 2 -> memoryNames;
                case 3 -> globalNames;
                case 4 -> Namespace.EMPTY; // wasm-tools exports tags by index
                default -> throw new MalformedException("malformed export kind", s.offset() - 1);
            };
            out.append(" (").append(SECTION_NAMES_BY_KIND[kind]).append(' ');
            ns.ref(out, index);
            out.append("))");
        }
    }

    private static final String[] SECTION_NAMES_BY_KIND = {"func", "table", "memory", "global", "tag"};

    // ------------------------------------------------------------------ constant expressions

    /** A constant expression inline, instructions separated by spaces (folded under -f). */
    private void constExpr(BinaryReader s) {
        InstructionReader reader = new InstructionReader(s);
        if (options.fold()) {
            new FoldingPrinter(this, -1, reader, true).constExpr(reader);
            return;
        }
        InstructionPrinter p = new InstructionPrinter(this, -1, reader, true);
        p.constExpr(reader);
    }

    /**
     * An elem/data offset or an elem item: {@code (i32.const 0)} for one instruction, else
     * {@code (offset ...)} / {@code (item ...)}.
     */
    private void sugaredExpr(BinaryReader s, String keyword) {
        int start = s.position();
        int count = countInstructions(s);
        s.seek(start);
        if (count == 1) {
            out.append('(');
            constExprNoFold(s);
            out.append(')');
        } else {
            out.append('(').append(keyword).append(' ');
            constExpr(s);
            out.append(')');
        }
    }

    private void constExprNoFold(BinaryReader s) {
        InstructionReader reader = new InstructionReader(s);
        InstructionPrinter p = new InstructionPrinter(this, -1, reader, false);
        p.constExpr(reader);
    }

    private static int countInstructions(BinaryReader s) {
        InstructionReader reader = new InstructionReader(s);
        int count = -1;
        dev.jwt.binary.code.NoOpVisitor v = new dev.jwt.binary.code.NoOpVisitor();
        while (reader.depth() >= 0) {
            reader.readNext(v);
            count++;
        }
        return count;
    }

    // ------------------------------------------------------------------ element and data segments

    private void elemSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(elem");
            item(elemNames, i);
            long at = s.offset();
            int flags = s.u32();
            if (flags < 0 || flags > 7) {
                throw new MalformedException("malformed elements segment kind", at);
            }
            boolean passiveOrDeclared = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            if (passiveOrDeclared && explicitTable) {
                out.append(" declare");
            }
            if (!passiveOrDeclared) {
                if (explicitTable) {
                    out.append(" (table ");
                    tableNames.ref(out, s.u32());
                    out.append(')');
                }
                out.append(' ');
                sugaredExpr(s, "offset");
            }
            if (expressions) {
                RefType type = (flags & 3) != 0 ? TypeCodec.refType(s) : RefType.FUNCREF;
                int count = s.u32Count();
                if (options.skeleton()) {
                    skipExprs(s, count);
                    out.append(" ...)");
                    continue;
                }
                out.append(' ');
                refType(type);
                for (int k = 0; k < count; k++) {
                    out.append(' ');
                    sugaredExpr(s, "item");
                }
            } else {
                if ((flags & 3) != 0) {
                    long kat = s.offset();
                    if (s.u8() != 0) {
                        throw new MalformedException("malformed element kind", kat);
                    }
                }
                int count = s.u32Count();
                if (options.skeleton()) {
                    for (int k = 0; k < count; k++) {
                        s.u32();
                    }
                    out.append(" ...)");
                    continue;
                }
                out.append(" func");
                for (int k = 0; k < count; k++) {
                    out.append(' ');
                    funcNames.ref(out, s.u32());
                }
            }
            out.append(')');
        }
    }

    private static void skipExprs(BinaryReader s, int count) {
        for (int k = 0; k < count; k++) {
            countInstructions(s);
        }
    }

    private void dataSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            newline(s.offset());
            out.append("(data");
            item(dataNames, i);
            long at = s.offset();
            int flags = s.u32();
            switch (flags) {
                case 0 -> {
                    out.append(' ');
                    sugaredExpr(s, "offset");
                }
                case 1 -> { }
                case 2 -> {
                    int memory = s.u32();
                    if (memory != 0) {
                        out.append(" (memory ");
                        memoryNames.ref(out, memory);
                        out.append(')');
                    }
                    out.append(' ');
                    sugaredExpr(s, "offset");
                }
                default -> throw new MalformedException("malformed data segment kind", at);
            }
            Bytes bytes = s.byteVector();
            if (options.skeleton()) {
                out.append(" ...)");
                continue;
            }
            out.append(' ');
            Strings.bytes(out, bytes.array(), bytes.start(), bytes.length());
            out.append(')');
        }
    }

    // ------------------------------------------------------------------ code

    private void codeSection(BinaryReader s) {
        int n = s.u32Count();
        for (int i = 0; i < n; i++) {
            int size = s.u32();
            if (size < 0 || size > s.remaining()) {
                throw new MalformedException("unexpected end", s.offset());
            }
            BinaryReader body = s.slice(size);
            long bodyStart = body.offset();
            int index = importedFuncs + i;
            Namespace locals = locals(index);
            newline(body.offset());
            out.append("(func");
            item(funcNames, index);
            out.append(' ');
            int type = index < funcCount ? funcTypes[index] : -1;
            typeUse(type, locals);
            if (options.skeleton()) {
                out.append(" ...)");
                continue;
            }
            FuncType ft = funcType(type);
            int localIndex = ft == null ? 0 : ft.params().size();
            int groups = body.u32Count();
            boolean anyLocal = false;
            LocalGroups g = null;
            for (int k = 0; k < groups; k++) {
                long at = body.offset();
                int count = body.u32();
                ValType t = TypeCodec.valType(body);
                if (count < 0 || (long) localIndex + (count & 0xFFFFFFFFL) > 50000) {
                    throw new MalformedException("too many locals", at);
                }
                for (int c = 0; c < count; c++) {
                    if (g == null) {
                        indent++;
                        newline(-1);
                        indent--;
                        g = new LocalGroups("local");
                    }
                    g.local(locals, localIndex++, t);
                    anyLocal = true;
                }
            }
            if (g != null) {
                g.finish();
            }
            indent++;
            InstructionReader reader = new InstructionReader(body);
            java.util.Map<Integer, String> hints = customs.codeMetadata(index);
            boolean printed;
            long end;
            if (options.fold()) {
                FoldingPrinter p = new FoldingPrinter(this, index, reader, false);
                p.codeMetadata(hints, bodyStart);
                printed = p.body(reader);
                end = p.endOffset();
            } else {
                InstructionPrinter p = new InstructionPrinter(this, index, reader, false);
                p.codeMetadata(hints, bodyStart);
                printed = p.body(reader);
                end = p.endOffset();
            }
            indent--;
            if (printed || anyLocal || options.printOffsets()) {
                newline(end);
            }
            out.append(')');
        }
    }

    // ------------------------------------------------------------------ custom sections

    private void customSection(BinaryReader s, int lastSection) {
        long start = s.offset();
        String name = s.name();
        if (name.equals("name") && nameSectionDecoded) {
            return;
        }
        if (name.startsWith("metadata.code.") && decodedCodeMetadata.contains(start)) {
            return;
        }
        int mark = s.position();
        long payloadOffset = s.offset();
        Bytes payload = s.rest();
        s.seek(mark);
        if (name.equals("producers") && customs.producers(payload, payloadOffset, start)) {
            return;
        }
        if (name.equals("dylink.0") && customs.dylink(payload, payloadOffset, start)) {
            return;
        }
        newline(start);
        out.append("(@custom ");
        Strings.quoted(out, name);
        out.append(lastSection == 0 ? " (before first)" : " (after " + SECTION_NAMES[lastSection] + ")");
        if (options.skeleton()) {
            out.append(" ...)");
            return;
        }
        Bytes data = s.rest();
        out.append(' ');
        Strings.bytes(out, data.array(), data.start(), data.length());
        out.append(')');
    }
}
