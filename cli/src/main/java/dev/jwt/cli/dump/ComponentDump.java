package dev.jwt.cli.dump;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentInstance;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.CoreInstance;
import dev.jwt.binary.component.CoreType;
import dev.jwt.binary.component.DecodedComponent;
import dev.jwt.binary.component.DecodedComponent.SectionPlace;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.module.Bytes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt dump} of a component, line for line what {@code wasm-tools dump} prints: every
 * section with its items in wasm-tools' parser notation and the index each item gets
 * ({@code [core func 2] Lower { ... }}); nested core modules and components dumped in place, two
 * spaces deeper. The component is decoded first ({@link ComponentDecoder#decodeDetailed}), so a
 * malformed one is reported before anything is printed.
 */
final class ComponentDump {
    private final HexLines out;
    private final byte[] bytes;
    private final OperatorText ops = new OperatorText();
    private final ComponentDecoder items = ComponentDecoder.itemReader();
    /** The next index of each sort in the component being dumped. */
    private Map<Sort, Integer> next = new EnumMap<>(Sort.class);

    private ComponentDump(byte[] bytes, HexLines out) {
        this.bytes = bytes;
        this.out = out;
    }

    static void dump(byte[] binary, HexLines out) {
        DecodedComponent d;
        try {
            d = ComponentDecoder.decodeDetailed(binary);
        } catch (MalformedException e) {
            dumpPrefix(binary, out, e);
            throw e;
        }
        new ComponentDump(binary, out).component(d, 0);
    }

    /**
     * Before reporting a malformed component, shows what precedes the fault, as wasm-tools does:
     * the top-level sections before the one that fails, then that section's header, and for a
     * core module section the module as far as it decodes.
     */
    private static void dumpPrefix(byte[] binary, HexLines out, MalformedException e) {
        int boundary = -1;
        int failingEnd = -1;
        try {
            BinaryReader r = new BinaryReader(binary);
            ModuleDecoder.readPreamble(r);
            boundary = r.position();
            while (!r.eof()) {
                r.u8();
                int size = r.u32Count();
                int end = r.position() + size;
                if (end > binary.length || e.offset() < end) {
                    failingEnd = Math.min(end, binary.length);
                    break;
                }
                r.seek(end);
                boundary = end;
            }
        } catch (MalformedException headerTrouble) {
            // The preamble or a section header itself is broken: nothing more to show.
        }
        if (boundary < 0) {
            return;
        }
        byte[] prefix = java.util.Arrays.copyOf(binary, boundary);
        ComponentDump dump = new ComponentDump(binary, out);
        Map<Sort, Integer> indices;
        try {
            indices = dump.componentPrefix(ComponentDecoder.decodeDetailed(prefix));
        } catch (MalformedException again) {
            return;
        }
        if (failingEnd < 0 || binary[boundary] != ComponentSection.CORE_MODULE) {
            return;
        }
        BinaryReader r = new BinaryReader(binary);
        r.seek(boundary + 1);
        int size = r.u32Count();
        int content = r.position();
        out.state.append("[core module ").append(indices.getOrDefault(Sort.CORE_MODULE, 0)).append("] inline size");
        out.print(content);
        out.nesting++;
        try {
            ModuleDump.dumpModule(new BinaryReader(Bytes.wrap(binary, content, Math.min(size, binary.length - content)),
                    content), out);
        } catch (MalformedException inModule) {
            // The fault reported is the decoder's, thrown by the caller.
        } finally {
            out.nesting--;
        }
    }

    /** Dumps a whole component (the well-formed prefix of one) and gives the next index of each sort. */
    private Map<Sort, Integer> componentPrefix(DecodedComponent d) {
        out.state.append("version 13 (Component)");
        out.print(8);
        Component c = d.component();
        for (int i = 0; i < c.sections().size(); i++) {
            section(c.sections().get(i), d.places().get(i));
        }
        return next;
    }

    private int take(Sort sort) {
        return next.merge(sort, 1, Integer::sum) - 1;
    }

    private void component(DecodedComponent d, int start) {
        Map<Sort, Integer> outer = next;
        next = new EnumMap<>(Sort.class);
        out.state.append("version 13 (Component)");
        out.print(start + 8);
        Component c = d.component();
        for (int i = 0; i < c.sections().size(); i++) {
            section(c.sections().get(i), d.places().get(i));
        }
        next = outer;
    }

    private void section(ComponentSection section, SectionPlace place) {
        int content = (int) place.contentOffset();
        int end = (int) place.end();
        if (section instanceof ComponentSection.CoreModuleSection) {
            out.state.append("[core module ").append(take(Sort.CORE_MODULE)).append("] inline size");
            out.print(content);
            out.nesting++;
            BinaryReader r = new BinaryReader(Bytes.wrap(bytes, content, end - content), content);
            ModuleDump.dumpModule(r, out);
            out.nesting--;
            return;
        }
        if (section instanceof ComponentSection.NestedComponentSection) {
            out.state.append("[component ").append(take(Sort.COMPONENT)).append("] inline size");
            out.print(content);
            out.nesting++;
            component((DecodedComponent) place.nested(), content);
            out.nesting--;
            return;
        }
        out.state.append(sectionName(section)).append(" section");
        out.print(content);
        if (section instanceof ComponentSection.Custom) {
            BinaryReader r = new BinaryReader(Bytes.wrap(bytes, content, end - content), content);
            CustomSectionDump.dump(out, ops, r);
            out.print(end);
            return;
        }
        long[] offsets = place.itemOffsets();
        if (section instanceof ComponentSection.StartSection st) {
            out.state.append(ComponentNotation.start(st.start()));
            out.print(end);
            return;
        }
        out.state.append(offsets.length).append(" count");
        out.print(offsets.length > 0 ? (int) offsets[0] : end);
        List<String> lines = itemLines(section, offsets, end);
        for (int i = 0; i < offsets.length; i++) {
            out.state.append(lines.get(i));
            out.print(i + 1 < offsets.length ? (int) offsets[i + 1] : end);
        }
    }

    private static String sectionName(ComponentSection section) {
        return switch (section.id()) {
            case ComponentSection.CUSTOM -> "custom";
            case ComponentSection.CORE_INSTANCE -> "core instance";
            case ComponentSection.CORE_TYPE -> "core type";
            case ComponentSection.INSTANCE -> "component instance";
            case ComponentSection.ALIAS -> "component alias";
            case ComponentSection.TYPE -> "component type";
            case ComponentSection.CANON -> "canonical function";
            case ComponentSection.START -> "component start";
            case ComponentSection.IMPORT -> "component import";
            case ComponentSection.EXPORT -> "component export";
            default -> "component value";
        };
    }

    /** The annotation of each item of a vector section, in order, taking the indices they define. */
    private List<String> itemLines(ComponentSection section, long[] offsets, int end) {
        List<String> lines = new ArrayList<>();
        if (section instanceof ComponentSection.CoreInstanceSection s) {
            for (CoreInstance i : s.instances()) {
                lines.add("[core instance " + take(Sort.CORE_INSTANCE) + "] " + ComponentNotation.coreInstance(i));
            }
        } else if (section instanceof ComponentSection.CoreTypeSection s) {
            for (int i = 0; i < offsets.length; i++) {
                BinaryReader r = reader(offsets, i, end);
                CoreType t = s.types().get(i);
                int count = t instanceof CoreType.Rec rec ? rec.group().types().size() : 1;
                int first = take(Sort.CORE_TYPE);
                for (int k = 1; k < count; k++) {
                    take(Sort.CORE_TYPE);
                }
                lines.add("[core type " + first + "] " + coreType(r));
            }
        } else if (section instanceof ComponentSection.InstanceSection s) {
            for (ComponentInstance i : s.instances()) {
                lines.add("[instance " + take(Sort.INSTANCE) + "] " + ComponentNotation.instance(i));
            }
        } else if (section instanceof ComponentSection.AliasSection s) {
            for (Alias a : s.aliases()) {
                lines.add("alias [" + ComponentNotation.indexLabel(a.sort()) + " " + take(a.sort()) + "] "
                        + ComponentNotation.alias(a));
            }
        } else if (section instanceof ComponentSection.TypeSection s) {
            for (int i = 0; i < offsets.length; i++) {
                lines.add("[type " + take(Sort.TYPE) + "] " + type(reader(offsets, i, end)));
            }
        } else if (section instanceof ComponentSection.CanonSection s) {
            for (Canon c : s.canons()) {
                Sort sort = ComponentNotation.canonSort(c);
                lines.add("[" + sort.text() + " " + take(sort) + "] " + ComponentNotation.canon(c));
            }
        } else if (section instanceof ComponentSection.ImportSection s) {
            for (ComponentImport i : s.imports()) {
                Sort sort = i.type().sort();
                lines.add("[" + ComponentNotation.indexLabel(sort) + " " + take(sort) + "] "
                        + ComponentNotation.importEntry(i));
            }
        } else if (section instanceof ComponentSection.ExportSection s) {
            for (ComponentExport e : s.exports()) {
                take(e.item().sort());
                lines.add("export " + ComponentNotation.export(e));
            }
        } else if (section instanceof ComponentSection.ValueSection s) {
            for (int i = 0; i < offsets.length; i++) {
                lines.add("[value " + take(Sort.VALUE) + "] " + ComponentNotation.valType(s.values().get(i).type()));
            }
        }
        return lines;
    }

    private BinaryReader reader(long[] offsets, int i, int end) {
        int start = (int) offsets[i];
        int stop = i + 1 < offsets.length ? (int) offsets[i + 1] : end;
        return new BinaryReader(Bytes.wrap(bytes, start, stop - start), start);
    }

    // ---- types, walked byte by byte where core types need their offsets ----

    /** A {@code type}: component and instance types declaration by declaration, others from the model. */
    private String type(BinaryReader s) {
        int b = s.peek();
        if (b == 0x41 || b == 0x42) {
            s.u8();
            int n = s.u32Count();
            List<String> decls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                decls.add(decl(s));
            }
            return (b == 0x41 ? "Component(" : "Instance(") + "[" + String.join(", ", decls) + "])";
        }
        DefType t = items.defType(s);
        return ComponentNotation.defType(t, o -> {
            throw new IllegalStateException("component types are walked by bytes");
        });
    }

    private String decl(BinaryReader s) {
        int b = s.u8();
        switch (b) {
            case 0x00:
                return "CoreType(" + coreType(s) + ")";
            case 0x01:
                return "Type(" + type(s) + ")";
            case 0x02:
                return "Alias(" + ComponentNotation.alias(items.alias(s)) + ")";
            case 0x03: {
                ExternName name = ComponentDecoder.externName(s);
                ExternType ty = ComponentDecoder.externType(s);
                return "Import(" + ComponentNotation.importEntry(new ComponentImport(name, ty)) + ")";
            }
            default: {
                ExternName name = ComponentDecoder.externName(s);
                ExternType ty = ComponentDecoder.externType(s);
                return "Export { name: " + ComponentNotation.externName(name) + ", ty: "
                        + ComponentNotation.externType(ty) + " }";
            }
        }
    }

    /** A {@code core:type}: {@code Module([...])} or {@code Rec(RecGroup { ... })}, with subtype offsets. */
    private static String coreType(BinaryReader s) {
        int b = s.peek();
        if (b == 0x50) {
            s.u8();
            int n = s.u32Count();
            List<String> decls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                decls.add(moduleDecl(s));
            }
            return "Module([" + String.join(", ", decls) + "])";
        }
        if (b == 0x00) {
            s.u8();
            long at = s.offset();
            return "Rec(RecGroup { inner: Implicit((" + at + ", " + ModuleDump.subType(s) + ")) })";
        }
        return "Rec(" + recGroup(s) + ")";
    }

    private static String recGroup(BinaryReader s) {
        if (s.peek() == 0x4E) {
            s.u8();
            int n = s.u32Count();
            List<String> types = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long at = s.offset();
                types.add("(" + at + ", " + ModuleDump.subType(s) + ")");
            }
            return "RecGroup { inner: Explicit([" + String.join(", ", types) + "]) }";
        }
        long at = s.offset();
        return "RecGroup { inner: Implicit((" + at + ", " + ModuleDump.subType(s) + ")) }";
    }

    private static String moduleDecl(BinaryReader s) {
        int b = s.u8();
        switch (b) {
            case 0x00: {
                String module = s.name();
                String name = s.name();
                return "Import(Import { module: " + ParserNotation.string(module) + ", name: "
                        + ParserNotation.string(name) + ", ty: " + typeRef(s) + " })";
            }
            case 0x01:
                return "Type(" + recGroup(s) + ")";
            case 0x02: {
                s.u8();
                s.u8();
                long count = s.u32() & 0xFFFFFFFFL;
                long index = s.u32() & 0xFFFFFFFFL;
                return "OuterAlias { kind: Type, count: " + count + ", index: " + index + " }";
            }
            default: {
                String name = s.name();
                return "Export { name: " + ParserNotation.string(name) + ", ty: " + typeRef(s) + " }";
            }
        }
    }

    /** A core {@code externtype} as wasmparser's {@code TypeRef}. */
    private static String typeRef(BinaryReader s) {
        int kind = s.u8();
        return switch (kind) {
            case 0x00 -> "Func(" + (s.u32() & 0xFFFFFFFFL) + ")";
            case 0x01 -> "Table(" + ModuleDump.tableType(s) + ")";
            case 0x02 -> "Memory(" + ModuleDump.memoryType(s) + ")";
            case 0x03 -> "Global(" + ModuleDump.globalType(s) + ")";
            default -> "Tag(" + ModuleDump.tagType(s) + ")";
        };
    }
}
