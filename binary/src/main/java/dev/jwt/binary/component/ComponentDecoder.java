package dev.jwt.binary.component;

import dev.jwt.binary.DecodedModule;
import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleDecoder.BinaryKind;
import dev.jwt.binary.component.ComponentSection.AliasSection;
import dev.jwt.binary.component.ComponentSection.CanonSection;
import dev.jwt.binary.component.ComponentSection.CoreInstanceSection;
import dev.jwt.binary.component.ComponentSection.CoreModuleSection;
import dev.jwt.binary.component.ComponentSection.CoreTypeSection;
import dev.jwt.binary.component.ComponentSection.Custom;
import dev.jwt.binary.component.ComponentSection.ExportSection;
import dev.jwt.binary.component.ComponentSection.ImportSection;
import dev.jwt.binary.component.ComponentSection.InstanceSection;
import dev.jwt.binary.component.ComponentSection.NestedComponentSection;
import dev.jwt.binary.component.ComponentSection.StartSection;
import dev.jwt.binary.component.ComponentSection.TypeSection;
import dev.jwt.binary.component.ComponentSection.ValueSection;
import dev.jwt.binary.component.DecodedComponent.SectionPlace;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.NameSection.Naming;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Decodes a component binary into a {@link Component}, nested components and core modules
 * included, to any depth up to {@link #MAX_NESTING}.
 *
 * <p>Every malformed input ends in one {@link MalformedException} with the offset of the fault (an
 * offset in the outermost binary) and wasm-tools' words: "unexpected end-of-file",
 * "malformed section id", "invalid leading byte (0x62) for component defined type"... Core modules
 * are read by {@link ModuleDecoder}, whose messages are the spec interpreter's; inside a component
 * the few that wasm-tools words differently are translated ({@link #wasmToolsWords}).
 */
public final class ComponentDecoder {
    /**
     * How deep components and component/instance types may nest. Real components nest a few
     * levels; the limit keeps hostile input from exhausting the stack here and in every recursive
     * consumer (printer, validator).
     */
    public static final int MAX_NESTING = 100;

    /** wasm-tools' limit on a start function's arguments and results. */
    private static final int MAX_START_VALUES = 1000;

    /** How deep the item being read is nested in components and component/instance types. */
    private int depth;
    /** Whether core modules' function bodies are read here (see {@link #decodeDetailed(byte[], boolean)}). */
    private final boolean checkCode;

    /**
     * The features whose encodings this decoder accepts; null accepts every encoding. (wasm-tools
     * rejects some encodings of a feature that is off while reading, as malformed.)
     */
    private final FeatureSet features;

    private ComponentDecoder(boolean checkCode, FeatureSet features) {
        this.checkCode = checkCode;
        this.features = features;
    }

    /** Decodes a component, accepting the encodings of every feature. */
    public static Component decode(byte[] binary) {
        return decodeDetailed(binary).component();
    }

    /** Decodes a component, rejecting the encodings of features that {@code features} leaves off. */
    public static Component decode(byte[] binary, FeatureSet features) {
        return decodeDetailed(binary, features).component();
    }

    /** Decodes a component and records where each section and item lies. */
    public static DecodedComponent decodeDetailed(byte[] binary) {
        return decodeDetailed(binary, true, null);
    }

    /**
     * Like {@link #decodeDetailed(byte[])}, rejecting the encodings of features that
     * {@code features} leaves off (null: none).
     */
    public static DecodedComponent decodeDetailed(byte[] binary, FeatureSet features) {
        return decodeDetailed(binary, true, features);
    }

    /**
     * Decodes a component; with {@code checkCode} off, the function bodies of its core modules are
     * only located, not read: for a validator, which reads every body anyway.
     */
    public static DecodedComponent decodeDetailed(byte[] binary, boolean checkCode) {
        return decodeDetailed(binary, checkCode, null);
    }

    /** Both of the above: bodies read or only located, encodings of features that are off rejected. */
    public static DecodedComponent decodeDetailed(byte[] binary, boolean checkCode, FeatureSet features) {
        ComponentDecoder d = new ComponentDecoder(checkCode, features);
        try {
            BinaryReader r = new BinaryReader(binary);
            return d.component(r, 0);
        } catch (MalformedException e) {
            throw wasmToolsWords(e);
        }
    }

    /**
     * A reader of single items ({@link #defType}, {@link #coreType}, {@link #alias}...) for tools that
     * walk a component's bytes themselves (dumps); its nesting limit starts afresh.
     */
    public static ComponentDecoder itemReader() {
        return new ComponentDecoder(true, null);
    }

    /** Decodes a core module or a component, whichever the preamble says. */
    public static WasmBinary decodeAny(byte[] binary) {
        BinaryKind kind;
        try {
            kind = ModuleDecoder.readPreamble(new BinaryReader(binary));
        } catch (MalformedException e) {
            throw wasmToolsWords(e);
        }
        return kind == BinaryKind.MODULE
                ? new WasmBinary.CoreModule(ModuleDecoder.decode(binary))
                : new WasmBinary.ComponentBinary(decode(binary));
    }

    /**
     * The message wasm-tools gives for what the core decoder words as the spec interpreter does.
     * A truncation is "unexpected end-of-file" wherever it happens in a component.
     */
    static MalformedException wasmToolsWords(MalformedException e) {
        String m = e.bareMessage();
        String words = switch (m) {
            case BinaryReader.UNEXPECTED_END, BinaryReader.UNEXPECTED_END_OF_SECTION, "length out of bounds" ->
                    "unexpected end-of-file";
            case "unexpected content after last section" -> "section out of order";
            case "section size mismatch" -> "section size mismatch: unexpected data at the end of the section";
            default -> m;
        };
        return words.equals(m) ? e : new MalformedException(words, e.offset());
    }

    private static MalformedException leadingByte(int b, String what, long at) {
        return new MalformedException(String.format("invalid leading byte (0x%x) for %s", b, what), at);
    }

    // ---- sections ----

    private DecodedComponent component(BinaryReader r, long start) {
        BinaryKind kind = ModuleDecoder.readPreamble(r);
        if (kind != BinaryKind.COMPONENT) {
            throw new MalformedException("expected a version header for a component", start + 4);
        }
        List<ComponentSection> sections = new ArrayList<>();
        List<SectionPlace> places = new ArrayList<>();
        ComponentNameSection names = null;
        while (!r.eof()) {
            long sectionOffset = r.offset();
            int id = r.u8();
            if (id > ComponentSection.VALUE) {
                throw new MalformedException("malformed section id", sectionOffset);
            }
            int size = r.u32();
            if (size < 0 || size > r.remaining()) {
                throw new MalformedException("unexpected end-of-file", r.offsetOf(r.limit()));
            }
            BinaryReader s = r.slice(size);
            long contentOffset = s.offset();
            long[] items = new long[0];
            Object nested = null;
            ComponentSection section;
            switch (id) {
                case ComponentSection.CUSTOM -> {
                    String name = s.name();
                    Bytes payload = s.rest();
                    section = new Custom(new CustomSection(name, payload, 0));
                    if (name.equals(ComponentNameSection.NAME) && names == null) {
                        names = ComponentNameCodec.tryDecode(payload, s.offsetOf(payload.start()));
                    }
                }
                case ComponentSection.CORE_MODULE -> {
                    Bytes window = s.rest();
                    DecodedModule m = new ModuleDecoder(checkCode).decodeEmbedded(window, contentOffset);
                    nested = m;
                    section = new CoreModuleSection(m.module());
                }
                case ComponentSection.COMPONENT -> {
                    enter(sectionOffset);
                    DecodedComponent c = component(s, contentOffset);
                    depth--;
                    nested = c;
                    section = new NestedComponentSection(c.component());
                }
                case ComponentSection.START -> {
                    items = new long[] {contentOffset};
                    section = new StartSection(start(s));
                    if (!s.eof()) {
                        throw new MalformedException("unexpected content in the component start section", s.offset());
                    }
                }
                default -> {
                    Items<?> list = switch (id) {
                        case ComponentSection.CORE_INSTANCE -> items(s, this::coreInstance);
                        case ComponentSection.CORE_TYPE -> items(s, this::coreType);
                        case ComponentSection.INSTANCE -> items(s, this::instance);
                        case ComponentSection.ALIAS -> items(s, this::alias);
                        case ComponentSection.TYPE -> items(s, this::defType);
                        case ComponentSection.CANON -> items(s, this::canon);
                        case ComponentSection.IMPORT -> items(s, this::importEntry);
                        case ComponentSection.EXPORT -> items(s, this::export);
                        default -> items(s, this::value);
                    };
                    items = list.offsets;
                    section = vectorSection(id, list.values);
                }
            }
            if (!s.eof()) {
                throw new MalformedException("section size mismatch: unexpected data at the end of the section",
                        s.offset());
            }
            sections.add(section);
            places.add(new SectionPlace(sectionOffset, contentOffset, size, items, nested));
        }
        return new DecodedComponent(new Component(sections, names), places);
    }

    @SuppressWarnings("unchecked")
    private static ComponentSection vectorSection(int id, List<?> v) {
        return switch (id) {
            case ComponentSection.CORE_INSTANCE -> new CoreInstanceSection((List<CoreInstance>) v);
            case ComponentSection.CORE_TYPE -> new CoreTypeSection((List<CoreType>) v);
            case ComponentSection.INSTANCE -> new InstanceSection((List<ComponentInstance>) v);
            case ComponentSection.ALIAS -> new AliasSection((List<Alias>) v);
            case ComponentSection.TYPE -> new TypeSection((List<DefType>) v);
            case ComponentSection.CANON -> new CanonSection((List<Canon>) v);
            case ComponentSection.IMPORT -> new ImportSection((List<ComponentImport>) v);
            case ComponentSection.EXPORT -> new ExportSection((List<ComponentExport>) v);
            default -> new ValueSection((List<ComponentValue>) v);
        };
    }

    private void enter(long at) {
        if (++depth > MAX_NESTING) {
            throw new MalformedException("nesting too deep", at);
        }
    }

    /** The items of a vector section with the offset of each. */
    private record Items<T>(List<T> values, long[] offsets) {}

    private static <T> Items<T> items(BinaryReader s, Function<BinaryReader, T> read) {
        int n = count(s);
        List<T> values = new ArrayList<>(Math.min(n, 1024));
        long[] offsets = new long[Math.min(n, s.remaining())];
        for (int i = 0; i < n; i++) {
            if (i == offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(8, i * 2));
            }
            offsets[i] = s.offset();
            values.add(read.apply(s));
        }
        return new Items<>(values, offsets.length == n ? offsets : Arrays.copyOf(offsets, n));
    }

    /**
     * A vector length. Nothing is preallocated from it beyond what is left to read: a count larger
     * than the items runs out with "unexpected end-of-file".
     */
    private static int count(BinaryReader s) {
        long at = s.offset();
        int n = s.u32();
        if (n < 0) {
            throw new MalformedException("unexpected end-of-file", at);
        }
        return n;
    }

    private static <T> List<T> vec(BinaryReader s, Function<BinaryReader, T> read) {
        int n = count(s);
        List<T> out = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            out.add(read.apply(s));
        }
        return out;
    }

    // ---- instances ----

    private CoreInstance coreInstance(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> {
                int module = s.u32();
                yield new CoreInstance.Instantiate(module, vec(s, r -> {
                    String name = r.name();
                    long kindAt = r.offset();
                    int kind = r.u8();
                    if (kind != CoreSort.INSTANCE.code()) {
                        throw leadingByte(kind, "instantiation arg kind", kindAt);
                    }
                    return new CoreInstance.InstantiateArg(name, r.u32());
                }));
            }
            case 0x01 -> new CoreInstance.FromExports(vec(s, r -> {
                String name = r.name();
                Sort sort = Sort.of(coreExternalKind(r));
                return new CoreInstance.InlineExport(name, new SortIndex(sort, r.u32()));
            }));
            default -> throw leadingByte(b, "core instance", at);
        };
    }

    private ComponentInstance instance(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> {
                int component = s.u32();
                yield new ComponentInstance.Instantiate(component, vec(s, r -> {
                    String name = r.name();
                    return new ComponentInstance.InstantiateArg(name, sortIndex(r));
                }));
            }
            case 0x01 -> new ComponentInstance.FromExports(vec(s, r -> {
                ExternName name = name(r);
                return new ComponentInstance.InlineExport(name, sortIndex(r));
            }));
            default -> throw leadingByte(b, "instance", at);
        };
    }

    /** A core {@code externtype} kind as a core sort: func, table, memory, global or tag. */
    private static CoreSort coreExternalKind(BinaryReader r) {
        long at = r.offset();
        int b = r.u8();
        CoreSort sort = CoreSort.byCode(b);
        if (sort == null || b > CoreSort.TAG.code()) {
            throw leadingByte(b, "external kind", at);
        }
        return sort;
    }

    /**
     * A {@code sort} where wasm-tools allows what a component can export: of the core sorts only
     * {@code core module}.
     */
    private static Sort componentExternalKind(BinaryReader r) {
        long at = r.offset();
        int b1 = r.u8();
        return componentExternalKind(b1, b1 == Sort.CORE_PREFIX ? r.u8() : -1, at);
    }

    private static Sort componentExternalKind(int b1, int b2, long at) {
        if (b1 == Sort.CORE_PREFIX) {
            if (b2 != CoreSort.MODULE.code()) {
                throw leadingByte(b2, "component external kind", at + 1);
            }
            return Sort.CORE_MODULE;
        }
        Sort sort = Sort.byCode(b1);
        if (sort == null) {
            throw leadingByte(b1, "component external kind", at);
        }
        return sort;
    }

    private static SortIndex sortIndex(BinaryReader r) {
        Sort sort = componentExternalKind(r);
        return new SortIndex(sort, r.u32());
    }

    // ---- aliases ----

    /** Reads an {@code alias}. */
    public Alias alias(BinaryReader s) {
        long at = s.offset();
        int b1 = s.u8();
        int b2 = b1 == Sort.CORE_PREFIX ? s.u8() : -1;
        long targetAt = s.offset();
        int target = s.u8();
        switch (target) {
            case 0x00 -> {
                Sort sort = componentExternalKind(b1, b2, at);
                int instance = s.u32();
                return new Alias.InstanceExport(sort, instance, s.name());
            }
            case 0x01 -> {
                if (b1 != Sort.CORE_PREFIX) {
                    throw leadingByte(b1, "core sort", at);
                }
                CoreSort core = CoreSort.byCode(b2);
                if (core == null || b2 > CoreSort.TAG.code()) {
                    throw leadingByte(b2, "external kind", at + 1);
                }
                int instance = s.u32();
                return new Alias.CoreInstanceExport(Sort.of(core), instance, s.name());
            }
            case 0x02 -> {
                Sort sort = outerAliasKind(b1, b2, at);
                int count = s.u32();
                return new Alias.Outer(sort, count, s.u32());
            }
            default -> throw leadingByte(target, "alias", targetAt);
        }
    }

    /** {@code outeraliassort}: core module, core type, type or component. */
    private static Sort outerAliasKind(int b1, int b2, long at) {
        if (b1 == Sort.CORE_PREFIX) {
            if (b2 == CoreSort.MODULE.code()) {
                return Sort.CORE_MODULE;
            }
            if (b2 == CoreSort.TYPE.code()) {
                return Sort.CORE_TYPE;
            }
            throw leadingByte(b2, "component outer alias kind", at + 1);
        }
        return switch (b1) {
            case 0x03 -> Sort.TYPE;
            case 0x04 -> Sort.COMPONENT;
            default -> throw leadingByte(b1, "component outer alias kind", at);
        };
    }

    // ---- core types ----

    /** Reads a {@code core:type}. */
    public CoreType coreType(BinaryReader s) {
        int b = s.peek();
        if (b == 0x50) {
            s.u8();
            return new CoreType.ModuleType(vec(s, this::moduleDecl));
        }
        if (b == 0x00) {
            s.u8();
            long at = s.offset();
            int sub = s.u8();
            if (sub != 0x50) {
                throw leadingByte(sub, "non-final sub type", at);
            }
            List<Integer> supers = vec(s, BinaryReader::u32);
            return new CoreType.Rec(RecGroup.single(subTypeBody(s, supers)));
        }
        return new CoreType.Rec(recGroup(s));
    }

    private static RecGroup recGroup(BinaryReader s) {
        try {
            return TypeCodec.recGroup(s);
        } catch (MalformedException e) {
            throw definitionType(e, s);
        }
    }

    private static SubType subTypeBody(BinaryReader s, List<Integer> supers) {
        try {
            return TypeCodec.describedType(s, false, supers);
        } catch (MalformedException e) {
            throw definitionType(e, s);
        }
    }

    /** The core decoder's "malformed definition type" in wasm-tools' words. */
    private static MalformedException definitionType(MalformedException e, BinaryReader s) {
        if (e.bareMessage().equals("malformed definition type")) {
            int b = s.array()[(int) (e.offset() - s.offsetOf(0))] & 0xFF;
            return leadingByte(b, "type", e.offset());
        }
        return e;
    }

    private CoreType.ModuleDecl moduleDecl(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> {
                String module = s.name();
                String name = s.name();
                yield new CoreType.ModuleDecl.Import(new Import(module, name, ModuleDecoder.importDesc(s)));
            }
            case 0x01 -> {
                long typeAt = s.offset();
                if (s.peek() == 0x00) {
                    // The 0x00 0x50 prefix of a non-final sub type outside module types (a moduletype
                    // here would be nested, which is not allowed).
                    throw leadingByte(0x00, "type", typeAt);
                }
                yield new CoreType.ModuleDecl.Type(recGroup(s));
            }
            case 0x02 -> {
                long kindAt = s.offset();
                int kind = s.u8();
                if (kind != CoreSort.TYPE.code()) {
                    throw leadingByte(kind, "outer alias kind", kindAt);
                }
                long targetAt = s.offset();
                int target = s.u8();
                if (target != 0x01) {
                    throw leadingByte(target, "outer alias target", targetAt);
                }
                int count = s.u32();
                yield new CoreType.ModuleDecl.OuterAlias(count, s.u32());
            }
            case 0x03 -> {
                String name = s.name();
                yield new CoreType.ModuleDecl.Export(name, ModuleDecoder.importDesc(s));
            }
            default -> throw leadingByte(b, "type definition", at);
        };
    }

    // ---- component types ----

    /** Reads a {@code type} (a {@code deftype}). */
    public DefType defType(BinaryReader s) {
        long at = s.offset();
        int b = s.peek();
        switch (b) {
            case 0x40, 0x43 -> {
                s.u8();
                List<DefType.LabelValType> params = vec(s, ComponentDecoder::labelValType);
                return new DefType.Func(b == 0x43, params, resultList(s));
            }
            case 0x41 -> {
                s.u8();
                enter(at);
                List<ComponentDecl> decls = vec(s, r -> componentDecl(r, true));
                depth--;
                return new DefType.ComponentType(decls);
            }
            case 0x42 -> {
                s.u8();
                enter(at);
                List<InstanceDecl> decls = vec(s, r -> (InstanceDecl) componentDecl(r, false));
                depth--;
                return new DefType.InstanceType(decls);
            }
            case 0x3F -> {
                s.u8();
                ValType rep = TypeCodec.valType(s);
                OptionalInt dtor = OptionalInt.empty();
                long optAt = s.offset();
                int present = s.u8();
                if (present == 0x01) {
                    dtor = OptionalInt.of(s.u32());
                } else if (present != 0x00) {
                    throw leadingByte(present, "optional core func index", optAt);
                }
                return new DefType.Resource(rep, dtor);
            }
            default -> {
                return defValType(s);
            }
        }
    }

    private ComponentDecl componentDecl(BinaryReader s, boolean component) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> new InstanceDecl.CoreTypeDecl(coreType(s));
            case 0x01 -> new InstanceDecl.TypeDecl(defType(s));
            case 0x02 -> new InstanceDecl.AliasDecl(alias(s));
            case 0x03 -> {
                if (!component) {
                    throw leadingByte(b, "component or instance type declaration", at);
                }
                ExternName name = name(s);
                yield new ComponentDecl.Import(name, externType(s));
            }
            case 0x04 -> {
                ExternName name = name(s);
                yield new InstanceDecl.Export(name, externType(s));
            }
            default -> throw leadingByte(b, "component or instance type declaration", at);
        };
    }

    private static DefValType defValType(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        PrimValType prim = PrimValType.byCode(b);
        if (prim != null) {
            return prim;
        }
        return switch (b) {
            case 0x72 -> new DefValType.Record(vec(s, ComponentDecoder::labelValType));
            case 0x71 -> new DefValType.Variant(vec(s, r -> {
                String label = r.name();
                Optional<ComponentValType> type = optionalValType(r);
                long zeroAt = r.offset();
                int zero = r.u8();
                if (zero != 0x00) {
                    throw leadingByte(zero, "zero byte required", zeroAt);
                }
                return new DefValType.Case(label, type);
            }));
            case 0x70 -> new DefValType.ListType(valType(s));
            case 0x67 -> {
                ComponentValType element = valType(s);
                yield new DefValType.FixedSizeList(element, s.u32());
            }
            case 0x6F -> new DefValType.Tuple(vec(s, ComponentDecoder::valType));
            case 0x6E -> new DefValType.Flags(vec(s, BinaryReader::name));
            case 0x6D -> new DefValType.Enum(vec(s, BinaryReader::name));
            case 0x6B -> new DefValType.Option(valType(s));
            case 0x6A -> {
                Optional<ComponentValType> ok = optionalValType(s);
                yield new DefValType.Result(ok, optionalValType(s));
            }
            case 0x69 -> new DefValType.Own(s.u32());
            case 0x68 -> new DefValType.Borrow(s.u32());
            case 0x66 -> new DefValType.Stream(optionalValType(s));
            case 0x65 -> new DefValType.Future(optionalValType(s));
            case 0x63 -> {
                ComponentValType key = valType(s);
                yield new DefValType.MapType(key, valType(s));
            }
            default -> throw leadingByte(b, "component defined type", at);
        };
    }

    private static DefType.LabelValType labelValType(BinaryReader s) {
        String label = s.name();
        return new DefType.LabelValType(label, valType(s));
    }

    /**
     * {@code valtype}: a primitive opcode, or a type index as a non-negative s33 (the negative
     * range is reserved for type opcodes).
     */
    static ComponentValType valType(BinaryReader s) {
        long at = s.offset();
        PrimValType prim = PrimValType.byCode(s.peek());
        if (prim != null) {
            s.u8();
            return prim;
        }
        long index = s.s33();
        if (index < 0) {
            throw leadingByte(s.array()[(int) (at - s.offsetOf(0))] & 0xFF, "component value type", at);
        }
        if (index > 0xFFFFFFFFL) {
            throw new MalformedException("integer too large", at);
        }
        return new ComponentValType.TypeIndex((int) index);
    }

    private static Optional<ComponentValType> optionalValType(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> Optional.empty();
            case 0x01 -> Optional.of(valType(s));
            default -> throw leadingByte(b, "optional component value type", at);
        };
    }

    /** {@code resultlist}: {@code 0x00 t} or {@code 0x01 0x00}. */
    private static Optional<ComponentValType> resultList(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        switch (b) {
            case 0x00 -> {
                return Optional.of(valType(s));
            }
            case 0x01 -> {
                long nAt = s.offset();
                int n = s.u8();
                if (n != 0x00) {
                    throw leadingByte(n, "number of results", nAt);
                }
                return Optional.empty();
            }
            default -> throw leadingByte(b, "component function results", at);
        }
    }

    // ---- imports, exports, names ----

    /** Reads a {@code nameattributes} of this component, under this decoder's features. */
    private ExternName name(BinaryReader s) {
        long at = s.offset();
        ExternName name = externName(s);
        // The attribute-carrying form came with `implements` (and `versionsuffix`) and is gated with them.
        if (name.prefix() == ExternName.WITH_ATTRIBUTES && features != null && !features.has(Feature.CM_IMPLEMENTS)
                && !features.has(Feature.CM_CANON_NAMES)) {
            throw new MalformedException("the `cm-implements` feature is not active", at);
        }
        return name;
    }

    /** Reads a {@code nameattributes}. */
    public static ExternName externName(BinaryReader s) {
        long at = s.offset();
        int prefix = s.u8();
        return switch (prefix) {
            case ExternName.PLAIN, ExternName.PLAIN_LEGACY -> new ExternName(s.name(), prefix, List.of());
            case ExternName.WITH_ATTRIBUTES -> {
                String name = s.name();
                yield new ExternName(name, prefix, vec(s, ComponentDecoder::attribute));
            }
            default -> throw leadingByte(prefix, "component name", at);
        };
    }

    private static ExternName.Attribute attribute(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> new ExternName.Attribute.Implements(s.name());
            case 0x01 -> new ExternName.Attribute.VersionSuffix(s.name());
            case 0x02 -> new ExternName.Attribute.ExternalId(s.name());
            default -> throw leadingByte(b, "name option", at);
        };
    }

    /** Reads an {@code externtype}. */
    public static ExternType externType(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> {
                long kindAt = s.offset();
                int kind = s.u8();
                if (kind != CoreSort.MODULE.code()) {
                    throw leadingByte(kind, "component external kind", kindAt);
                }
                yield new ExternType.Module(s.u32());
            }
            case 0x01 -> new ExternType.Func(s.u32());
            // wasm-tools (and the binaries it writes) have no valuebound byte: the value type follows.
            case 0x02 -> new ExternType.Value(new ExternType.ValueBound.Type(valType(s)));
            case 0x03 -> {
                long boundAt = s.offset();
                int bound = s.u8();
                yield new ExternType.Type(switch (bound) {
                    case 0x00 -> new ExternType.TypeBound.Eq(s.u32());
                    case 0x01 -> new ExternType.TypeBound.SubResource();
                    default -> throw leadingByte(bound, "type bound", boundAt);
                });
            }
            case 0x04 -> new ExternType.Component(s.u32());
            case 0x05 -> new ExternType.Instance(s.u32());
            default -> throw leadingByte(b, "component external kind", at);
        };
    }

    private ComponentImport importEntry(BinaryReader s) {
        ExternName name = name(s);
        return new ComponentImport(name, externType(s));
    }

    private ComponentExport export(BinaryReader s) {
        ExternName name = name(s);
        SortIndex item = sortIndex(s);
        long at = s.offset();
        int b = s.u8();
        Optional<ExternType> type = switch (b) {
            case 0x00 -> Optional.empty();
            case 0x01 -> Optional.of(externType(s));
            default -> throw leadingByte(b, "optional component export type", at);
        };
        return new ComponentExport(name, item, type);
    }

    private ComponentValue value(BinaryReader s) {
        ComponentValType type = valType(s);
        return new ComponentValue(type, s.byteVector());
    }

    private static ComponentStart start(BinaryReader s) {
        int func = s.u32();
        long argsAt = s.offset();
        int n = s.u32();
        if (n < 0 || n > MAX_START_VALUES) {
            throw new MalformedException("start function arguments size is out of bounds", argsAt);
        }
        List<Integer> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(s.u32());
        }
        long resultsAt = s.offset();
        int results = s.u32();
        if (results < 0 || results > MAX_START_VALUES) {
            throw new MalformedException("start function results size is out of bounds", resultsAt);
        }
        return new ComponentStart(func, args, results);
    }

    // ---- canonical definitions ----

    private Canon canon(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        Canon.Kind kind = Canon.Kind.byCode(b);
        if (kind == null) {
            throw leadingByte(b, "canonical function", at);
        }
        return switch (kind) {
            case LIFT -> {
                zeroSort(s, "canonical function lift");
                int coreFunc = s.u32();
                List<CanonOption> options = options(s);
                yield new Canon.Lift(coreFunc, options, s.u32());
            }
            case LOWER -> {
                zeroSort(s, "canonical function lower");
                int func = s.u32();
                yield new Canon.Lower(func, options(s));
            }
            case RESOURCE_NEW -> new Canon.ResourceNew(s.u32());
            case RESOURCE_DROP -> new Canon.ResourceDrop(s.u32());
            case RESOURCE_REP -> new Canon.ResourceRep(s.u32());
            case BACKPRESSURE_INC -> new Canon.BackpressureInc();
            case BACKPRESSURE_DEC -> new Canon.BackpressureDec();
            case TASK_RETURN -> {
                Optional<ComponentValType> result = resultList(s);
                yield new Canon.TaskReturn(result, options(s));
            }
            case TASK_CANCEL -> new Canon.TaskCancel();
            case CONTEXT_GET -> {
                ValType t = TypeCodec.valType(s);
                yield new Canon.ContextGet(t, s.u32());
            }
            case CONTEXT_SET -> {
                ValType t = TypeCodec.valType(s);
                yield new Canon.ContextSet(t, s.u32());
            }
            case SUBTASK_CANCEL -> new Canon.SubtaskCancel(bool(s));
            case SUBTASK_DROP -> new Canon.SubtaskDrop();
            case STREAM_NEW -> new Canon.StreamNew(s.u32());
            case STREAM_READ -> {
                int t = s.u32();
                yield new Canon.StreamRead(t, options(s));
            }
            case STREAM_WRITE -> {
                int t = s.u32();
                yield new Canon.StreamWrite(t, options(s));
            }
            case STREAM_CANCEL_READ -> {
                int t = s.u32();
                yield new Canon.StreamCancelRead(t, bool(s));
            }
            case STREAM_CANCEL_WRITE -> {
                int t = s.u32();
                yield new Canon.StreamCancelWrite(t, bool(s));
            }
            case STREAM_DROP_READABLE -> new Canon.StreamDropReadable(s.u32());
            case STREAM_DROP_WRITABLE -> new Canon.StreamDropWritable(s.u32());
            case FUTURE_NEW -> new Canon.FutureNew(s.u32());
            case FUTURE_READ -> {
                int t = s.u32();
                yield new Canon.FutureRead(t, options(s));
            }
            case FUTURE_WRITE -> {
                int t = s.u32();
                yield new Canon.FutureWrite(t, options(s));
            }
            case FUTURE_CANCEL_READ -> {
                int t = s.u32();
                yield new Canon.FutureCancelRead(t, bool(s));
            }
            case FUTURE_CANCEL_WRITE -> {
                int t = s.u32();
                yield new Canon.FutureCancelWrite(t, bool(s));
            }
            case FUTURE_DROP_READABLE -> new Canon.FutureDropReadable(s.u32());
            case FUTURE_DROP_WRITABLE -> new Canon.FutureDropWritable(s.u32());
            case ERROR_CONTEXT_NEW -> new Canon.ErrorContextNew(options(s));
            case ERROR_CONTEXT_DEBUG_MESSAGE -> new Canon.ErrorContextDebugMessage(options(s));
            case ERROR_CONTEXT_DROP -> new Canon.ErrorContextDrop();
            case WAITABLE_SET_NEW -> new Canon.WaitableSetNew();
            case WAITABLE_SET_WAIT -> {
                boolean cancellable = bool(s);
                yield new Canon.WaitableSetWait(cancellable, s.u32());
            }
            case WAITABLE_SET_POLL -> {
                boolean cancellable = bool(s);
                yield new Canon.WaitableSetPoll(cancellable, s.u32());
            }
            case WAITABLE_SET_DROP -> new Canon.WaitableSetDrop();
            case WAITABLE_JOIN -> new Canon.WaitableJoin();
            case THREAD_INDEX -> new Canon.ThreadIndex();
            case THREAD_NEW_INDIRECT -> {
                int t = s.u32();
                yield new Canon.ThreadNewIndirect(t, s.u32());
            }
            case THREAD_RESUME_LATER -> new Canon.ThreadResumeLater();
            case THREAD_SUSPEND -> new Canon.ThreadSuspend(bool(s));
            case THREAD_YIELD -> new Canon.ThreadYield(bool(s));
            case THREAD_SUSPEND_THEN_RESUME -> new Canon.ThreadSuspendThenResume(bool(s));
            case THREAD_YIELD_THEN_RESUME -> new Canon.ThreadYieldThenResume(bool(s));
            case THREAD_SUSPEND_THEN_PROMOTE -> new Canon.ThreadSuspendThenPromote(bool(s));
            case THREAD_YIELD_THEN_PROMOTE -> new Canon.ThreadYieldThenPromote(bool(s));
            // wasm-tools writes no sh? byte (the spec's shared-everything-threads addition): never shared.
            case THREAD_SPAWN_REF -> new Canon.ThreadSpawnRef(false, s.u32());
            case THREAD_SPAWN_INDIRECT -> {
                int t = s.u32();
                yield new Canon.ThreadSpawnIndirect(false, t, s.u32());
            }
            case THREAD_AVAILABLE_PARALLELISM -> new Canon.ThreadAvailableParallelism(false);
        };
    }

    /** The {@code 0x00} (func sort) byte after {@code lift} and {@code lower}. */
    private static void zeroSort(BinaryReader s, String what) {
        long at = s.offset();
        int b = s.u8();
        if (b != 0x00) {
            throw leadingByte(b, what, at);
        }
    }

    /** {@code async?}, {@code cancel?}, {@code sh?}: a byte 0 or 1. */
    private static boolean bool(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        if (b > 1) {
            throw new MalformedException("invalid boolean value", at);
        }
        return b == 1;
    }

    private static List<CanonOption> options(BinaryReader s) {
        return vec(s, r -> {
            long at = r.offset();
            int b = r.u8();
            return switch (b) {
                case 0x00 -> CanonOption.StringEncoding.UTF8;
                case 0x01 -> CanonOption.StringEncoding.UTF16;
                case 0x02 -> CanonOption.StringEncoding.LATIN1_UTF16;
                case 0x03 -> new CanonOption.Memory(r.u32());
                case 0x04 -> new CanonOption.Realloc(r.u32());
                case 0x05 -> new CanonOption.PostReturn(r.u32());
                case 0x06 -> new CanonOption.Async();
                case 0x07 -> new CanonOption.Callback(r.u32());
                case 0x08 -> new CanonOption.CoreType(r.u32());
                case 0x09 -> new CanonOption.Gc();
                default -> throw leadingByte(b, "canonical option", at);
            };
        });
    }

    /** The {@code component-name} custom section. */
    static final class ComponentNameCodec {
        private ComponentNameCodec() {}

        /** The decoded section, or null when it does not decode (its validity is not required). */
        static ComponentNameSection tryDecode(Bytes payload, long offset) {
            try {
                return decode(payload, offset);
            } catch (MalformedException e) {
                return null;
            }
        }

        static ComponentNameSection decode(Bytes payload, long offset) {
            BinaryReader r = new BinaryReader(payload, offset);
            String name = null;
            List<ComponentNameSection.SortNames> sorts = new ArrayList<>();
            while (!r.eof()) {
                long at = r.offset();
                int id = r.u8();
                int size = r.u32Count();
                BinaryReader s = r.slice(size);
                switch (id) {
                    case 0 -> name = s.name();
                    case 1 -> {
                        long sortAt = s.offset();
                        int b1 = s.u8();
                        Sort sort;
                        if (b1 == Sort.CORE_PREFIX) {
                            CoreSort core = CoreSort.byCode(s.u8());
                            if (core == null) {
                                throw new MalformedException("malformed sort", sortAt);
                            }
                            sort = Sort.of(core);
                        } else {
                            sort = Sort.byCode(b1);
                            if (sort == null) {
                                throw new MalformedException("malformed sort", sortAt);
                            }
                        }
                        sorts.add(new ComponentNameSection.SortNames(sort, vec(s, m -> {
                            int index = m.u32();
                            return new Naming(index, m.name());
                        })));
                    }
                    default -> s.rest();
                }
                if (!s.eof()) {
                    throw new MalformedException("name subsection size mismatch", at);
                }
            }
            return new ComponentNameSection(name, sorts);
        }
    }
}
