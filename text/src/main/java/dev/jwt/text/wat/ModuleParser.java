package dev.jwt.text.wat;

import dev.jwt.binary.code.InstructionWriter;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.custom.NameSectionCodec;
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
import dev.jwt.binary.module.NameSection.IndirectNaming;
import dev.jwt.binary.module.NameSection.Naming;
import dev.jwt.binary.module.Table;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.TokenKind;
import dev.jwt.text.lex.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses the module fields of one core module in the text format into a binary {@link Module}.
 *
 * <p>Two passes over the fields: the first assigns every definition its index (so that ids may be
 * used before they are defined) and checks that imports precede definitions; the second parses
 * types first (implicit type uses need them all) and then every other field in order, expanding
 * the abbreviations of the spec's text format (inline imports and exports, inline type uses with
 * implicit type definitions appended in order, inline elements and data, offset and item forms).
 */
public final class ModuleParser extends Cursor {
    private static final int[] SECTION_ORDER = {1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11};

    final Space types;
    final Space funcs = new Space("func");
    final Space tables = new Space("table");
    final Space memories = new Space("memory");
    final Space globals = new Space("global");
    final Space tags = new Space("tag");
    final Space elems = new Space("elem");
    final Space datas = new Space("data");

    /** Every type definition, flat: explicit ones first, then the implicit ones as they are inserted. */
    final List<SubType> allTypes = new ArrayList<>();
    private final List<RecGroup> groups = new ArrayList<>();
    private final Map<FuncType, Integer> implicitCandidates = new HashMap<>();
    /** Field names per type index, for {@code struct.get $t $field}. */
    final Map<Integer, Map<String, Integer>> fieldIds = new HashMap<>();
    private final List<IndirectNaming> fieldNames = new ArrayList<>();
    final List<Boolean> memoryIs64 = new ArrayList<>();
    final List<Boolean> tableIs64 = new ArrayList<>();

    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<Table> tableDefs = new ArrayList<>();
    private final List<MemoryType> memoryDefs = new ArrayList<>();
    private final List<TagType> tagDefs = new ArrayList<>();
    private final List<Global> globalDefs = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private OptionalInt start = OptionalInt.empty();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<FuncBody> code = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final List<CustomSection> customs = new ArrayList<>();
    /** Per function with branch hints: {function index, List of {offset, value}}. */
    private final List<Object[]> branchHints = new ArrayList<>();
    private final List<IndirectNaming> localNames = new ArrayList<>();
    private final List<IndirectNaming> labelNames = new ArrayList<>();
    boolean usesDataCount;
    private String moduleName;
    private boolean moduleNameAnnotated;

    private record Field(String keyword, int start) {}

    private final List<Field> fields = new ArrayList<>();
    private final int end;

    /**
     * A parser for the module fields in {@code [start, end)} of {@code tokens}; {@code end} is
     * the module's closing parenthesis (or EOF for a file of bare fields).
     */
    public ModuleParser(Tokens tokens, int start, int end) {
        this(tokens, start, end, new Space("type"));
    }

    private ModuleParser(Tokens tokens, int start, int end, Space types) {
        super(tokens, start);
        this.end = end;
        this.types = types;
    }

    /**
     * A parser of core types alone (for the core types of a component, a component type or a
     * module type), whose type ids resolve in {@code types}: use {@link #coreTypeDef}, {@link #valType},
     * {@link #tableType}, {@link #memoryType}, {@link #globalType}, {@link #paramsAndResults}.
     */
    public static ModuleParser forCoreTypes(Tokens tokens, Space types) {
        return new ModuleParser(tokens, 0, tokens.size() - 1, types);
    }

    /**
     * After {@code (type} (or {@code (core type}): an optional id, the definition of type
     * {@code index} and the closing parenthesis. The id must already be defined.
     */
    public SubType coreTypeDef(int index, boolean inRec) {
        inRecGroup = inRec;
        try {
            return typeDef(index);
        } finally {
            inRecGroup = false;
        }
    }

    /** Records the module's {@code $id}, which becomes the name section's module name. */
    public void moduleId(String id) {
        if (!moduleNameAnnotated) {
            moduleName = id;
        }
    }

    /** Parses an optional {@code (@name "...")} for the module itself, at the current position. */
    public void moduleNameAnnotation() {
        if (atAnnotation("name")) {
            int at = pos;
            pos++;
            String n = name();
            expectRParen();
            if (moduleNameAnnotated) {
                throw errorAt(at, "@name annotation: multiple module");
            }
            moduleNameAnnotated = true;
            moduleName = n;
        }
    }

    /** Parses the fields and builds the module. */
    public Module parse() {
        scanFields();
        int afterFields = pos;
        parseTypes();
        for (Field f : fields) {
            pos = f.start;
            switch (f.keyword) {
                case "type", "rec" -> { }
                case "func" -> parseFunc();
                case "table" -> parseTable();
                case "memory" -> parseMemory();
                case "global" -> parseGlobal();
                case "tag" -> parseTag();
                case "import" -> parseImport();
                case "export" -> parseExport();
                case "start" -> parseStart();
                case "elem" -> parseElem();
                case "data" -> parseData();
                case "@custom" -> parseCustom();
                case "@producers" -> parseProducers();
                default -> throw error("unexpected module field");
            }
        }
        pos = afterFields;
        if (!branchHints.isEmpty()) {
            customs.add(branchHintSection());
        }
        for (SubType s : allTypes.subList(groupsTypeCount(), allTypes.size())) {
            groups.add(RecGroup.single(s));
        }
        Module m = new Module(groups, imports, functions, tableDefs, memoryDefs, tagDefs, globalDefs, exports, start,
                elements, usesDataCount ? OptionalInt.of(data.size()) : OptionalInt.empty(), code, data,
                customs, null);
        NameSection names = names();
        if (names == null) {
            return m;
        }
        List<CustomSection> cs = new ArrayList<>(customs);
        cs.add(new CustomSection("name", NameSectionCodec.encode(names), 11));
        return new Module(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.tags(), m.globals(),
                m.exports(), m.start(), m.elements(), m.dataCount(), m.code(), m.data(), cs, names);
    }

    private int explicitTypeCount;

    private int groupsTypeCount() {
        return explicitTypeCount;
    }

    /**
     * The {@code metadata.code.branch_hint} section (branch hinting proposal): per function, the
     * body offset, size 1 and value of each hint; placed just before the code section.
     */
    @SuppressWarnings("unchecked")
    private CustomSection branchHintSection() {
        BinaryWriter w = new BinaryWriter();
        w.u32(branchHints.size());
        for (Object[] f : branchHints) {
            w.u32((Integer) f[0]);
            List<int[]> hs = (List<int[]>) f[1];
            w.u32(hs.size());
            for (int[] h : hs) {
                w.u32(h[0]);
                w.u32(1);
                w.u8(h[1]);
            }
        }
        return new CustomSection(dev.jwt.text.lex.Lexer.BRANCH_HINT, w.toBytes(), 12);
    }

    private NameSection names() {
        boolean any = moduleName != null || !funcs.names.isEmpty() || !localNames.isEmpty() || !labelNames.isEmpty()
                || !types.names.isEmpty() || !tables.names.isEmpty() || !memories.names.isEmpty()
                || !globals.names.isEmpty() || !elems.names.isEmpty() || !datas.names.isEmpty()
                || !fieldNames.isEmpty() || !tags.names.isEmpty();
        if (!any) {
            return null;
        }
        return new NameSection(moduleName, funcs.names, localNames, labelNames, types.names, tables.names,
                memories.names, globals.names, elems.names, datas.names, fieldNames, tags.names);
    }

    // ---------------------------------------------------------------- pass 1: indices

    /** An optional {@code $id} followed by an optional {@code (@name "...")}; returns {id, name}. */
    private String[] idAndName() {
        String id = optionalId();
        String name = null;
        if (atAnnotation("name")) {
            pos++;
            name = name();
            expectRParen();
        }
        return new String[] {id, name};
    }

    /**
     * Marks a local's entry in an id list that holds an {@code (@name "...")} rather than an id:
     * it names the local in the name section but cannot be referred to.
     */
    static final char ANNOTATED = '\0';

    /**
     * The id of a parameter or local declaration, or (marked with {@link #ANNOTATED}) the name a
     * following {@code (@name "...")} gives it. Either makes the declaration a single one.
     */
    private String idOrNameAnnotation() {
        String id = optionalId();
        if (atAnnotation("name")) {
            pos++;
            String n = name();
            expectRParen();
            return ANNOTATED + n;
        }
        return id;
    }

    private void scanFields() {
        String[] defined = new String[1];
        while (pos < end && !at(TokenKind.RPAREN) && !at(TokenKind.EOF)) {
            int fieldStart = pos;
            if (at(TokenKind.ANNOTATION)) {
                if (atAnnotation("custom") || atAnnotation("producers")) {
                    fields.add(new Field(atAnnotation("custom") ? "@custom" : "@producers", pos));
                    skipForm();
                    continue;
                }
                if (atAnnotation(dev.jwt.text.lex.Lexer.BRANCH_HINT)) {
                    throw error("@metadata.code.branch_hint annotation: not in a function");
                }
                throw error("misplaced @name annotation");
            }
            if (!at(TokenKind.LPAREN)) {
                throw unexpected("a module field");
            }
            String kw = parenKeyword();
            if (kw == null) {
                pos++;
                throw unexpected("a module field");
            }
            pos += 2;
            int idAt = pos;
            switch (kw) {
                case "type" -> defineType();
                case "rec" -> {
                    while (atParen("type")) {
                        int s = pos;
                        pos += 2;
                        defineType();
                        pos = tokens().matching(s) + 1;
                    }
                }
                case "func", "table", "memory", "global", "tag" -> {
                    String[] idn = idAndName();
                    Space space = space(kw);
                    boolean imported = inlineImport();
                    checkImportOrder(kw, imported, defined, fieldStart);
                    space.define(this, idAt, idn[0], idn[1]);
                    if (!imported && kw.equals("table") && hasInlineSegment("elem", fieldStart)) {
                        elems.define(this, idAt, null, null);
                    }
                    if (!imported && kw.equals("memory") && hasInlineSegment("data", fieldStart)) {
                        datas.define(this, idAt, null, null);
                    }
                }
                case "import" -> {
                    name();
                    name();
                    String k = parenKeyword();
                    if (k == null || space(k) == null || k.equals("elem") || k.equals("data") || k.equals("type")) {
                        throw unexpected("an import description");
                    }
                    pos += 2;
                    int at = pos;
                    String[] idn = idAndName();
                    checkImportOrder(k, true, defined, fieldStart);
                    space(k).define(this, at, idn[0], idn[1]);
                }
                case "elem" -> {
                    String[] idn = idAndName();
                    elems.define(this, idAt, idn[0], idn[1]);
                }
                case "data" -> {
                    String[] idn = idAndName();
                    datas.define(this, idAt, idn[0], idn[1]);
                }
                case "export", "start" -> { }
                default -> throw errorAt(fieldStart + 1, "unexpected token, expected a module field");
            }
            fields.add(new Field(kw, fieldStart));
            int close = tokens().matching(fieldStart);
            if (tokens().kind(close) != TokenKind.RPAREN) {
                // Unclosed: the second pass reports the token where the field goes wrong.
                pos = close;
                break;
            }
            pos = close + 1;
        }
    }

    private void defineType() {
        int at = pos;
        String[] idn = idAndName();
        types.define(this, at, idn[0], idn[1]);
    }

    private Space space(String kw) {
        return switch (kw) {
            case "func" -> funcs;
            case "table" -> tables;
            case "memory" -> memories;
            case "global" -> globals;
            case "tag" -> tags;
            case "type" -> types;
            case "elem" -> elems;
            case "data" -> datas;
            default -> null;
        };
    }

    /** Imports must precede every definition of a function, table, memory or global. */
    private void checkImportOrder(String kw, boolean imported, String[] firstDefinition, int at) {
        if (kw.equals("tag")) {
            return; // tags came later and are not ordered against imports (as in wasm-tools)
        }
        if (imported && firstDefinition[0] != null) {
            throw errorAt(at, "import after " + firstDefinition[0]);
        }
        if (!imported && firstDefinition[0] == null) {
            firstDefinition[0] = kw.equals("func") ? "function" : kw;
        }
    }

    /** At the start of a definition's body: skips inline exports; true when an inline import follows. */
    private boolean inlineImport() {
        int save = pos;
        while (atParen("export")) {
            skipForm();
        }
        boolean imported = atParen("import");
        pos = save;
        return imported;
    }

    /** Whether a table or memory definition abbreviates an inline {@code (elem ...)} or {@code (data ...)}. */
    private boolean hasInlineSegment(String kw, int fieldStart) {
        int save = pos;
        int close = tokens().matching(fieldStart);
        boolean found = false;
        while (pos < close) {
            if (atParen(kw)) {
                found = true;
                break;
            }
            if (at(TokenKind.LPAREN) || at(TokenKind.ANNOTATION)) {
                skipForm();
            } else {
                pos++;
            }
        }
        pos = save;
        return found;
    }

    // ---------------------------------------------------------------- types

    private boolean inRecGroup;

    private void parseTypes() {
        int index = 0;
        for (Field f : fields) {
            if (f.keyword.equals("type")) {
                pos = f.start + 2;
                SubType s = typeDef(index++);
                allTypes.add(s);
                groups.add(RecGroup.single(s));
            } else if (f.keyword.equals("rec")) {
                pos = f.start + 2;
                List<SubType> members = new ArrayList<>();
                while (atParen("type")) {
                    pos += 2;
                    inRecGroup = true;
                    SubType s = typeDef(index++);
                    inRecGroup = false;
                    members.add(s);
                    allTypes.add(s);
                }
                expectRParen();
                groups.add(new RecGroup(true, members));
            }
        }
        explicitTypeCount = allTypes.size();
        for (int i = 0, ti = 0; i < groups.size(); i++) {
            RecGroup g = groups.get(i);
            // Like wasm-tools: a type use reuses the first function type defined outside (rec ...),
            // final or not; (rec ...) groups, even of one type, are never reused.
            if (!g.explicit() && g.types().size() == 1) {
                SubType s = g.types().get(0);
                if (s.composite() instanceof FuncType ft) {
                    implicitCandidates.putIfAbsent(ft, ti);
                }
            }
            ti += g.types().size();
        }
    }

    /** After {@code (type}: id, optional name, the definition and the closing parenthesis. */
    private SubType typeDef(int index) {
        optionalId();
        if (atAnnotation("name")) {
            skipForm();
        }
        SubType s;
        if (takeParen("sub")) {
            boolean fin = takeKeyword("final");
            List<Integer> supers = new ArrayList<>();
            while (Space.atIndex(this)) {
                supers.add(types.resolve(this));
            }
            s = sharedType(index, fin, supers);
            expectRParen();
        } else {
            s = sharedType(index, true, List.of());
        }
        expectRParen();
        return s;
    }

    /**
     * The definition, or {@code (shared definition)} (shared-everything-threads), where the
     * definition is the describes/descriptor clauses and the composite type.
     */
    private SubType sharedType(int index, boolean fin, List<Integer> supers) {
        if (takeParen("shared")) {
            SubType s = describedType(index, fin, supers, true);
            expectRParen();
            return s;
        }
        return describedType(index, fin, supers, false);
    }

    /**
     * {@code (describes x)? (descriptor x)?} (custom-descriptors, in that order) and the composite
     * type. A clause out of order or repeated is met where the composite type should be.
     */
    private SubType describedType(int index, boolean fin, List<Integer> supers, boolean shared) {
        OptionalInt describes = OptionalInt.empty();
        OptionalInt descriptor = OptionalInt.empty();
        if (takeParen("describes")) {
            describes = OptionalInt.of(types.resolve(this));
            expectRParen();
        }
        if (takeParen("descriptor")) {
            descriptor = OptionalInt.of(types.resolve(this));
            expectRParen();
        }
        return new SubType(fin, supers, describes, descriptor, compositeType(index), shared);
    }

    private CompositeType compositeType(int index) {
        expectLParen();
        String kw = keyword();
        CompositeType c;
        switch (kw) {
            case "func" -> {
                List<ValType> params = new ArrayList<>();
                List<ValType> results = new ArrayList<>();
                paramsAndResults(params, null, results);
                c = new FuncType(params, results);
            }
            case "struct" -> {
                List<FieldType> fs = new ArrayList<>();
                List<Naming> names = new ArrayList<>();
                Map<String, Integer> ids = new HashMap<>();
                while (takeParen("field")) {
                    int at = pos;
                    String id = optionalId();
                    if (id != null) {
                        if (ids.putIfAbsent(id, fs.size()) != null) {
                            throw errorAt(at, "duplicate field identifier $" + id);
                        }
                        names.add(new Naming(fs.size(), id));
                        fs.add(fieldType());
                    } else {
                        while (!at(TokenKind.RPAREN)) {
                            fs.add(fieldType());
                        }
                    }
                    expectRParen();
                }
                if (!names.isEmpty()) {
                    // wasm-tools names the fields of types outside (rec ...) only; do as it does so
                    // that printing the binary gives the same text.
                    if (!inRecGroup) {
                        fieldNames.add(new IndirectNaming(index, names));
                    }
                    fieldIds.put(index, ids);
                }
                c = new StructType(fs);
            }
            case "array" -> {
                FieldType ft;
                if (takeParen("field")) {
                    ft = fieldType();
                    expectRParen();
                } else {
                    ft = fieldType();
                }
                c = new ArrayType(ft);
            }
            case "cont" -> c = new ContType(types.resolve(this));
            default -> throw errorAt(pos - 1, "unexpected token, expected `func`, `struct` or `array`");
        }
        expectRParen();
        return c;
    }

    private FieldType fieldType() {
        if (takeParen("mut")) {
            StorageType s = storageType();
            expectRParen();
            return new FieldType(s, true);
        }
        return new FieldType(storageType(), false);
    }

    private StorageType storageType() {
        if (takeKeyword("i8")) {
            return PackedType.I8;
        }
        if (takeKeyword("i16")) {
            return PackedType.I16;
        }
        return valType();
    }

    /**
     * {@code (param ...)* (result ...)*}; parameter ids go to {@code paramIds} (null entries for
     * unnamed ones) when it is not null, else ids are not allowed... but are tolerated in type definitions.
     */
    public void paramsAndResults(List<ValType> params, List<String> paramIds, List<ValType> results) {
        while (atParen("param")) {
            pos += 2;
            int at = pos;
            String id = idOrNameAnnotation();
            if (id != null) {
                if (paramIds != null && id.charAt(0) != ANNOTATED && paramIds.contains(id)) {
                    throw errorAt(at, "duplicate local identifier $" + id);
                }
                params.add(valType());
                if (paramIds != null) {
                    paramIds.add(id);
                }
            } else {
                while (!at(TokenKind.RPAREN)) {
                    params.add(valType());
                    if (paramIds != null) {
                        paramIds.add(null);
                    }
                }
            }
            expectRParen();
        }
        while (atParen("result")) {
            pos += 2;
            while (!at(TokenKind.RPAREN)) {
                results.add(valType());
            }
            expectRParen();
        }
    }

    /** wasm-tools' words when a value type is missing. */
    private static final String VALUE_TYPE_EXPECTED = "unexpected token, expected one of: `i32`, `i64`, `f32`, `f64`, "
            + "`v128`, `funcref`, `externref`, `exnref`, `contref`, `anyref`, `eqref`, `structref`, `arrayref`, "
            + "`i31ref`, `nullfuncref`, `nullexternref`, `nullexnref`, `nullcontref`, `nullref`, lparen";

    public ValType valType() {
        if (at(TokenKind.KEYWORD)) {
            int at = pos;
            String kw = keyword();
            switch (kw) {
                case "i32": return NumType.I32;
                case "i64": return NumType.I64;
                case "f32": return NumType.F32;
                case "f64": return NumType.F64;
                case "v128": return VecType.V128;
                default:
                    RefType r = refShorthand(kw);
                    if (r == null) {
                        throw errorAt(at, VALUE_TYPE_EXPECTED);
                    }
                    return r;
            }
        }
        if (atParen("ref") || atSharedShorthand()) {
            return refType();
        }
        throw error(at(TokenKind.EOF) ? "unexpected end of input" : VALUE_TYPE_EXPECTED);
    }

    static RefType refShorthand(String kw) {
        AbsHeapType h = switch (kw) {
            case "funcref" -> AbsHeapType.FUNC;
            case "externref" -> AbsHeapType.EXTERN;
            case "anyref" -> AbsHeapType.ANY;
            case "eqref" -> AbsHeapType.EQ;
            case "i31ref" -> AbsHeapType.I31;
            case "structref" -> AbsHeapType.STRUCT;
            case "arrayref" -> AbsHeapType.ARRAY;
            case "nullref" -> AbsHeapType.NONE;
            case "nullfuncref" -> AbsHeapType.NOFUNC;
            case "nullexternref" -> AbsHeapType.NOEXTERN;
            case "exnref" -> AbsHeapType.EXN;
            case "nullexnref" -> AbsHeapType.NOEXN;
            case "contref" -> AbsHeapType.CONT;
            case "nullcontref" -> AbsHeapType.NOCONT;
            default -> null;
        };
        return h == null ? null : new RefType(true, h);
    }

    /** A reference type: a shorthand keyword or {@code (ref null? heaptype)}. */
    RefType refType() {
        if (at(TokenKind.KEYWORD)) {
            int at = pos;
            RefType r = refShorthand(keyword());
            if (r == null) {
                throw errorAt(at, "unexpected token, expected a reference type");
            }
            return r;
        }
        if (atSharedShorthand()) {
            // shared-everything-threads: (shared anyref) is (ref null (shared any)).
            pos += 2;
            RefType r = refShorthand(keyword());
            expectRParen();
            return new RefType(true, new SharedAbsHeapType((AbsHeapType) r.heapType()));
        }
        if (!takeParen("ref")) {
            throw unexpected("a reference type");
        }
        boolean nullable = takeKeyword("null");
        HeapType h = heapType();
        expectRParen();
        return new RefType(nullable, h);
    }

    HeapType heapType() {
        if (takeParen("shared")) {
            // shared-everything-threads: (shared any), (shared func), ...
            int at = pos;
            AbsHeapType a = at(TokenKind.KEYWORD) ? AbsHeapType.byText(keyword()) : null;
            if (a == null) {
                throw errorAt(at, "unexpected token, expected an abstract heap type");
            }
            expectRParen();
            return new SharedAbsHeapType(a);
        }
        if (at(TokenKind.KEYWORD)) {
            int at = pos;
            AbsHeapType a = AbsHeapType.byText(keyword());
            if (a == null) {
                throw errorAt(at, "unexpected token, expected a heap type");
            }
            return a;
        }
        if (Space.atIndex(this)) {
            return new ConcreteHeapType(types.resolve(this));
        }
        if (takeParen("exact")) {
            // custom-descriptors: (exact x) is the heap type of x alone, without its subtypes.
            int index = types.resolve(this);
            expectRParen();
            return new ConcreteHeapType(index, true);
        }
        throw unexpected("a heap type");
    }

    boolean atRefType() {
        if (at(TokenKind.KEYWORD)) {
            return refShorthand(tokens().text(pos)) != null;
        }
        return atParen("ref") || atSharedShorthand();
    }

    /** At {@code (shared xref)}, a shared reference shorthand (shared-everything-threads). */
    private boolean atSharedShorthand() {
        return atParen("shared") && kind(2) == TokenKind.KEYWORD && refShorthand(tokens().text(pos + 2)) != null;
    }

    // ---------------------------------------------------------------- type uses

    /** The result of a type use: its index and the ids it gives the parameters. */
    record TypeUse(int index, FuncType type, List<String> paramIds) {}

    FuncType funcTypeAt(int index, int at) {
        if (index < 0 || index >= allTypes.size()) {
            return null; // out of bounds: the validator reports it
        }
        return allTypes.get(index).composite() instanceof FuncType f ? f : null;
    }

    /**
     * {@code (type x)? (param ...)* (result ...)*}. Without {@code (type x)} the index is the first
     * function type defined outside (rec ...) with the same signature, inserted at the end when there is none.
     */
    TypeUse typeUse(boolean bindParams) {
        int at = pos;
        // Indices are u32: (type 0xffffffff) is -1 as an int, so presence needs its own flag.
        boolean explicit = takeParen("type");
        int index = -1;
        if (explicit) {
            index = types.resolve(this);
            expectRParen();
        }
        List<ValType> params = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        boolean inline = atParen("param") || atParen("result");
        paramsAndResults(params, ids, results);
        FuncType written = new FuncType(params, results);
        if (explicit) {
            FuncType ft = funcTypeAt(index, at);
            if (inline && ft != null && !ft.equals(written)) {
                throw errorAt(at, "inline function type doesn't match type reference");
            }
            if (ft == null) {
                boolean exists = Integer.compareUnsigned(index, allTypes.size()) < 0;
                if (inline && !exists) {
                    // The inline declarations cannot be checked against a type that does not exist.
                    throw errorAt(at, "unknown type");
                }
                return new TypeUse(index, exists ? null : written, inline ? ids : List.of());
            }
            return new TypeUse(index, ft, inline ? ids : List.of());
        }
        return new TypeUse(implicitType(written), written, ids);
    }

    /** The index of the implicit type for {@code ft}, inserting it when needed. */
    int implicitType(FuncType ft) {
        Integer i = implicitCandidates.get(ft);
        if (i != null) {
            return i;
        }
        int idx = types.count++;
        allTypes.add(SubType.plain(ft));
        implicitCandidates.put(ft, idx);
        return idx;
    }

    // ---------------------------------------------------------------- fields

    /** Inline {@code (export "name")*} of a definition of {@code kind} with index {@code index}. */
    private void inlineExports(ExternKind kind, int index) {
        while (takeParen("export")) {
            exports.add(new Export(name(), kind, index));
            expectRParen();
        }
    }

    /** An inline {@code (import "m" "n")}, as the pair of names, or null. */
    private String[] inlineImportNames() {
        if (takeParen("import")) {
            String m = name();
            String n = name();
            expectRParen();
            return new String[] {m, n};
        }
        return null;
    }

    private int funcIndex;
    private int tableIndex;
    private int memoryIndex;
    private int globalIndex;
    private int tagIndex;
    private int elemIndex;
    private int dataIndex;

    private void parseFunc() {
        pos += 2;
        idAndName();
        int index = funcIndex++;
        inlineExports(ExternKind.FUNC, index);
        String[] imp = inlineImportNames();
        int at = pos;
        boolean exact = imp != null && takeParen("exact");
        TypeUse use = typeUse(true);
        if (imp != null) {
            if (exact) {
                expectRParen();
            }
            expectRParen();
            imports.add(new Import(imp[0], imp[1], new ImportDesc.Func(use.index, exact)));
            addLocalNames(index, use.paramIds);
            return;
        }
        functions.add(use.index);
        FuncType ft = use.type;
        if (ft == null) {
            ft = new FuncType(List.of(), List.of()); // not a function type: the validator reports it
        }
        List<String> localIds = new ArrayList<>(use.paramIds);
        while (localIds.size() < ft.params().size()) {
            localIds.add(null);
        }
        List<ValType> localTypes = new ArrayList<>(ft.params());
        List<ValType> declared = new ArrayList<>();
        while (atParen("local")) {
            pos += 2;
            int idAt = pos;
            String id = idOrNameAnnotation();
            if (id != null) {
                if (id.charAt(0) != ANNOTATED && localIds.contains(id)) {
                    throw errorAt(idAt, "duplicate local identifier $" + id);
                }
                ValType t = valType();
                localIds.add(id);
                localTypes.add(t);
                declared.add(t);
            } else {
                while (!at(TokenKind.RPAREN)) {
                    ValType t = valType();
                    localIds.add(null);
                    localTypes.add(t);
                    declared.add(t);
                }
            }
            expectRParen();
        }
        InstructionParser ip = new InstructionParser(this, localIds, localTypes.size());
        ip.instructions();
        expectRParen();
        ip.out.visitSimple(dev.jwt.binary.Opcode.END);
        List<Local> locals = new ArrayList<>();
        for (ValType t : declared) {
            int last = locals.size() - 1;
            if (last >= 0 && locals.get(last).type().equals(t)) {
                locals.set(last, new Local(locals.get(last).count() + 1, t));
            } else {
                locals.add(new Local(1, t));
            }
        }
        code.add(new FuncBody(locals, Bytes.wrap(ip.out.toByteArray()), 0));
        if (!ip.hints.isEmpty()) {
            // Hint offsets count from the start of the body: the local declarations come first.
            BinaryWriter w = new BinaryWriter();
            w.u32(locals.size());
            for (Local l : locals) {
                w.u32((int) l.count());
                TypeCodec.valType(w, l.type());
            }
            int base = w.size();
            List<int[]> hs = new ArrayList<>();
            for (int[] h : ip.hints) {
                hs.add(new int[] {base + h[0], h[1]});
            }
            branchHints.add(new Object[] {index, hs});
        }
        addLocalNames(index, localIds);
        if (!ip.labelNames.isEmpty()) {
            labelNames.add(new IndirectNaming(index, ip.labelNames));
        }
    }

    private void addLocalNames(int func, List<String> ids) {
        List<Naming> names = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id != null) {
                names.add(new Naming(i, id.charAt(0) == ANNOTATED ? id.substring(1) : id));
            }
        }
        if (!names.isEmpty()) {
            localNames.add(new IndirectNaming(func, names));
        }
    }

    /**
     * Limits: {@code min max?}, as u64 (the validator checks the ranges of the address type), then
     * for memories {@code shared} and {@code (pagesize N)}. A table is shared by a leading keyword.
     */
    private Limits limits(boolean is64, boolean memory) {
        long min = u64();
        OptionalLong max = at(TokenKind.NUMBER) ? OptionalLong.of(u64()) : OptionalLong.empty();
        boolean shared = false;
        int pageSizeLog2 = -1;
        while (memory) {
            if (takeKeyword("shared")) {
                shared = true;
            } else if (atParen("pagesize")) {
                pageSizeLog2 = pageSize();
            } else {
                break;
            }
        }
        return new Limits(min, max, is64, shared, pageSizeLog2);
    }

    /** {@code (pagesize N)}: N must be a power of two; returns log2(N). */
    private int pageSize() {
        pos += 2;
        int at = pos;
        long n = u64();
        if (n == 0 || Long.bitCount(n) != 1) {
            throw errorAt(at, "invalid custom page size");
        }
        expectRParen();
        return Long.numberOfTrailingZeros(n);
    }

    private boolean addressType() {
        if (takeKeyword("i64")) {
            return true;
        }
        takeKeyword("i32");
        return false;
    }

    public TableType tableType() {
        // shared-everything-threads: `shared` comes first, and then no address type (as in wasm-tools).
        boolean shared = takeKeyword("shared");
        boolean is64 = !shared && addressType();
        Limits l = limits(is64, false);
        if (shared) {
            l = new Limits(l.min(), l.max(), l.is64(), true, l.pageSizeLog2());
        }
        return new TableType(refType(), l);
    }

    public MemoryType memoryType() {
        boolean is64 = addressType();
        return new MemoryType(limits(is64, true));
    }

    public GlobalType globalType() {
        if (takeParen("shared")) {
            // shared-everything-threads: (shared t) and (shared mut t).
            boolean mutable = takeKeyword("mut");
            ValType t = valType();
            expectRParen();
            return new GlobalType(t, mutable, true);
        }
        if (takeParen("mut")) {
            ValType t = valType();
            expectRParen();
            return new GlobalType(t, true);
        }
        return new GlobalType(valType(), false);
    }

    private void parseTable() {
        pos += 2;
        idAndName();
        int index = tableIndex++;
        inlineExports(ExternKind.TABLE, index);
        String[] imp = inlineImportNames();
        if (imp != null) {
            TableType tt = tableType();
            expectRParen();
            imports.add(new Import(imp[0], imp[1], new ImportDesc.TableImport(tt)));
            tableIs64.add(tt.limits().is64());
            return;
        }
        boolean shared = takeKeyword("shared");
        boolean is64 = !shared && addressType();
        if (atRefType()) {
            // (table reftype (elem ...)): limits are the number of elements.
            RefType rt = refType();
            if (!takeParen("elem")) {
                throw unexpected("`(elem`");
            }
            ElemItems items = elemItems(rt, true);
            expectRParen();
            expectRParen();
            long n = items.size();
            tableDefs.add(new Table(new TableType(rt, new Limits(n, OptionalLong.of(n), is64, shared, -1)), null));
            tableIs64.add(is64);
            ConstExpr offset = constOf(is64);
            elemIndex++;
            addElement(ElementSegment.Mode.ACTIVE, index, offset, items, true);
            return;
        }
        Limits l = limits(is64, false);
        if (shared) {
            l = new Limits(l.min(), l.max(), l.is64(), true, l.pageSizeLog2());
        }
        RefType rt = refType();
        ConstExpr init = null;
        if (!at(TokenKind.RPAREN)) {
            init = constExpr();
        }
        expectRParen();
        tableDefs.add(new Table(new TableType(rt, l), init));
        tableIs64.add(is64);
    }

    /** {@code i32.const 0} or {@code i64.const 0} with its end: the offset of inline segments. */
    private ConstExpr constOf(boolean is64) {
        return new ConstExpr(Bytes.wrap(new byte[] {(byte) (is64 ? 0x42 : 0x41), 0, 0x0B}), 0);
    }

    private void parseMemory() {
        pos += 2;
        idAndName();
        int index = memoryIndex++;
        inlineExports(ExternKind.MEMORY, index);
        String[] imp = inlineImportNames();
        if (imp != null) {
            MemoryType mt = memoryType();
            expectRParen();
            imports.add(new Import(imp[0], imp[1], new ImportDesc.Memory(mt)));
            memoryIs64.add(mt.limits().is64());
            return;
        }
        boolean is64 = addressType();
        int pageSizeLog2 = -1;
        if (atParen("pagesize") && kind(4) == TokenKind.LPAREN) {
            pageSizeLog2 = pageSize();
        }
        if (takeParen("data")) {
            byte[] bytes = dataString();
            expectRParen();
            expectRParen();
            long pageSize = pageSizeLog2 < 0 ? 65536 : 1L << pageSizeLog2;
            long pages = (bytes.length + pageSize - 1) / pageSize;
            memoryDefs.add(new MemoryType(new Limits(pages, OptionalLong.of(pages), is64, false, pageSizeLog2)));
            memoryIs64.add(is64);
            dataIndex++;
            data.add(new DataSegment(true, index, constOf(is64), Bytes.wrap(bytes), index == 0 ? 0 : 2));
            return;
        }
        Limits l = limits(is64, true);
        if (pageSizeLog2 >= 0) {
            l = new Limits(l.min(), l.max(), l.is64(), l.shared(), pageSizeLog2);
        }
        expectRParen();
        memoryDefs.add(new MemoryType(l));
        memoryIs64.add(is64);
    }

    private void parseGlobal() {
        pos += 2;
        idAndName();
        int index = globalIndex++;
        inlineExports(ExternKind.GLOBAL, index);
        String[] imp = inlineImportNames();
        GlobalType gt = globalType();
        if (imp != null) {
            expectRParen();
            imports.add(new Import(imp[0], imp[1], new ImportDesc.GlobalImport(gt)));
            return;
        }
        ConstExpr init = constExpr();
        expectRParen();
        globalDefs.add(new Global(gt, init));
    }

    private void parseTag() {
        pos += 2;
        idAndName();
        int index = tagIndex++;
        inlineExports(ExternKind.TAG, index);
        String[] imp = inlineImportNames();
        TypeUse use = typeUse(false);
        expectRParen();
        TagType tt = new TagType(0, use.index);
        if (imp != null) {
            imports.add(new Import(imp[0], imp[1], new ImportDesc.Tag(tt)));
        } else {
            tagDefs.add(tt);
        }
    }

    private void parseImport() {
        pos += 2;
        String m = name();
        String n = name();
        expectLParen();
        String kw = keyword();
        idAndName();
        ImportDesc desc;
        switch (kw) {
            case "func" -> {
                int index = funcIndex++;
                // custom-descriptors: (exact <typeuse>) imports a function of exactly that type.
                boolean exact = takeParen("exact");
                TypeUse use = typeUse(true);
                if (exact) {
                    expectRParen();
                }
                addLocalNames(index, use.paramIds);
                desc = new ImportDesc.Func(use.index, exact);
            }
            case "table" -> {
                tableIndex++;
                TableType tt = tableType();
                tableIs64.add(tt.limits().is64());
                desc = new ImportDesc.TableImport(tt);
            }
            case "memory" -> {
                memoryIndex++;
                MemoryType mt = memoryType();
                memoryIs64.add(mt.limits().is64());
                desc = new ImportDesc.Memory(mt);
            }
            case "global" -> {
                globalIndex++;
                desc = new ImportDesc.GlobalImport(globalType());
            }
            case "tag" -> {
                tagIndex++;
                desc = new ImportDesc.Tag(new TagType(0, typeUse(false).index));
            }
            default -> throw errorAt(pos - 1, "unexpected token, expected an import description");
        }
        expectRParen();
        expectRParen();
        imports.add(new Import(m, n, desc));
    }

    private void parseExport() {
        pos += 2;
        String n = name();
        expectLParen();
        String kw = keyword();
        ExternKind kind = switch (kw) {
            case "func" -> ExternKind.FUNC;
            case "table" -> ExternKind.TABLE;
            case "memory" -> ExternKind.MEMORY;
            case "global" -> ExternKind.GLOBAL;
            case "tag" -> ExternKind.TAG;
            default -> throw errorAt(pos - 1, "unexpected token, expected an export description");
        };
        int index = space(kw).resolve(this);
        expectRParen();
        expectRParen();
        exports.add(new Export(n, kind, index));
    }

    private void parseStart() {
        int at = pos;
        pos += 2;
        int f = funcs.resolve(this);
        expectRParen();
        if (start.isPresent()) {
            throw errorAt(at, "multiple start sections");
        }
        start = OptionalInt.of(f);
    }

    /** The items of an element segment: function indices or expressions. */
    private record ElemItems(RefType type, boolean expressions, List<Integer> indices, List<ConstExpr> exprs) {
        int size() {
            return expressions ? exprs.size() : indices.size();
        }
    }

    /**
     * Element items after the segment's mode: {@code func idx*}, {@code reftype item*}, or (when
     * {@code bareIndices}, the active and inline abbreviations) {@code idx*}.
     */
    private ElemItems elemItems(RefType tableType, boolean inline) {
        if (takeKeyword("func")) {
            List<Integer> idx = new ArrayList<>();
            while (Space.atIndex(this)) {
                idx.add(funcs.resolve(this));
            }
            return new ElemItems(RefType.FUNCREF, false, idx, List.of());
        }
        if (!inline && atRefType()) {
            RefType rt = refType();
            return new ElemItems(rt, true, List.of(), itemExprs());
        }
        if (inline && at(TokenKind.LPAREN)) {
            return new ElemItems(tableType, true, List.of(), itemExprs());
        }
        List<Integer> idx = new ArrayList<>();
        while (Space.atIndex(this)) {
            idx.add(funcs.resolve(this));
        }
        if (inline && !(tableType.nullable() && tableType.heapType() == AbsHeapType.FUNC)) {
            List<ConstExpr> exprs = new ArrayList<>();
            for (int f : idx) {
                InstructionWriter w = new InstructionWriter();
                w.visitIndex(dev.jwt.binary.Opcode.REF_FUNC, f);
                w.visitSimple(dev.jwt.binary.Opcode.END);
                exprs.add(new ConstExpr(w.toBytes(), 0));
            }
            return new ElemItems(tableType, true, List.of(), exprs);
        }
        return new ElemItems(RefType.FUNCREF, false, idx, List.of());
    }

    private List<ConstExpr> itemExprs() {
        List<ConstExpr> exprs = new ArrayList<>();
        while (at(TokenKind.LPAREN)) {
            if (takeParen("item")) {
                exprs.add(constExprUntilClose());
                expectRParen();
            } else {
                exprs.add(singleFoldedExpr());
            }
        }
        return exprs;
    }

    private void parseElem() {
        pos += 2;
        idAndName();
        elemIndex++;
        if (takeKeyword("declare")) {
            ElemItems items = elemItems(RefType.FUNCREF, false);
            expectRParen();
            addElement(ElementSegment.Mode.DECLARATIVE, 0, null, items, false);
            return;
        }
        int table = 0;
        boolean explicitTable = false;
        ConstExpr offset = null;
        if (takeParen("table")) {
            table = tables.resolve(this);
            expectRParen();
            explicitTable = true;
        } else if (Space.atIndex(this)) {
            table = tables.resolve(this);
            explicitTable = true;
        }
        if (takeParen("offset")) {
            offset = constExprUntilClose();
            expectRParen();
        } else if (at(TokenKind.LPAREN) && !atParen("ref") && !atParen("item")) {
            offset = singleFoldedExpr();
        } else if (explicitTable) {
            throw unexpected("an offset expression");
        }
        if (offset == null) {
            ElemItems items = elemItems(RefType.FUNCREF, false);
            expectRParen();
            addElement(ElementSegment.Mode.PASSIVE, 0, null, items, false);
            return;
        }
        ElemItems items;
        if (atKeyword("func") || atRefType()) {
            items = elemItems(RefType.FUNCREF, false);
        } else {
            List<Integer> idx = new ArrayList<>();
            while (Space.atIndex(this)) {
                idx.add(funcs.resolve(this));
            }
            items = new ElemItems(RefType.FUNCREF, false, idx, List.of());
        }
        expectRParen();
        addElement(ElementSegment.Mode.ACTIVE, table, offset, items, explicitTable);
    }

    private void addElement(ElementSegment.Mode mode, int table, ConstExpr offset, ElemItems items, boolean needsTable) {
        boolean funcref = items.type.nullable() && items.type.heapType() == AbsHeapType.FUNC;
        int flags;
        switch (mode) {
            case ACTIVE -> {
                if (table == 0 && funcref && !needsTable) {
                    flags = items.expressions ? 4 : 0;
                } else {
                    flags = items.expressions ? 6 : 2;
                }
            }
            case PASSIVE -> flags = items.expressions ? 5 : 1;
            default -> flags = items.expressions ? 7 : 3;
        }
        elements.add(new ElementSegment(mode, table, offset, items.type, items.expressions, items.indices,
                items.exprs, flags));
    }

    private void parseData() {
        pos += 2;
        idAndName();
        dataIndex++;
        int memory = 0;
        boolean explicitMemory = false;
        if (takeParen("memory")) {
            memory = memories.resolve(this);
            expectRParen();
            explicitMemory = true;
        } else if (Space.atIndex(this)) {
            memory = memories.resolve(this);
            explicitMemory = true;
        }
        ConstExpr offset = null;
        if (takeParen("offset")) {
            offset = constExprUntilClose();
            expectRParen();
        } else if (at(TokenKind.LPAREN)) {
            offset = singleFoldedExpr();
        } else if (explicitMemory) {
            throw unexpected("an offset expression");
        }
        Bytes b = Bytes.wrap(dataString());
        expectRParen();
        if (offset == null) {
            data.add(new DataSegment(false, 0, null, b, 1));
        } else {
            data.add(new DataSegment(true, memory, offset, b, memory == 0 ? 0 : 2));
        }
    }

    /**
     * A data string: strings, and (as wasm-tools accepts) numeric values {@code (i8 n*)},
     * {@code (i16 n*)}, {@code (i32 n*)}, {@code (i64 n*)}, {@code (f32 z*)}, {@code (f64 z*)},
     * {@code (v128 shape n*)}, little endian.
     */
    private byte[] dataString() {
        BinaryWriter w = new BinaryWriter();
        while (true) {
            if (at(TokenKind.STRING)) {
                w.bytes(stringBytes());
                continue;
            }
            String kw = parenKeyword();
            if (kw == null) {
                return w.toByteArray();
            }
            int bits = switch (kw) {
                case "i8" -> 8;
                case "i16" -> 16;
                case "i32", "f32" -> 32;
                case "i64", "f64" -> 64;
                case "v128" -> 128;
                default -> 0;
            };
            if (bits == 0) {
                return w.toByteArray();
            }
            pos += 2;
            while (!at(TokenKind.RPAREN)) {
                if (bits == 128) {
                    InstructionParser ip = new InstructionParser(this, List.of(), 0);
                    long[] v = ip.v128Lanes();
                    w.f64Bits(v[0]);
                    w.f64Bits(v[1]);
                    continue;
                }
                long v = kw.charAt(0) == 'f' ? (bits == 32 ? f32() & 0xFFFF_FFFFL : f64()) : intN(bits);
                for (int i = 0; i < bits / 8; i++) {
                    w.u8((int) (v >>> (8 * i)));
                }
            }
            expectRParen();
        }
    }

    /**
     * {@code (@producers (language|processed-by|sdk "name" "version")*)}: a {@code producers}
     * custom section (tool conventions) of its own, like wasm-tools makes one per annotation,
     * with the entries grouped by field in order of first appearance.
     */
    private void parseProducers() {
        customs.add(producers(this, 11));
    }

    /**
     * {@code (@producers (field "name" "version")*)} at the cursor (the annotation token): the
     * {@code producers} custom section it stands for, placed after section {@code after}.
     */
    public static CustomSection producers(Cursor c, int after) {
        c.seek(c.pos() + 1);
        Map<String, List<String[]>> producers = new java.util.LinkedHashMap<>();
        while (c.at(TokenKind.LPAREN)) {
            c.seek(c.pos() + 1);
            int at = c.pos();
            String field = c.at(TokenKind.KEYWORD) ? c.keyword() : "";
            if (!field.equals("language") && !field.equals("processed-by") && !field.equals("sdk")) {
                throw c.errorAt(at, "unexpected token, expected `language`, `processed-by` or `sdk`");
            }
            String n = c.name();
            String v = c.name();
            c.expectRParen();
            producers.computeIfAbsent(field, k -> new ArrayList<>()).add(new String[] {n, v});
        }
        c.expectRParen();
        BinaryWriter w = new BinaryWriter();
        w.u32(producers.size());
        for (Map.Entry<String, List<String[]>> e : producers.entrySet()) {
            w.name(e.getKey());
            w.u32(e.getValue().size());
            for (String[] nv : e.getValue()) {
                w.name(nv[0]);
                w.name(nv[1]);
            }
        }
        return new CustomSection("producers", w.toBytes(), after);
    }

    private void parseCustom() {
        int at = pos;
        pos++;
        if (!at(TokenKind.STRING)) {
            throw error("@custom annotation: missing section name");
        }
        String sectionName;
        try {
            sectionName = name();
        } catch (dev.jwt.text.TextException e) {
            throw errorAt(at, "@custom annotation: malformed UTF-8 encoding");
        }
        int after = 11;
        if (at(TokenKind.LPAREN)) {
            pos++;
            boolean before;
            if (takeKeyword("before")) {
                before = true;
            } else if (takeKeyword("after")) {
                before = false;
            } else {
                throw error("@custom annotation: malformed placement");
            }
            if (!at(TokenKind.KEYWORD)) {
                throw error("@custom annotation: malformed section kind");
            }
            String kind = keyword();
            int id = switch (kind) {
                case "first" -> -1;
                case "last" -> -2;
                case "type" -> 1;
                case "import" -> 2;
                case "func" -> 3;
                case "table" -> 4;
                case "memory" -> 5;
                case "global" -> 6;
                case "export" -> 7;
                case "start" -> 8;
                case "elem" -> 9;
                case "code" -> 10;
                case "data" -> 11;
                case "datacount" -> 12;
                case "tag" -> 13;
                default -> throw errorAt(pos - 1, "@custom annotation: malformed section kind");
            };
            expectRParen();
            if (id == -1) {
                after = 0;
            } else if (id == -2) {
                after = 11;
            } else if (!before) {
                after = id;
            } else {
                int k = 0;
                while (SECTION_ORDER[k] != id) {
                    k++;
                }
                after = k == 0 ? 0 : SECTION_ORDER[k - 1];
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (at(TokenKind.STRING)) {
            bytes.writeBytes(stringBytes());
        }
        if (!at(TokenKind.RPAREN)) {
            throw error("@custom annotation: unexpected token");
        }
        pos++;
        customs.add(new CustomSection(sectionName, Bytes.wrap(bytes.toByteArray()), after));
    }

    // ---------------------------------------------------------------- constant expressions

    /** Instructions up to (not including) the closing parenthesis, then {@code end}. */
    ConstExpr constExprUntilClose() {
        InstructionParser ip = new InstructionParser(this, List.of(), 0);
        ip.instructions();
        ip.out.visitSimple(dev.jwt.binary.Opcode.END);
        return new ConstExpr(Bytes.wrap(ip.out.toByteArray()), 0);
    }

    /** The rest of a field as an expression (global and table initialisers). */
    private ConstExpr constExpr() {
        return constExprUntilClose();
    }

    /** One folded instruction as a whole expression: the {@code (item ...)} and offset abbreviations. */
    private ConstExpr singleFoldedExpr() {
        InstructionParser ip = new InstructionParser(this, List.of(), 0);
        ip.onlyFolded = true;
        ip.foldedInstruction();
        ip.out.visitSimple(dev.jwt.binary.Opcode.END);
        return new ConstExpr(Bytes.wrap(ip.out.toByteArray()), 0);
    }

    boolean memoryIs64(int index) {
        return index < memoryIs64.size() && memoryIs64.get(index);
    }
}
