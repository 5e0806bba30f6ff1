package dev.jwt.cli.dump;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.io.BinaryReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom sections wasm-tools dump looks into: {@code name}, {@code producers},
 * {@code dylink.0}, {@code linking}, {@code reloc.*} and {@code metadata.code.branch_hint}; any
 * other shows as "N bytes of data". Custom sections may be malformed without making the module
 * malformed, so a section that does not decode is shown up to the fault, then as
 * "failed to decode N more bytes: <error>".
 */
final class CustomSectionDump {
    private static final String[] SYMBOL_FLAGS = {"BINDING_WEAK", "BINDING_LOCAL", "VISIBILITY_HIDDEN", "UNDEFINED",
        "EXPORTED", "EXPLICIT_NAME", "NO_STRIP", "TLS", "ABSOLUTE"};
    private static final long[] SYMBOL_FLAG_BITS = {0x1, 0x2, 0x4, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200};
    private static final int UNDEFINED = 0x10;
    private static final int EXPLICIT_NAME = 0x40;
    private static final String[] SEGMENT_FLAGS = {"STRINGS", "TLS", "RETAIN"};
    private static final long[] SEGMENT_FLAG_BITS = {0x1, 0x2, 0x4};
    /** wasm-tools' names of the relocation types, by code. */
    private static final String[] RELOCATION_TYPES = {"FunctionIndexLeb", "TableIndexSleb", "TableIndexI32",
        "MemoryAddrLeb", "MemoryAddrSleb", "MemoryAddrI32", "TypeIndexLeb", "GlobalIndexLeb", "FunctionOffsetI32",
        "SectionOffsetI32", "EventIndexLeb", "MemoryAddrRelSleb", "TableIndexRelSleb", "GlobalIndexI32",
        "MemoryAddrLeb64", "MemoryAddrSleb64", "MemoryAddrI64", "MemoryAddrRelSleb64", "TableIndexSleb64",
        "TableIndexI64", "TableNumberLeb", "MemoryAddrTlsSleb", "FunctionOffsetI64", "MemoryAddrLocrelI32",
        "TableIndexRelSleb64", "MemoryAddrTlsSleb64", "FunctionIndexI32"};

    private final HexLines out;
    private final BinaryReader s;

    private CustomSectionDump(HexLines out, BinaryReader s) {
        this.out = out;
        this.s = s;
    }

    /** Dumps a custom section's contents; {@code s} covers them, its cursor on the name. */
    static void dump(HexLines out, OperatorText ops, BinaryReader s) {
        String name = s.name();
        out.state.append("name: ").append(ParserNotation.string(name));
        out.print(s.position());
        CustomSectionDump d = new CustomSectionDump(out, s);
        try {
            switch (name) {
                case "name" -> d.names();
                case "component-name" -> d.componentNames();
                case "producers" -> d.producers();
                case "dylink.0" -> d.dylink();
                case "linking" -> d.linking();
                case "metadata.code.branch_hint" -> d.branchHints();
                default -> {
                    if (name.startsWith("reloc.")) {
                        d.relocations();
                    } else {
                        d.rest();
                    }
                }
            }
            if (!s.eof()) {
                d.rest();
            }
        } catch (MalformedException e) {
            int at = (int) Math.min(Math.max(e.offset(), out.cur), s.limit());
            if (out.cur < at) {
                out.state.append("???");
                out.print(at);
            }
            out.summary("... failed to decode " + (s.limit() - out.cur) + " more bytes: " + parserMessage(e),
                    s.limit());
            s.seek(s.limit());
        }
    }

    /** A decoding error in the words of wasm-tools' parser, which says "end-of-file" for every overrun. */
    private static String parserMessage(MalformedException e) {
        String m = e.bareMessage();
        if (m.startsWith("unexpected end") || m.equals("length out of bounds")) {
            m = "unexpected end-of-file";
        }
        return m + " (at offset 0x" + Long.toHexString(e.offset()) + ")";
    }

    private void rest() {
        out.summary("... " + s.remaining() + " bytes of data", s.limit());
        s.seek(s.limit());
    }

    private int count(BinaryReader r) {
        int n = r.u32Count();
        out.state.append(n).append(" count");
        out.print(r.position());
        return n;
    }

    private static long u32(BinaryReader r) {
        return r.u32() & 0xFFFFFFFFL;
    }

    // ---- name ----

    private void names() {
        while (!s.eof()) {
            int id = s.u8();
            int size = s.u32Count();
            int start = s.position();
            BinaryReader sub = s.slice(size);
            switch (id) {
                case 0 -> {
                    out.state.append("module name");
                    out.print(start);
                    out.state.append(ParserNotation.string(sub.name()));
                    out.print(sub.position());
                }
                case 1, 4, 5, 6, 7, 8, 9, 11 -> {
                    out.state.append(nameKind(id)).append(" name section");
                    out.print(start);
                    nameMap(sub);
                }
                case 2, 3, 10 -> {
                    out.state.append(nameKind(id)).append(" section");
                    out.print(start);
                    int n = count(sub);
                    for (int i = 0; i < n; i++) {
                        indirectNaming(sub, nameKind(id));
                    }
                }
                default -> {
                    out.state.append("unknown names: ").append(id);
                    out.print(start);
                    out.summary("... " + size + " bytes of data", sub.limit());
                    sub.seek(sub.limit());
                }
            }
            if (!sub.eof()) {
                throw new MalformedException("trailing data in name subsection", sub.offset());
            }
        }
    }

    /** The {@code component-name} section: the component's name, then a name map per sort. */
    private void componentNames() {
        while (!s.eof()) {
            int id = s.u8();
            int size = s.u32Count();
            int start = s.position();
            BinaryReader sub = s.slice(size);
            switch (id) {
                case 0 -> {
                    out.state.append("component name");
                    out.print(start);
                    out.state.append(ParserNotation.string(sub.name()));
                    out.print(sub.position());
                }
                case 1 -> {
                    out.state.append(ComponentNotation.sortLabel(ComponentNotation.sort(sub))).append(" name section");
                    out.print(sub.position());
                    nameMap(sub);
                }
                default -> {
                    out.state.append("unknown names: ").append(id);
                    out.print(start);
                    out.summary("... " + size + " bytes of data", sub.limit());
                    sub.seek(sub.limit());
                }
            }
            if (!sub.eof()) {
                throw new MalformedException("trailing data in name subsection", sub.offset());
            }
        }
    }

    private static String nameKind(int id) {
        return switch (id) {
            case 1 -> "function";
            case 2 -> "local";
            case 3 -> "label";
            case 4 -> "type";
            case 5 -> "table";
            case 6 -> "memory";
            case 7 -> "global";
            case 8 -> "element";
            case 9 -> "data";
            case 10 -> "field";
            case 11 -> "tag";
            default -> "unknown";
        };
    }

    private void nameMap(BinaryReader r) {
        int n = count(r);
        for (int i = 0; i < n; i++) {
            long index = u32(r);
            String name = r.name();
            out.state.append("Naming { index: ").append(index).append(", name: ").append(ParserNotation.string(name))
                    .append(" }");
            out.print(r.position());
        }
    }

    /**
     * One entry of an indirect name map (locals, labels, fields). wasm-tools' parser reads the
     * whole entry before showing its first line, so a fault anywhere in it is reported from the
     * entry's start.
     */
    private void indirectNaming(BinaryReader r, String kind) {
        long index = u32(r);
        int mapStart = r.position();
        int n = r.u32Count();
        for (int i = 0; i < n; i++) {
            r.u32();
            r.name();
        }
        r.seek(mapStart);
        out.state.append(kind.equals("field") ? "type " : "function ").append(index).append(' ').append(kind)
                .append(" name section");
        out.print(mapStart);
        nameMap(r);
    }

    // ---- producers ----

    private void producers() {
        int fields = count(s);
        for (int f = 0; f < fields; f++) {
            out.state.append("field: ").append(s.name());
            out.print(s.position());
            int values = count(s);
            for (int v = 0; v < values; v++) {
                String name = s.name();
                String version = s.name();
                out.state.append("ProducersFieldValue { name: ").append(ParserNotation.string(name))
                        .append(", version: ").append(ParserNotation.string(version)).append(" }");
                out.print(s.position());
            }
        }
    }

    // ---- dylink.0 ----

    private void dylink() {
        while (!s.eof()) {
            int id = s.u8();
            int size = s.u32Count();
            BinaryReader sub = s.slice(size);
            String text = switch (id) {
                case 1 -> "MemInfo(MemInfo { memory_size: " + u32(sub) + ", memory_alignment: " + u32(sub)
                        + ", table_size: " + u32(sub) + ", table_alignment: " + u32(sub) + " })";
                case 2 -> "Needed(" + ParserNotation.list(names(sub), ParserNotation::string) + ")";
                case 3 -> {
                    int n = sub.u32Count();
                    List<String> infos = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String name = sub.name();
                        infos.add("ExportInfo { name: " + ParserNotation.string(name) + ", flags: " + symbolFlags(sub)
                                + " }");
                    }
                    yield "ExportInfo(" + ParserNotation.list(infos, x -> x) + ")";
                }
                case 4 -> {
                    int n = sub.u32Count();
                    List<String> infos = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String module = sub.name();
                        String field = sub.name();
                        infos.add("ImportInfo { module: " + ParserNotation.string(module) + ", field: "
                                + ParserNotation.string(field) + ", flags: " + symbolFlags(sub) + " }");
                    }
                    yield "ImportInfo(" + ParserNotation.list(infos, x -> x) + ")";
                }
                case 5 -> "RuntimePath(" + ParserNotation.list(names(sub), ParserNotation::string) + ")";
                default -> {
                    sub.seek(sub.limit());
                    yield "Unknown { ty: " + id + " }";
                }
            };
            if (!sub.eof()) {
                throw new MalformedException("trailing data in dylink.0 subsection", sub.offset());
            }
            out.state.append(text);
            out.print(s.position());
        }
    }

    private static List<String> names(BinaryReader r) {
        int n = r.u32Count();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(r.name());
        }
        return names;
    }

    private static String symbolFlags(BinaryReader r) {
        return ParserNotation.flags("SymbolFlags", u32(r), SYMBOL_FLAGS, SYMBOL_FLAG_BITS);
    }

    // ---- linking ----

    private void linking() {
        out.state.append("linking version ").append(u32(s));
        out.print(s.position());
        while (!s.eof()) {
            int id = s.u8();
            int size = s.u32Count();
            int start = s.position();
            BinaryReader sub = s.slice(size);
            String kind = switch (id) {
                case 5 -> "segment info";
                case 6 -> "init funcs";
                case 7 -> "comdat info";
                case 8 -> "symbol table";
                default -> null;
            };
            if (kind == null) {
                out.state.append("unknown linking subsection ").append(id);
                out.print(start);
                out.summary("... " + size + " bytes of data", sub.limit());
                continue;
            }
            out.state.append(kind).append(" section");
            out.print(start);
            int n = count(sub);
            for (int i = 0; i < n; i++) {
                out.state.append(switch (id) {
                    case 5 -> {
                        String name = sub.name();
                        long alignment = u32(sub);
                        yield "Segment { name: " + ParserNotation.string(name) + ", alignment: " + alignment
                                + ", flags: " + ParserNotation.flags("SegmentFlags", u32(sub), SEGMENT_FLAGS,
                                        SEGMENT_FLAG_BITS) + " }";
                    }
                    case 6 -> "InitFunc { priority: " + u32(sub) + ", symbol_index: " + u32(sub) + " }";
                    case 7 -> comdat(sub);
                    default -> symbol(sub);
                });
                out.print(sub.position());
            }
            if (!sub.eof()) {
                throw new MalformedException("trailing data in linking subsection", sub.offset());
            }
        }
    }

    private static String comdat(BinaryReader r) {
        String name = r.name();
        long flags = u32(r);
        int n = r.u32Count();
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long at = r.offset();
            int kind = r.u8();
            String k = switch (kind) {
                case 0 -> "Data";
                case 1 -> "Func";
                case 2 -> "Global";
                case 3 -> "Event";
                case 4 -> "Table";
                case 5 -> "Section";
                default -> throw new MalformedException("invalid comdat symbol kind", at);
            };
            symbols.add("ComdatSymbol { kind: " + k + ", index: " + u32(r) + " }");
        }
        return "Comdat { name: " + ParserNotation.string(name) + ", flags: " + flags + ", symbols: "
                + ParserNotation.list(symbols, x -> x) + " }";
    }

    private static String symbol(BinaryReader r) {
        long at = r.offset();
        int kind = r.u8();
        long flagBits = u32(r);
        String flags = ParserNotation.flags("SymbolFlags", flagBits, SYMBOL_FLAGS, SYMBOL_FLAG_BITS);
        boolean defined = (flagBits & UNDEFINED) == 0;
        boolean named = defined || (flagBits & EXPLICIT_NAME) != 0;
        switch (kind) {
            case 0, 2, 4, 5: {
                long index = u32(r);
                String name = named ? ParserNotation.string(r.name()) : null;
                String variant = switch (kind) {
                    case 0 -> "Func";
                    case 2 -> "Global";
                    case 4 -> "Event";
                    default -> "Table";
                };
                return variant + " { flags: " + flags + ", index: " + index + ", name: " + ParserNotation.option(name)
                        + " }";
            }
            case 1: {
                String name = r.name();
                String symbol = null;
                if (defined) {
                    symbol = "DefinedDataSymbol { index: " + u32(r) + ", offset: " + Long.toUnsignedString(r.u64())
                            + ", size: " + Long.toUnsignedString(r.u64()) + " }";
                }
                return "Data { flags: " + flags + ", name: " + ParserNotation.string(name) + ", symbol: "
                        + ParserNotation.option(symbol) + " }";
            }
            case 3:
                return "Section { flags: " + flags + ", section: " + u32(r) + " }";
            default:
                throw new MalformedException("invalid symbol kind", at);
        }
    }

    // ---- reloc.* ----

    private void relocations() {
        out.state.append("section ").append(u32(s));
        out.print(s.position());
        int n = count(s);
        for (int i = 0; i < n; i++) {
            long at = s.offset();
            int type = s.u8();
            if (type >= RELOCATION_TYPES.length) {
                throw new MalformedException("invalid relocation type", at);
            }
            String name = RELOCATION_TYPES[type];
            long offset = u32(s);
            long index = u32(s);
            long addend = 0;
            if (name.startsWith("MemoryAddr") || name.startsWith("FunctionOffset") || name.startsWith("SectionOffset")) {
                addend = name.endsWith("64") ? s.s64() : s.s32();
            }
            out.state.append("RelocationEntry { ty: ").append(name).append(", offset: ").append(offset)
                    .append(", index: ").append(index).append(", addend: ").append(addend).append(" }");
            out.print(s.position());
        }
    }

    // ---- metadata.code.branch_hint ----

    private void branchHints() {
        int functions = count(s);
        for (int f = 0; f < functions; f++) {
            out.state.append("func: ").append(u32(s));
            out.print(s.position());
            int hints = count(s);
            for (int h = 0; h < hints; h++) {
                long offset = u32(s);
                long sizeAt = s.offset();
                if (s.u32() != 1) {
                    throw new MalformedException("invalid branch hint size", sizeAt);
                }
                long valueAt = s.offset();
                int value = s.u8();
                if (value > 1) {
                    throw new MalformedException("invalid branch hint value", valueAt);
                }
                out.state.append("BranchHint { func_offset: ").append(offset).append(", taken: ").append(value == 1)
                        .append(" }");
                out.print(s.position());
            }
        }
    }
}
