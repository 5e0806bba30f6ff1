package dev.jwt.cli.dump;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.ValType;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jwt dump}: an annotated hex dump of a core module, line for line what
 * {@code wasm-tools dump} prints. Every byte of the binary is shown once, next to what it encodes;
 * sections, items and instructions in order. A malformed known section ends the dump with the
 * decoder's error (what was dumped before it stays printed); a custom section that does not
 * decode is shown as far as it does, then as "failed to decode" bytes, as wasm-tools does.
 */
public final class ModuleDump {
    private final byte[] bytes;
    private final HexLines out;
    private final OperatorText ops = new OperatorText();
    private int importedFunctions;
    private int importedTables;
    private int importedMemories;
    private int importedGlobals;
    private int importedTags;
    private int functions;

    private ModuleDump(byte[] bytes, HexLines out) {
        this.bytes = bytes;
        this.out = out;
    }

    /** Dumps {@code binary}, a core module or a component, to {@code out}. */
    public static void dump(byte[] binary, Writer out) {
        HexLines lines = new HexLines(binary, out);
        BinaryReader r = new BinaryReader(binary);
        if (ModuleDecoder.readPreamble(new BinaryReader(binary)) == ModuleDecoder.BinaryKind.COMPONENT) {
            ComponentDump.dump(binary, lines);
        } else {
            new ModuleDump(binary, lines).module(r);
        }
    }

    /**
     * Dumps the module that {@code r} (a reader on the array {@code out} shows) holds, preamble
     * included: the whole binary, or a core module section's contents.
     */
    static void dumpModule(BinaryReader r, HexLines out) {
        new ModuleDump(r.array(), out).module(r);
    }

    private void module(BinaryReader r) {
        preamble(r);
        while (!r.eof()) {
            section(r);
        }
    }

    private void preamble(BinaryReader r) {
        long at = r.offset();
        if (ModuleDecoder.readPreamble(r) == ModuleDecoder.BinaryKind.COMPONENT) {
            throw new MalformedException("expected a version header for a module", at + 4);
        }
        out.state.append("version 1 (Module)");
        out.print(r.position());
    }

    private void section(BinaryReader r) {
        int id = r.u8();
        int size = r.u32Count();
        int start = r.position();
        BinaryReader s = r.slice(size);
        String name = switch (id) {
            case 0 -> "custom";
            case 1 -> "type";
            case 2 -> "import";
            case 3 -> "func";
            case 4 -> "table";
            case 5 -> "memory";
            case 6 -> "global";
            case 7 -> "export";
            case 8 -> "start";
            case 9 -> "element";
            case 10 -> "code";
            case 11 -> "data";
            case 12 -> "data count";
            case 13 -> "tag";
            default -> throw new MalformedException("malformed section id", s.offset() - size - 1
                    - leb128Length(size));
        };
        out.state.append(name).append(" section");
        out.print(start);
        switch (id) {
            case 0 -> CustomSectionDump.dump(out, ops, s);
            case 1 -> types(s);
            case 2 -> imports(s);
            case 3 -> functions(s);
            case 4 -> items(s, i -> {
                out.state.append("[table ").append(importedTables + i).append("] ").append(table(s));
                out.print(s.position());
            });
            case 5 -> items(s, i -> {
                out.state.append("[memory ").append(importedMemories + i).append("] ").append(memoryType(s));
                out.print(s.position());
            });
            case 6 -> items(s, i -> {
                out.state.append("[global ").append(importedGlobals + i).append("] ").append(globalType(s));
                out.print(s.position());
                expression(s);
            });
            case 7 -> items(s, i -> {
                String field = s.name();
                String kind = externKind(s.u8(), s.offset() - 1);
                long index = s.u32() & 0xFFFFFFFFL;
                out.state.append("export Export { name: ").append(ParserNotation.string(field)).append(", kind: ")
                        .append(kind).append(", index: ").append(index).append(" }");
                out.print(s.position());
            });
            case 8 -> {
                out.state.append("start function ").append(s.u32() & 0xFFFFFFFFL);
                out.print(s.position());
            }
            case 9 -> items(s, i -> element(s));
            case 10 -> code(s);
            case 11 -> items(s, i -> data(s));
            case 12 -> {
                out.state.append("data count ").append(s.u32() & 0xFFFFFFFFL);
                out.print(s.position());
            }
            case 13 -> items(s, i -> {
                out.state.append("[tag ").append(importedTags + i).append("] ").append(tagType(s));
                out.print(s.position());
            });
            default -> throw new IllegalStateException();
        }
        if (!s.eof()) {
            throw new MalformedException("section size mismatch: unexpected data at the end of the section",
                    s.offset());
        }
    }

    private static int leb128Length(int value) {
        int n = 1;
        for (long v = value & 0xFFFFFFFFL; v >= 0x80; v >>>= 7) {
            n++;
        }
        return n;
    }

    /** One item of a section vector. */
    @FunctionalInterface
    private interface Item {
        void dump(int index);
    }

    /** A vector: its count on a line, then each item. */
    private void items(BinaryReader s, Item item) {
        int n = count(s);
        for (int i = 0; i < n; i++) {
            item.dump(i);
        }
    }

    private int count(BinaryReader s) {
        int n = s.u32Count();
        out.state.append(n).append(" count");
        out.print(s.position());
        return n;
    }

    // ---- types ----

    private void types(BinaryReader s) {
        int groups = count(s);
        int type = 0;
        for (int g = 0; g < groups; g++) {
            if (s.peek() == 0x4E) {
                out.line("--- rec group " + g + " (explicit) ---");
                s.u8();
                int n = s.u32Count();
                out.print(s.position());
                for (int i = 0; i < n; i++) {
                    out.state.append("[type ").append(type++).append("] ").append(subType(s));
                    out.print(s.position());
                }
            } else {
                out.line("--- rec group " + g + " (implicit) ---");
                out.state.append("[type ").append(type++).append("] ").append(subType(s));
                out.print(s.position());
            }
        }
    }

    static String subType(BinaryReader s) {
        boolean isFinal = true;
        Integer supertype = null;
        int b = s.peek();
        if (b == 0x50 || b == 0x4F) {
            s.u8();
            isFinal = b == 0x4F;
            long at = s.offset();
            int n = s.u32Count();
            if (n > 1) {
                throw new MalformedException("invalid supertype count", at);
            }
            if (n == 1) {
                supertype = s.u32();
            }
        }
        Integer describes = null;
        Integer descriptor = null;
        if (s.peek() == 0x4C) {
            s.u8();
            describes = s.u32();
        }
        if (s.peek() == 0x4D) {
            s.u8();
            descriptor = s.u32();
        }
        boolean shared = false;
        if (s.peek() == 0x65) {
            s.u8();
            shared = true;
        }
        String inner = compositeType(s);
        return "SubType { is_final: " + isFinal + ", supertype_idx: "
                + ParserNotation.option(supertype == null ? null : ParserNotation.typeIndex(supertype))
                + ", composite_type: CompositeType { inner: " + inner + ", shared: " + shared + ", descriptor_idx: "
                + ParserNotation.option(descriptor == null ? null : ParserNotation.typeIndex(descriptor))
                + ", describes_idx: "
                + ParserNotation.option(describes == null ? null : ParserNotation.typeIndex(describes)) + " } }";
    }

    private static String compositeType(BinaryReader s) {
        long at = s.offset();
        int form = s.u8();
        switch (form) {
            case 0x60: {
                List<ValType> params = valTypes(s);
                List<ValType> results = valTypes(s);
                return "Func(FuncType { params: " + ParserNotation.list(params, ParserNotation::valType)
                        + ", results: " + ParserNotation.list(results, ParserNotation::valType) + " })";
            }
            case 0x5F: {
                int n = s.u32Count();
                List<FieldType> fields = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    fields.add(fieldType(s));
                }
                return "Struct(StructType { fields: " + ParserNotation.list(fields, ParserNotation::fieldType) + " })";
            }
            case 0x5E:
                return "Array(ArrayType(" + ParserNotation.fieldType(fieldType(s)) + "))";
            case 0x5D:
                return "Cont(ContType(" + ParserNotation.typeIndex((int) s.s33()) + "))";
            default:
                throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(form)
                        + ") for type definition", at);
        }
    }

    private static List<ValType> valTypes(BinaryReader s) {
        int n = s.u32Count();
        List<ValType> types = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            types.add(TypeCodec.valType(s));
        }
        return types;
    }

    private static FieldType fieldType(BinaryReader s) {
        StorageType t = TypeCodec.storageType(s);
        long at = s.offset();
        int m = s.u8();
        if (m > 1) {
            throw new MalformedException("malformed mutability", at);
        }
        return new FieldType(t, m == 1);
    }

    // ---- imports and the index spaces ----

    private void imports(BinaryReader s) {
        items(s, i -> {
            String module = s.name();
            String field = s.name();
            long at = s.offset();
            int kind = s.u8();
            String ty;
            String space;
            switch (kind) {
                case 0x00 -> {
                    space = "func " + importedFunctions++;
                    ty = "Func(" + (s.u32() & 0xFFFFFFFFL) + ")";
                }
                case 0x01 -> {
                    space = "table " + importedTables++;
                    ty = "Table(" + tableType(s) + ")";
                }
                case 0x02 -> {
                    space = "memory " + importedMemories++;
                    ty = "Memory(" + memoryType(s) + ")";
                }
                case 0x03 -> {
                    space = "global " + importedGlobals++;
                    ty = "Global(" + globalType(s) + ")";
                }
                case 0x04 -> {
                    space = "tag " + importedTags++;
                    ty = "Tag(" + tagType(s) + ")";
                }
                default -> throw new MalformedException("malformed import kind", at);
            }
            out.state.append("import [").append(space).append("] Import { module: ")
                    .append(ParserNotation.string(module)).append(", name: ").append(ParserNotation.string(field))
                    .append(", ty: ").append(ty).append(" }");
            out.print(s.position());
        });
    }

    private static String externKind(int kind, long at) {
        return switch (kind) {
            case 0 -> "Func";
            case 1 -> "Table";
            case 2 -> "Memory";
            case 3 -> "Global";
            case 4 -> "Tag";
            default -> throw new MalformedException("malformed export kind", at);
        };
    }

    private void functions(BinaryReader s) {
        items(s, i -> {
            out.state.append("[func ").append(importedFunctions + i).append("] type ").append(s.u32() & 0xFFFFFFFFL);
            out.print(s.position());
            functions++;
        });
    }

    /** Limits: flags (bit 0 max, bit 1 shared, bit 2 64-bit, bit 3 page size), minimum, maximum, page size. */
    private record Limits(long initial, Long maximum, boolean is64, boolean shared, Integer pageSizeLog2) {}

    private static Limits limits(BinaryReader s, boolean memory) {
        long at = s.offset();
        int flags = s.u8();
        if (flags > (memory ? 0x0F : 0x07)) {
            throw new MalformedException(memory ? "malformed memory limits flags" : "malformed table limits flags", at);
        }
        boolean is64 = (flags & 0x04) != 0;
        long initial = is64 ? s.u64() : s.u32() & 0xFFFFFFFFL;
        Long maximum = (flags & 0x01) != 0 ? (is64 ? s.u64() : s.u32() & 0xFFFFFFFFL) : null;
        Integer pageSize = (flags & 0x08) != 0 ? s.u32() : null;
        return new Limits(initial, maximum, is64, (flags & 0x02) != 0, pageSize);
    }

    private static String maximum(Long max) {
        return ParserNotation.option(max == null ? null : Long.toUnsignedString(max));
    }

    static String tableType(BinaryReader s) {
        RefType element = TypeCodec.refType(s);
        Limits l = limits(s, false);
        return "TableType { element_type: " + ParserNotation.refType(element) + ", table64: " + l.is64()
                + ", initial: " + Long.toUnsignedString(l.initial()) + ", maximum: " + maximum(l.maximum())
                + ", shared: " + l.shared() + " }";
    }

    static String memoryType(BinaryReader s) {
        Limits l = limits(s, true);
        return "MemoryType { memory64: " + l.is64() + ", shared: " + l.shared() + ", initial: "
                + Long.toUnsignedString(l.initial()) + ", maximum: " + maximum(l.maximum()) + ", page_size_log2: "
                + ParserNotation.option(l.pageSizeLog2()) + " }";
    }

    static String globalType(BinaryReader s) {
        ValType t = TypeCodec.valType(s);
        long at = s.offset();
        int m = s.u8();
        if (m > 3) {
            throw new MalformedException("malformed mutability", at);
        }
        return "GlobalType { content_type: " + ParserNotation.valType(t) + ", mutable: " + ((m & 1) != 0)
                + ", shared: " + ((m & 2) != 0) + " }";
    }

    static String tagType(BinaryReader s) {
        long at = s.offset();
        int attribute = s.u8();
        if (attribute != 0) {
            throw new MalformedException("invalid tag attribute", at);
        }
        return "TagType { kind: Exception, func_type_idx: " + (s.u32() & 0xFFFFFFFFL) + " }";
    }

    private String table(BinaryReader s) {
        if (s.peek() == 0x40) {
            s.u8();
            long at = s.offset();
            if (s.u8() != 0) {
                throw new MalformedException("invalid table encoding", at);
            }
            String ty = tableType(s);
            return "Table { ty: " + ty + ", init: Expr(" + constExpr(s) + ") }";
        }
        return "Table { ty: " + tableType(s) + ", init: RefNull }";
    }

    // ---- expressions and code ----

    /** A constant expression's instructions, one line each, up to its {@code end}. */
    private void expression(BinaryReader s) {
        InstructionReader in = new InstructionReader(s);
        while (in.depth() >= 0) {
            in.readNext(ops);
            out.state.append(ops.take());
            out.print(s.position());
        }
    }

    /** A constant expression skipped, shown as wasm-tools shows it in one line. */
    private String constExpr(BinaryReader s) {
        int start = s.position();
        InstructionReader in = new InstructionReader(s);
        while (in.depth() >= 0) {
            in.readNext(ops);
            ops.take();
        }
        StringBuilder data = new StringBuilder("[");
        for (int p = start; p < s.position(); p++) {
            if (p > start) {
                data.append(", ");
            }
            data.append(bytes[p] & 0xFF);
        }
        return "ConstExpr { offset: " + s.offsetOf(start) + ", data: " + data.append(']') + " }";
    }

    private void code(BinaryReader s) {
        items(s, i -> {
            out.line("============== func " + (importedFunctions + i) + " ====================");
            int size = s.u32Count();
            out.state.append("size of function");
            out.print(s.position());
            BinaryReader body = s.slice(size);
            int blocks = body.u32Count();
            out.state.append(blocks).append(" local blocks");
            out.print(body.position());
            for (int b = 0; b < blocks; b++) {
                long n = body.u32() & 0xFFFFFFFFL;
                ValType t = TypeCodec.valType(body);
                out.state.append(n).append(" locals of type ").append(ParserNotation.valType(t));
                out.print(body.position());
            }
            InstructionReader in = new InstructionReader(body);
            while (!body.eof()) {
                if (in.depth() < 0) {
                    throw new MalformedException("operators remaining after end of function", body.offset());
                }
                in.readNext(ops);
                out.state.append(ops.take());
                out.print(body.position());
            }
            if (in.depth() >= 0) {
                throw new MalformedException("END opcode expected", body.offset());
            }
        });
    }

    // ---- element and data segments ----

    private void element(BinaryReader s) {
        long at = s.offset();
        int flags = s.u32();
        if (flags < 0 || flags > 7) {
            throw new MalformedException("invalid flags byte in element segment", at);
        }
        boolean passiveOrDeclared = (flags & 1) != 0;
        boolean explicitTable = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        out.state.append("element ");
        if (!passiveOrDeclared) {
            Long table = explicitTable ? (Long) (s.u32() & 0xFFFFFFFFL) : null;
            out.state.append("table[").append(ParserNotation.option(table)).append(']');
            out.print(s.position());
            expression(s);
        } else {
            out.state.append(explicitTable ? "declared " : "passive, ");
        }
        String type;
        if (expressions) {
            RefType t = passiveOrDeclared || explicitTable ? TypeCodec.refType(s) : RefType.FUNCREF;
            type = "exprs " + ParserNotation.refType(t);
        } else {
            if (passiveOrDeclared || explicitTable) {
                long kindAt = s.offset();
                if (s.u8() != 0) {
                    throw new MalformedException("malformed element kind", kindAt);
                }
            }
            type = "indices";
        }
        int n = s.u32Count();
        out.state.append(n).append(" items [").append(type).append(']');
        out.print(s.position());
        for (int i = 0; i < n; i++) {
            if (expressions) {
                out.state.append("item ").append(constExpr(s));
            } else {
                out.state.append("item ").append(s.u32() & 0xFFFFFFFFL);
            }
            out.print(s.position());
        }
    }

    private void data(BinaryReader s) {
        long at = s.offset();
        int flags = s.u32();
        int length;
        switch (flags) {
            case 0, 2 -> {
                long memory = flags == 2 ? s.u32() & 0xFFFFFFFFL : 0;
                out.state.append("data memory[").append(memory).append(']');
                out.print(s.position());
                expression(s);
                length = s.u32Count();
            }
            case 1 -> {
                length = s.u32Count();
                out.state.append("data passive");
                out.print(s.position());
            }
            default -> throw new MalformedException("invalid flags byte in data segment", at);
        }
        s.bytes(length);
        out.summary("... " + length + " bytes of data", s.position());
    }
}
