package dev.jwt.binary;

import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.NoOpVisitor;
import dev.jwt.binary.custom.NameSectionCodec;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.ConstExpr;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.DataSegment;
import dev.jwt.binary.module.ElementSegment;
import dev.jwt.binary.module.Export;
import dev.jwt.binary.module.ExternKind;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.Global;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Local;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.NameSection;
import dev.jwt.binary.module.SectionId;
import dev.jwt.binary.module.SectionRange;
import dev.jwt.binary.module.Table;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Decodes a core module binary into a {@link Module}. Function bodies and constant expressions
 * stay windows on the input (DESIGN decision 2), but by default every one of them is streamed once
 * through an {@link InstructionReader} so that a malformed instruction is reported at decode time,
 * as the spec's {@code assert_malformed} demands.
 *
 * <p>Error messages are the reference interpreter's words (the spec tests' {@code assert_malformed}
 * texts): "unexpected end", "section size mismatch", "malformed section id", "integer too large"...
 * Every error is a {@link MalformedException} with the offset of the fault; no other exception
 * escapes for any input.
 *
 * <p>The decoder does not keep the input: the windows it hands out share the array, which the caller
 * must not change afterwards.
 */
public final class ModuleDecoder {
    /** The four bytes every binary starts with. */
    public static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};
    /** The version field of a core module. */
    public static final byte[] MODULE_VERSION = {0x01, 0x00, 0x00, 0x00};
    /** The version and layer field of a component (Component Model binary format). */
    public static final byte[] COMPONENT_VERSION = {0x0D, 0x00, 0x01, 0x00};

    /** What a binary is, judging from its preamble. */
    public enum BinaryKind { MODULE, COMPONENT }

    private final boolean checkCode;

    /** A decoder; with {@code checkCode} off, function bodies are not streamed (only located). */
    public ModuleDecoder(boolean checkCode) {
        this.checkCode = checkCode;
    }

    /** Decodes a module, checking that every body and expression decodes. */
    public static Module decode(byte[] binary) {
        return new ModuleDecoder(true).decodeWithSections(binary).module();
    }

    /** Decodes a module and records where each section and item lies. */
    public static DecodedModule decodeDetailed(byte[] binary) {
        return new ModuleDecoder(true).decodeWithSections(binary);
    }

    /**
     * Reads and checks the preamble: magic number and version. A binary too short for either is
     * "unexpected end".
     */
    public static BinaryKind readPreamble(BinaryReader r) {
        if (r.remaining() < 4) {
            throw new MalformedException(BinaryReader.UNEXPECTED_END, r.offsetOf(r.limit()));
        }
        for (byte m : MAGIC) {
            if (r.u8() != (m & 0xFF)) {
                throw new MalformedException("magic header not detected", r.offset() - 1);
            }
        }
        int[] version = new int[4];
        long at = r.offset();
        for (int i = 0; i < 4; i++) {
            version[i] = r.u8();
        }
        if (matches(version, MODULE_VERSION)) {
            return BinaryKind.MODULE;
        }
        if (matches(version, COMPONENT_VERSION)) {
            return BinaryKind.COMPONENT;
        }
        throw new MalformedException("unknown binary version", at);
    }

    private static boolean matches(int[] got, byte[] expected) {
        for (int i = 0; i < 4; i++) {
            if (got[i] != (expected[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Reads a core {@code externtype} (an import's description): kind byte and type. */
    public static ImportDesc importDesc(BinaryReader s) {
        long at = s.offset();
        int kind = s.u8();
        return switch (kind) {
            case 0x00 -> new ImportDesc.Func(s.u32());
            case ImportDesc.Func.EXACT_CODE -> new ImportDesc.Func(s.u32(), true);
            case 0x01 -> new ImportDesc.TableImport(TypeCodec.tableType(s));
            case 0x02 -> new ImportDesc.Memory(new MemoryType(TypeCodec.limits(s, true)));
            case 0x03 -> new ImportDesc.GlobalImport(TypeCodec.globalType(s));
            case 0x04 -> new ImportDesc.Tag(State.tagType(s));
            default -> throw new MalformedException("malformed import kind", at);
        };
    }

    /**
     * Decodes a module embedded in a larger binary (a component's core module section):
     * {@code window} holds the whole module, preamble included; {@code baseOffset} is the offset of
     * its first byte in the enclosing binary, so that places and windows refer to that binary.
     */
    public DecodedModule decodeEmbedded(Bytes window, long baseOffset) {
        BinaryReader r = new BinaryReader(window, baseOffset);
        long at = r.offset();
        BinaryKind kind = readPreamble(r);
        if (kind != BinaryKind.MODULE) {
            throw new MalformedException("expected a version header for a module", at + 4);
        }
        return new State(window.array(), r.limit(), checkCode).run(r);
    }

    /** Decodes a module and records where each section and item lies. */
    public DecodedModule decodeWithSections(byte[] binary) {
        BinaryReader r = new BinaryReader(binary);
        BinaryKind kind = readPreamble(r);
        if (kind == BinaryKind.COMPONENT) {
            // wasm-tools' words when a module is expected (a component is read by ComponentDecoder).
            throw new MalformedException("expected a version header for a module: this is a component; "
                    + "decode it with ComponentDecoder", 4);
        }
        return new State(binary, binary.length, checkCode).run(r);
    }

    /** The state of one decoding run. */
    private static final class State {
        private final byte[] binary;
        /** The array index just past the module (the binary's length, unless embedded). */
        private final int end;
        private final boolean checkCode;

        private final List<RecGroup> types = new ArrayList<>();
        private final List<Import> imports = new ArrayList<>();
        private final List<Integer> functions = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<MemoryType> memories = new ArrayList<>();
        private final List<TagType> tags = new ArrayList<>();
        private final List<Global> globals = new ArrayList<>();
        private final List<Export> exports = new ArrayList<>();
        private OptionalInt start = OptionalInt.empty();
        private final List<ElementSegment> elements = new ArrayList<>();
        private OptionalInt dataCount = OptionalInt.empty();
        private final List<FuncBody> code = new ArrayList<>();
        private final List<DataSegment> data = new ArrayList<>();
        private final List<CustomSection> customs = new ArrayList<>();
        private final List<SectionRange> ranges = new ArrayList<>();
        private NameSection names;
        /** Offset of the first instruction using a data index, or -1. */
        private long dataIndexUse = -1;

        private long[] itemOffsets = new long[0];

        State(byte[] binary, int end, boolean checkCode) {
            this.binary = binary;
            this.end = end;
            this.checkCode = checkCode;
        }

        DecodedModule run(BinaryReader r) {
            SectionId last = null;
            int lastNonCustomId = 0;
            while (!r.eof()) {
                long sectionOffset = r.offset();
                int id = r.u8();
                SectionId section = SectionId.byId(id);
                if (section == null) {
                    throw new MalformedException("malformed section id", sectionOffset);
                }
                long sizeOffset = r.offset();
                int size = r.u32();
                if (size < 0 || size > r.remaining()) {
                    throw new MalformedException("length out of bounds", sizeOffset);
                }
                BinaryReader s = r.slice(size);
                long contentOffset = s.offset();
                if (section == SectionId.CUSTOM) {
                    String name = s.name();
                    Bytes payload = s.rest();
                    customs.add(new CustomSection(name, payload, lastNonCustomId));
                    ranges.add(new SectionRange(section, name, sectionOffset, contentOffset, size, 0, new long[0]));
                    if (name.equals("name")) {
                        names = NameSectionCodec.tryDecode(payload, s.offsetOf(payload.start()));
                    }
                    continue;
                }
                if (last != null && section.rank() <= last.rank()) {
                    // Out of order or repeated: the reference decoder stops at such a section.
                    throw new MalformedException("unexpected content after last section", sectionOffset);
                }
                last = section;
                lastNonCustomId = id;
                int count = readSection(section, s);
                if (!s.eof()) {
                    throw new MalformedException("section size mismatch", s.offset());
                }
                long[] offsets = itemOffsets.length == count ? itemOffsets : java.util.Arrays.copyOf(itemOffsets, count);
                ranges.add(new SectionRange(section, section.text(), sectionOffset, contentOffset, size, count,
                        offsets));
                itemOffsets = new long[0];
            }
            if (functions.size() != code.size()) {
                throw new MalformedException("function and code section have inconsistent lengths", r.offsetOf(end));
            }
            if (dataCount.isPresent() && Integer.toUnsignedLong(dataCount.getAsInt()) != data.size()) {
                throw new MalformedException("data count and data section have inconsistent lengths", r.offsetOf(end));
            }
            if (dataIndexUse >= 0 && dataCount.isEmpty()) {
                throw new MalformedException("data count section required", dataIndexUse);
            }
            Module m = new Module(types, imports, functions, tables, memories, tags, globals, exports, start,
                    elements, dataCount, code, data, customs, names);
            return new DecodedModule(m, ranges);
        }

        /** Reads a vector length; each element takes at least a byte, so it cannot exceed what is left. */
        private int count(BinaryReader s) {
            long at = s.offset();
            int n = s.u32();
            if (n < 0) {
                throw new MalformedException("length out of bounds", at);
            }
            // A count larger than what is left is read on, as the reference decoder does: the items
            // run out with "unexpected end of section or function". Nothing is preallocated from it.
            return n;
        }

        private void startItems(int n, BinaryReader s) {
            itemOffsets = new long[Math.min(n, s.remaining() + 1)];
        }

        private void item(int i, long offset) {
            if (i >= itemOffsets.length) {
                itemOffsets = java.util.Arrays.copyOf(itemOffsets, Math.max(i + 1, itemOffsets.length * 2));
            }
            itemOffsets[i] = offset;
        }

        private int readSection(SectionId section, BinaryReader s) {
            switch (section) {
                case START -> {
                    item(0, s.offset());
                    start = OptionalInt.of(s.u32());
                    return 1;
                }
                case DATA_COUNT -> {
                    item(0, s.offset());
                    dataCount = OptionalInt.of(s.u32());
                    return 1;
                }
                default -> { }
            }
            int n = count(s);
            startItems(n, s);
            for (int i = 0; i < n; i++) {
                item(i, s.offset());
                switch (section) {
                    case TYPE -> types.add(TypeCodec.recGroup(s));
                    case IMPORT -> imports.add(importEntry(s));
                    case FUNCTION -> functions.add(s.u32());
                    case TABLE -> tables.add(table(s));
                    case MEMORY -> memories.add(new MemoryType(TypeCodec.limits(s, true)));
                    case TAG -> tags.add(tagType(s));
                    case GLOBAL -> globals.add(new Global(TypeCodec.globalType(s), constExpr(s)));
                    case EXPORT -> exports.add(export(s));
                    case ELEMENT -> elements.add(element(s));
                    case CODE -> code.add(body(s, i, n));
                    case DATA -> data.add(dataSegment(s));
                    default -> throw new IllegalStateException(section.toString());
                }
            }
            return n;
        }

        // ---- types ----

        private Table table(BinaryReader s) {
            if (s.peek() == 0x40) {
                s.u8();
                long at = s.offset();
                if (s.u8() != 0) {
                    throw new MalformedException("malformed table", at);
                }
                TableType t = TypeCodec.tableType(s);
                return new Table(t, constExpr(s));
            }
            return new Table(TypeCodec.tableType(s), null);
        }

        private static TagType tagType(BinaryReader s) {
            long at = s.offset();
            int attribute = s.u8();
            if (attribute != 0) {
                // wasm-tools' words; the spec's grammar only has the exception attribute 0.
                throw new MalformedException("invalid tag attributes", at);
            }
            return new TagType(attribute, s.u32());
        }

        // ---- imports and exports ----

        private Import importEntry(BinaryReader s) {
            String module = s.name();
            String name = s.name();
            return new Import(module, name, importDesc(s));
        }

        private static final ExternKind[] EXTERN_KINDS = ExternKind.values();

        private Export export(BinaryReader s) {
            String name = s.name();
            long at = s.offset();
            int kind = s.u8();
            if (kind >= EXTERN_KINDS.length) {
                throw new MalformedException("malformed export kind", at);
            }
            return new Export(name, EXTERN_KINDS[kind], s.u32());
        }

        // ---- code ----

        /** A constant expression read up to its final {@code end}, as a window. */
        private ConstExpr constExpr(BinaryReader s) {
            int startPos = s.position();
            InstructionReader ir = new InstructionReader(s);
            ir.readExpression(dataUse);
            return new ConstExpr(Bytes.wrap(binary, startPos, s.position() - startPos), s.offsetOf(startPos));
        }

        private FuncBody body(BinaryReader s, int index, int total) {
            long sizeAt = s.offset();
            int size = s.u32();
            if (size < 0 || size > s.remaining()) {
                throw new MalformedException("length out of bounds", sizeAt);
            }
            boolean lastInSection = size == s.remaining();
            boolean lastInBinary = lastInSection && s.limit() == end;
            BinaryReader b = s.slice(size);
            int n = count(b);
            List<Local> locals = new ArrayList<>(Math.min(n, 16));
            long total64 = 0;
            for (int i = 0; i < n; i++) {
                long countAt = b.offset();
                long c = Integer.toUnsignedLong(b.u32());
                total64 += c;
                if (total64 > 0xFFFFFFFFL) {
                    throw new MalformedException("too many locals", countAt);
                }
                locals.add(new Local(c, TypeCodec.valType(b)));
            }
            int codeStart = b.position();
            Bytes instructions = b.rest();
            long codeOffset = b.offsetOf(codeStart);
            if (checkCode) {
                InstructionReader ir = new InstructionReader(instructions, codeOffset);
                try {
                    ir.readBody(dataUse);
                } catch (MalformedException e) {
                    // The reference decoder reads a body on past its size; when the body is the last of
                    // its section that means running off the binary or into the next section.
                    if (lastInSection && e.bareMessage().equals("END opcode expected")) {
                        throw new MalformedException(
                                lastInBinary ? BinaryReader.UNEXPECTED_END_OF_SECTION : "section size mismatch", e.offset());
                    }
                    throw e;
                }
            }
            return new FuncBody(locals, instructions, codeOffset);
        }

        /** Notes the first instruction that needs the data count section. */
        private final NoOpVisitor dataUse = new NoOpVisitor() {
            @Override
            public void visitIndex(Opcode op, int index) {
                if (op == Opcode.DATA_DROP) {
                    noteDataUse();
                }
            }

            @Override
            public void visitIndexPair(Opcode op, int first, int second) {
                // memory.init; array.new_data and array.init_data are left to validation, as in wasm-tools.
                if (op.immediate() == Immediate.DATA_MEMORY) {
                    noteDataUse();
                }
            }
        };

        private void noteDataUse() {
            if (dataIndexUse < 0) {
                // The offset of the code section is precise enough for this module-level fault.
                dataIndexUse = ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1).end();
            }
        }

        // ---- segments ----

        private ElementSegment element(BinaryReader s) {
            long at = s.offset();
            int flags = s.u32();
            if (flags < 0 || flags > 7) {
                throw new MalformedException("malformed elements segment kind", at);
            }
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean usesExpressions = (flags & 4) != 0;
            ElementSegment.Mode mode = !passiveOrDeclarative ? ElementSegment.Mode.ACTIVE
                    : explicitTable ? ElementSegment.Mode.DECLARATIVE : ElementSegment.Mode.PASSIVE;
            int table = 0;
            ConstExpr offset = null;
            if (mode == ElementSegment.Mode.ACTIVE) {
                if (explicitTable) {
                    table = s.u32();
                }
                offset = constExpr(s);
            }
            RefType type;
            if (mode == ElementSegment.Mode.ACTIVE && !explicitTable) {
                // Flags 0 and 4 imply the type: function indices are (ref func), expressions funcref.
                type = usesExpressions ? RefType.FUNCREF : new RefType(false, AbsHeapType.FUNC);
            } else if (usesExpressions) {
                type = TypeCodec.refType(s);
            } else {
                long kat = s.offset();
                if (s.u8() != 0x00) {
                    throw new MalformedException("malformed element kind", kat);
                }
                type = new RefType(false, AbsHeapType.FUNC);
            }
            int n = count(s);
            List<Integer> indices = List.of();
            List<ConstExpr> exprs = List.of();
            if (usesExpressions) {
                List<ConstExpr> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(constExpr(s));
                }
                exprs = list;
            } else {
                List<Integer> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(s.u32());
                }
                indices = list;
            }
            return new ElementSegment(mode, table, offset, type, usesExpressions, indices, exprs, flags);
        }

        private DataSegment dataSegment(BinaryReader s) {
            long at = s.offset();
            int flags = s.u32();
            return switch (flags) {
                case 0 -> {
                    ConstExpr offset = constExpr(s);
                    yield new DataSegment(true, 0, offset, s.byteVector(), 0);
                }
                case 1 -> new DataSegment(false, 0, null, s.byteVector(), 1);
                case 2 -> {
                    int memory = s.u32();
                    ConstExpr offset = constExpr(s);
                    yield new DataSegment(true, memory, offset, s.byteVector(), 2);
                }
                default -> throw new MalformedException("malformed data segment kind", at);
            };
        }
    }
}
