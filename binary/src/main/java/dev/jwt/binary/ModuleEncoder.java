package dev.jwt.binary;

import dev.jwt.binary.custom.NameSectionCodec;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.ConstExpr;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.DataSegment;
import dev.jwt.binary.module.ElementSegment;
import dev.jwt.binary.module.Export;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.Global;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Local;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.SectionId;
import dev.jwt.binary.module.Table;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;
import dev.jwt.binary.types.ValType;
import java.util.List;

/**
 * Encodes a {@link Module} canonically: sections in the required order, omitted when empty,
 * shortest LEB128 everywhere, the shortest form of every type; function bodies, constant
 * expressions and data are copied as they are. Custom sections go back where they were (after the
 * section whose id they record), so {@code encode(decode(b))} is {@code b} for canonical input.
 *
 * <p>A module built in memory with {@link Module#names()} but no raw {@code name} custom section gets
 * one, encoded from the names, at the end.
 */
public final class ModuleEncoder {
    private ModuleEncoder() {}

    public static byte[] encode(Module m) {
        BinaryWriter out = new BinaryWriter(4096);
        out.bytes(ModuleDecoder.MAGIC).bytes(ModuleDecoder.MODULE_VERSION);
        BinaryWriter s = new BinaryWriter(4096);
        customsAfter(out, s, m, 0);
        for (SectionId id : SectionId.values()) {
            if (id == SectionId.CUSTOM) {
                continue;
            }
            if (section(m, id, s)) {
                out.u8(id.id());
                out.byteVector(s);
            }
            s.reset();
            customsAfter(out, s, m, id.id());
        }
        if (m.names() != null && m.customs().stream().noneMatch(c -> c.name().equals("name"))) {
            writeCustom(out, s, new CustomSection("name", NameSectionCodec.encode(m.names()), SectionId.DATA.id()));
        }
        return out.toByteArray();
    }

    private static void customsAfter(BinaryWriter out, BinaryWriter s, Module m, int id) {
        for (CustomSection c : m.customs()) {
            if (c.after() == id) {
                writeCustom(out, s, c);
            }
        }
    }

    private static void writeCustom(BinaryWriter out, BinaryWriter s, CustomSection c) {
        s.reset();
        s.name(c.name());
        s.bytes(c.data());
        out.u8(0);
        out.byteVector(s);
        s.reset();
    }

    /** Writes the contents of section {@code id} to {@code s}; false when the section is left out. */
    private static boolean section(Module m, SectionId id, BinaryWriter s) {
        switch (id) {
            case TYPE -> {
                return list(s, m.types(), g -> recGroup(s, g));
            }
            case IMPORT -> {
                return list(s, m.imports(), i -> importEntry(s, i));
            }
            case FUNCTION -> {
                return list(s, m.functions(), s::u32);
            }
            case TABLE -> {
                return list(s, m.tables(), t -> table(s, t));
            }
            case MEMORY -> {
                return list(s, m.memories(), t -> limits(s, t.limits()));
            }
            case TAG -> {
                return list(s, m.tags(), t -> tagType(s, t));
            }
            case GLOBAL -> {
                return list(s, m.globals(), g -> global(s, g));
            }
            case EXPORT -> {
                return list(s, m.exports(), e -> export(s, e));
            }
            case START -> {
                if (m.start().isEmpty()) {
                    return false;
                }
                s.u32(m.start().getAsInt());
                return true;
            }
            case ELEMENT -> {
                return list(s, m.elements(), e -> element(s, e));
            }
            case DATA_COUNT -> {
                if (m.dataCount().isEmpty()) {
                    return false;
                }
                s.u32(m.dataCount().getAsInt());
                return true;
            }
            case CODE -> {
                BinaryWriter body = new BinaryWriter(1024);
                return list(s, m.code(), f -> body(s, body, f));
            }
            case DATA -> {
                return list(s, m.data(), d -> data(s, d));
            }
            default -> throw new IllegalArgumentException(id.toString());
        }
    }

    private static <T> boolean list(BinaryWriter s, List<T> items, java.util.function.Consumer<T> write) {
        if (items.isEmpty()) {
            return false;
        }
        s.u32(items.size());
        for (T item : items) {
            write.accept(item);
        }
        return true;
    }

    // ---- types ----

    /** Writes a type section entry: a rec group, or a lone subtype when the group is implicit. */
    public static void recGroup(BinaryWriter s, RecGroup g) {
        if (g.explicit() || g.types().size() != 1) {
            s.u8(0x4E);
            s.u32(g.types().size());
        }
        for (SubType t : g.types()) {
            subType(s, t);
        }
    }

    private static void subType(BinaryWriter s, SubType t) {
        if (!t.isFinal() || !t.supertypes().isEmpty()) {
            s.u8(t.isFinal() ? 0x4F : 0x50);
            s.u32(t.supertypes().size());
            for (int i : t.supertypes()) {
                s.u32(i);
            }
        }
        if (t.shared()) {
            s.u8(SharedAbsHeapType.PREFIX);
        }
        if (t.describes().isPresent()) {
            s.u8(TypeCodec.DESCRIBES);
            s.u32(t.describes().getAsInt());
        }
        if (t.descriptor().isPresent()) {
            s.u8(TypeCodec.DESCRIPTOR);
            s.u32(t.descriptor().getAsInt());
        }
        compositeType(s, t.composite());
    }

    private static void compositeType(BinaryWriter s, CompositeType c) {
        if (c instanceof FuncType f) {
            s.u8(0x60);
            valTypes(s, f.params());
            valTypes(s, f.results());
        } else if (c instanceof StructType st) {
            s.u8(0x5F);
            s.u32(st.fields().size());
            for (FieldType f : st.fields()) {
                fieldType(s, f);
            }
        } else if (c instanceof ArrayType a) {
            s.u8(0x5E);
            fieldType(s, a.element());
        } else {
            s.u8(0x5D);
            s.u32(((ContType) c).funcTypeIndex());
        }
    }

    private static void valTypes(BinaryWriter s, List<ValType> types) {
        s.u32(types.size());
        for (ValType t : types) {
            TypeCodec.valType(s, t);
        }
    }

    private static void fieldType(BinaryWriter s, FieldType f) {
        TypeCodec.storageType(s, f.storage());
        s.u8(f.mutable() ? 1 : 0);
    }

    private static void globalType(BinaryWriter s, GlobalType t) {
        TypeCodec.valType(s, t.type());
        s.u8((t.mutable() ? 1 : 0) | (t.shared() ? 2 : 0));
    }

    private static void limits(BinaryWriter s, Limits l) {
        int flags = (l.max().isPresent() ? 1 : 0) | (l.shared() ? 2 : 0) | (l.is64() ? 4 : 0)
                | (l.pageSizeLog2() >= 0 ? 8 : 0);
        s.u8(flags);
        s.u64(l.min());
        if (l.max().isPresent()) {
            s.u64(l.max().getAsLong());
        }
        if (l.pageSizeLog2() >= 0) {
            s.u32(l.pageSizeLog2());
        }
    }

    private static void tableType(BinaryWriter s, TableType t) {
        TypeCodec.refType(s, t.element());
        limits(s, t.limits());
    }

    private static void tagType(BinaryWriter s, TagType t) {
        s.u8(t.attribute());
        s.u32(t.typeIndex());
    }

    // ---- entries ----

    /** Writes an import: module name, name and {@link #importDesc}. */
    public static void importEntry(BinaryWriter s, Import i) {
        s.name(i.module());
        s.name(i.name());
        importDesc(s, i.desc());
    }

    /** Writes a core {@code externtype}: kind byte and type. */
    public static void importDesc(BinaryWriter s, ImportDesc d) {
        if (d instanceof ImportDesc.Func f) {
            s.u8(f.exact() ? ImportDesc.Func.EXACT_CODE : d.kind().code());
            s.u32(f.typeIndex());
            return;
        }
        s.u8(d.kind().code());
        if (d instanceof ImportDesc.TableImport t) {
            tableType(s, t.type());
        } else if (d instanceof ImportDesc.Memory mem) {
            limits(s, mem.type().limits());
        } else if (d instanceof ImportDesc.GlobalImport g) {
            globalType(s, g.type());
        } else {
            tagType(s, ((ImportDesc.Tag) d).type());
        }
    }

    private static void table(BinaryWriter s, Table t) {
        if (t.init() != null) {
            s.u8(0x40);
            s.u8(0x00);
            tableType(s, t.type());
            constExpr(s, t.init());
        } else {
            tableType(s, t.type());
        }
    }

    private static void global(BinaryWriter s, Global g) {
        globalType(s, g.type());
        constExpr(s, g.init());
    }

    private static void export(BinaryWriter s, Export e) {
        s.name(e.name());
        s.u8(e.kind().code());
        s.u32(e.index());
    }

    private static void constExpr(BinaryWriter s, ConstExpr e) {
        s.bytes(e.code());
    }

    /**
     * The encoding prefix of a segment: its recorded flags when they agree with its mode and items
     * (so the round trip keeps a non-minimal choice such as an explicit table 0), else the smallest
     * that can express it.
     */
    static int elementFlags(ElementSegment e) {
        int exprs = e.usesExpressions() ? 4 : 0;
        return switch (e.mode()) {
            case PASSIVE -> 1 | exprs;
            case DECLARATIVE -> 3 | exprs;
            case ACTIVE -> {
                boolean implied = e.usesExpressions() ? e.type().equals(RefType.FUNCREF)
                        : e.type().heapType() == AbsHeapType.FUNC;
                boolean explicit = (e.flags() & 3) == 2 || e.table() != 0 || !implied;
                yield (explicit ? 2 : 0) | exprs;
            }
        };
    }

    static int dataFlags(DataSegment d) {
        if (!d.active()) {
            return 1;
        }
        return d.memory() != 0 || d.flags() == 2 ? 2 : 0;
    }

    private static void element(BinaryWriter s, ElementSegment e) {
        int flags = elementFlags(e);
        s.u32(flags);
        if (e.mode() == ElementSegment.Mode.ACTIVE) {
            if ((flags & 2) != 0) {
                s.u32(e.table());
            }
            constExpr(s, e.offset());
        }
        if ((flags & 3) != 0) {
            // Explicit type (or element kind): every form but 0 and 4.
            if (e.usesExpressions()) {
                TypeCodec.refType(s, e.type());
            } else {
                s.u8(0x00);
            }
        }
        if (e.usesExpressions()) {
            s.u32(e.expressions().size());
            for (ConstExpr x : e.expressions()) {
                constExpr(s, x);
            }
        } else {
            s.u32(e.functionIndices().size());
            for (int i : e.functionIndices()) {
                s.u32(i);
            }
        }
    }

    private static void body(BinaryWriter s, BinaryWriter b, FuncBody f) {
        b.reset();
        b.u32(f.locals().size());
        for (Local l : f.locals()) {
            b.u32((int) l.count());
            TypeCodec.valType(b, l.type());
        }
        b.bytes(f.instructions());
        s.byteVector(b);
    }

    private static void data(BinaryWriter s, DataSegment d) {
        int flags = dataFlags(d);
        s.u32(flags);
        if (flags == 2) {
            s.u32(d.memory());
        }
        if (d.active()) {
            constExpr(s, d.offset());
        }
        s.byteVector(d.bytes());
    }
}
