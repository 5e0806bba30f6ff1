package dev.jwt.text.component;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.CanonOption;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentInstance;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.ComponentStart;
import dev.jwt.binary.component.ComponentValType;
import dev.jwt.binary.component.CoreInstance;
import dev.jwt.binary.component.CoreSort;
import dev.jwt.binary.component.CoreType;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.DefValType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.InstanceDecl;
import dev.jwt.binary.component.PrimValType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.component.SortIndex;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.NameSection.Naming;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TagType;
import dev.jwt.binary.types.ValType;
import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.TokenKind;
import dev.jwt.text.lex.Tokens;
import dev.jwt.text.wat.ModuleParser;
import dev.jwt.text.wat.Space;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Parses the component text format (the Component Model's {@code Explainer.md}, as wasm-tools
 * accepts it) into the binary model, desugared the way wasm-tools desugars it so that the encoded
 * bytes are the same.
 *
 * <p>Each field is parsed twice. The first run ("hoisting") only lifts out the inline definitions
 * the field holds (inline type definitions, inline instances of instantiation arguments, ...): each
 * becomes a definition of its own, placed before the field (and parsed the same way, recursively).
 * The second run resolves the field's references, which may add aliases (for {@code $i "name"}
 * projections and for ids of enclosing scopes) between the hoisted definitions and the field, and
 * then adds the field itself, followed by its inline exports. This is the order wasm-tools
 * produces: hoisted definitions, then aliases, then the field.
 */
public final class ComponentParser extends Cursor {
    private static final String LENIENT = " (or set WAST_STRICT_COMPONENT_INDICES=0 to accept the legacy syntax)";

    private Scope scope;
    /** True during the first run of a field, when only inline definitions are hoisted. */
    private boolean hoisting;
    /** Hoisted inline definitions, by the token index where they start: {index, end token}. */
    private final Map<Integer, int[]> hoisted = new HashMap<>();

    /**
     * False to accept the legacy reference forms wasm-tools accepts with
     * {@code WAST_STRICT_COMPONENT_INDICES=0}: {@code (func ...)} for {@code (core func ...)} in
     * canonical options and built-ins, {@code (memory $i "name")}, {@code (core-type (type $t))}.
     */
    private final boolean strict;

    public ComponentParser(Tokens tokens, int pos) {
        this(tokens, pos, true);
    }

    public ComponentParser(Tokens tokens, int pos, boolean strict) {
        super(tokens, pos);
        this.strict = strict;
    }

    /** Parses {@code (component $id? field*)} at the cursor, up to and including its closing parenthesis. */
    public Component component() {
        int open = pos;
        if (!atParen("component")) {
            throw unexpected("`(component`");
        }
        pos += 2;
        takeKeyword("definition");
        String id = optionalId();
        String name = nameAnnotation();
        if (takeKeyword("binary")) {
            int at = pos;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (at(TokenKind.STRING)) {
                byte[] b = stringBytes();
                out.write(b, 0, b.length);
            }
            expectRParen();
            try {
                return decodeBinary(out.toByteArray());
            } catch (MalformedException e) {
                throw errorAt(at, e.getMessage());
            }
        }
        if (takeKeyword("quote")) {
            // The strings, joined by spaces, are a whole (component ...) or the fields of one.
            int at = pos;
            StringBuilder sb = new StringBuilder();
            while (at(TokenKind.STRING)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(new String(stringBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            expectRParen();
            String text = sb.toString();
            String file = t.fileName() + ":" + t.lineOf(t.start(at)) + ":" + t.columnOf(t.start(at));
            Tokens quoted = dev.jwt.text.lex.Lexer.lex(text, file);
            boolean whole = quoted.kind(0) == TokenKind.LPAREN && quoted.size() > 1 && quoted.is(1, "component");
            if (!whole) {
                quoted = dev.jwt.text.lex.Lexer.lex("(component " + text + ")", file);
            }
            ComponentParser p = new ComponentParser(quoted, 0, strict);
            Component c = p.component();
            if (quoted.kind(p.pos()) != TokenKind.EOF) {
                throw p.unexpected("end of input");
            }
            return c;
        }
        Component c = body(id, name);
        return c;
    }

    /** Decodes the bytes of {@code (component binary ...)}. */
    static Component decodeBinary(byte[] bytes) {
        return dev.jwt.binary.component.ComponentDecoder.decode(bytes);
    }

    /** The fields of a component up to its closing parenthesis (consumed), in a new scope. */
    private Component body(String id, String name) {
        enter();
        Scope s = new Scope(Scope.Kind.COMPONENT, scope, id);
        scope = s;
        boolean saved = hoisting;
        hoisting = false;
        while (!at(TokenKind.RPAREN)) {
            componentField();
        }
        expectRParen();
        hoisting = saved;
        for (ComponentExport e : s.inlineExports) {
            addExport(e, -1, null, null);
        }
        scope.flush();
        CustomSection names = nameSection(s, name != null ? name : id);
        if (names != null) {
            s.sections.add(Scope.custom(names));
        }
        scope = s.parent;
        depth--;
        return new Component(s.sections);
    }

    // ---------------------------------------------------------------- fields and hoisting

    /** How deep the current scope is nested in components and component/instance types. */
    private int depth;

    /**
     * Enters a component or a component/instance type: no deeper than the decoder reads, so
     * that whatever parses also decodes.
     */
    private void enter() {
        if (++depth > dev.jwt.binary.component.ComponentDecoder.MAX_NESTING) {
            throw error("nesting too deep");
        }
    }

    /** Runs a field twice: hoisting, then for real. */
    private void field(Runnable body) {
        int start = pos;
        boolean saved = hoisting;
        hoisting = true;
        body.run();
        pos = start;
        hoisting = false;
        body.run();
        hoisting = saved;
    }

    /**
     * An inline definition at the cursor, which {@code body} parses (and, when not hoisting, adds
     * to the scope, returning its index). While hoisting it is defined here, as a field of its own;
     * afterwards its index is looked up and its text skipped.
     */
    private int hoist(IntSupplier body) {
        int at = pos;
        if (hoisting) {
            int[] result = new int[1];
            field(() -> result[0] = body.getAsInt());
            hoisted.put(at, new int[] {result[0], pos});
            return result[0];
        }
        int[] h = hoisted.get(at);
        if (h == null) {
            throw new IllegalStateException("inline definition not hoisted at token " + at);
        }
        pos = h[1];
        return h[0];
    }

    private void componentField() {
        if (at(TokenKind.ANNOTATION)) {
            annotationField();
            return;
        }
        if (!at(TokenKind.LPAREN) || kind(1) != TokenKind.KEYWORD) {
            throw unexpected("a component field");
        }
        String kw = t.text(pos + 1);
        if (kw.equals("core")) {
            String k2 = kind(2) == TokenKind.KEYWORD ? t.text(pos + 2) : "";
            switch (k2) {
                case "module" -> coreModuleField();
                case "instance" -> field(this::coreInstanceField);
                case "type" -> coreTypeField();
                case "rec" -> coreRecField();
                case "func", "table", "memory", "global", "tag" -> field(this::coreItemField);
                default -> throw errorAt(pos + 2, "unexpected token, expected a core field");
            }
            return;
        }
        switch (kw) {
            case "component" -> field(this::componentDefField);
            case "instance" -> field(this::instanceField);
            case "alias" -> field(this::aliasField);
            case "type" -> field(this::typeField);
            case "canon" -> field(this::canonField);
            case "func" -> field(this::funcField);
            case "start" -> field(this::startField);
            case "import" -> field(this::importField);
            case "export" -> field(this::exportField);
            default -> throw errorAt(pos + 1, "unexpected token, expected a component field");
        }
    }

    /** {@code (@custom "name" (place)? "data"*)} and {@code (@producers ...)}: raw custom sections. */
    private void annotationField() {
        int open = pos;
        if (atAnnotation("custom")) {
            pos++;
            String n = name();
            if (at(TokenKind.LPAREN)) {
                skipForm(); // placement: meaningless in a component
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (at(TokenKind.STRING)) {
                byte[] b = stringBytes();
                out.write(b, 0, b.length);
            }
            expectRParen();
            scope.addSingle(Scope.custom(new CustomSection(n, Bytes.wrap(out.toByteArray()), 0)));
            return;
        }
        if (atAnnotation("producers")) {
            scope.addSingle(Scope.custom(ModuleParser.producers(this, 0)));
            return;
        }
        throw errorAt(open, "unexpected annotation in a component");
    }

    // ---------------------------------------------------------------- ids, names and definitions

    private String nameAnnotation() {
        if (atAnnotation("name")) {
            pos++;
            String n = name();
            expectRParen();
            return n;
        }
        return null;
    }

    /** Adds an entry to the index space of {@code sort}, named by {@code id}; returns its index. */
    private int define(Sort sort, int idAt, String id, String name) {
        return scope.space(sort).define(this, idAt, id, name);
    }

    /** {@code (export "name" attr*)*} of a definition. */
    private List<ExternName> inlineExports() {
        List<ExternName> names = new ArrayList<>();
        while (atParen("export") && (kind(2) == TokenKind.STRING || kind(2) == TokenKind.LPAREN)
                && !isSortIdxAfterName()) {
            pos += 2;
            names.add(externName());
            expectRParen();
        }
        return names;
    }

    /** At {@code (export "n"}: whether an item (a sort index) follows the name, as in an instance's exports. */
    private boolean isSortIdxAfterName() {
        int p = t.kind(pos + 2) == TokenKind.LPAREN ? t.matching(pos + 2) + 1 : pos + 3;
        while (t.kind(p) == TokenKind.LPAREN && t.kind(p + 1) == TokenKind.KEYWORD
                && isAttribute(t.text(p + 1))) {
            p = t.matching(p) + 1;
        }
        return t.kind(p) == TokenKind.LPAREN;
    }

    private static boolean isAttribute(String kw) {
        return kw.equals("implements") || kw.equals("versionsuffix") || kw.equals("external-id");
    }

    /** Inline exports become export fields at the end of the component, where wasm-tools puts them. */
    private void addInlineExports(List<ExternName> names, Sort sort, int index) {
        for (ExternName n : names) {
            scope.inlineExports.add(new ComponentExport(n, new SortIndex(sort, index), Optional.empty()));
        }
    }

    private void addExport(ComponentExport e, int idAt, String id, String name) {
        scope.add(ComponentSection.EXPORT, e);
        define(e.item().sort(), idAt, id, name);
    }

    /** At {@code (import "name")} with nothing else: an inline import. */
    private boolean atInlineImport() {
        if (!atParen("import") || kind(2) != TokenKind.STRING) {
            return false;
        }
        int p = pos + 3;
        while (t.kind(p) == TokenKind.LPAREN && t.kind(p + 1) == TokenKind.KEYWORD && isAttribute(t.text(p + 1))) {
            p = t.matching(p) + 1;
        }
        return t.kind(p) == TokenKind.RPAREN;
    }

    private ExternName inlineImport() {
        pos += 2;
        ExternName n = externName();
        expectRParen();
        return n;
    }

    /** An import or export name and its attributes. */
    private ExternName externName() {
        if (takeParen("interface")) {
            // The legacy form of an interface name: wasm-tools writes it as a plain name.
            String n = name();
            expectRParen();
            return ExternName.of(n);
        }
        String n = name();
        List<ExternName.Attribute> attrs = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (true) {
            // Each attribute is given at most once.
            if (kind(0) == TokenKind.LPAREN && kind(1) == TokenKind.KEYWORD && isAttribute(t.text(pos + 1))
                    && !seen.add(t.text(pos + 1))) {
                throw errorAt(pos, "unexpected token");
            }
            if (takeParen("implements")) {
                attrs.add(new ExternName.Attribute.Implements(name()));
            } else if (takeParen("versionsuffix")) {
                attrs.add(new ExternName.Attribute.VersionSuffix(name()));
            } else if (takeParen("external-id")) {
                attrs.add(new ExternName.Attribute.ExternalId(name()));
            } else {
                break;
            }
            expectRParen();
        }
        return attrs.isEmpty() ? ExternName.of(n) : new ExternName(n, ExternName.WITH_ATTRIBUTES, attrs);
    }

    private void addImport(ExternName name, ExternType type, int idAt, String id, String n) {
        if (scope.isComponent()) {
            scope.add(ComponentSection.IMPORT, new ComponentImport(name, type));
        } else {
            scope.decls.add(new ComponentDecl.Import(name, type));
        }
        define(type.sort(), idAt, id, n);
    }

    // ---------------------------------------------------------------- references

    /** The sorts an outer alias may name, so that an id of an enclosing scope resolves through one. */
    private static boolean outerAliasable(Sort s) {
        return s == Sort.TYPE || s == Sort.CORE_TYPE || s == Sort.CORE_MODULE || s == Sort.COMPONENT;
    }

    /** An index of {@code sort}: a number or an id (of this scope, or of an enclosing one through an outer alias). */
    private int index(Sort sort) {
        if (at(TokenKind.NUMBER)) {
            return u32();
        }
        if (!at(TokenKind.ID)) {
            throw unexpected("an index or an identifier");
        }
        int at = pos;
        String id = optionalId();
        if (hoisting) {
            return 0;
        }
        return resolve(sort, id, at);
    }

    private int resolve(Sort sort, String id, int at) {
        Integer i = scope.space(sort).lookup(id);
        if (i != null) {
            return i;
        }
        if (outerAliasable(sort)) {
            int depth = 0;
            for (Scope s = scope.parent; s != null; s = s.parent) {
                depth++;
                Integer j = s.space(sort).lookup(id);
                if (j != null) {
                    // The alias takes the id in this scope (named by it in a component), so that
                    // later uses of the id here refer to it, as wasm-tools 1.257 resolves them.
                    return addAlias(new Alias.Outer(sort, depth, j), at, id, null);
                }
            }
        }
        throw errorAt(at, "unknown " + sort.text() + ": failed to find name `$" + id + "`");
    }

    /** Adds an alias to the scope (an alias section entry, or a declaration); returns its index. */
    private int addAlias(Alias a, int idAt, String id, String name) {
        if (scope.isComponent()) {
            scope.add(ComponentSection.ALIAS, a);
        } else {
            scope.decls.add(new InstanceDecl.AliasDecl(a));
        }
        return define(a.sort(), idAt, id, name);
    }

    /**
     * {@code idx name*} of a sort index: with names, the index is an instance's and each name
     * aliases an export of the instance before it (a core instance has only one level).
     */
    private int itemRef(Sort sort) {
        boolean names = kind(1) == TokenKind.STRING;
        if (sort.isCore() && sort != Sort.CORE_MODULE) {
            int i = index(names ? Sort.CORE_INSTANCE : sort);
            if (names) {
                String n = name();
                return hoisting ? 0 : addAlias(new Alias.CoreInstanceExport(sort, i, n), -1, null, null);
            }
            return i;
        }
        int i = index(names ? Sort.INSTANCE : sort);
        while (at(TokenKind.STRING)) {
            String n = name();
            Sort s = at(TokenKind.STRING) ? Sort.INSTANCE : sort;
            i = hoisting ? 0 : addAlias(new Alias.InstanceExport(s, i, n), -1, null, null);
        }
        return i;
    }

    /** A sort keyword (with {@code core} for core sorts) at the cursor. */
    private Sort sortKeyword() {
        int at = pos;
        if (takeKeyword("core")) {
            CoreSort cs = coreSortKeyword();
            return Sort.of(cs);
        }
        String kw = keyword();
        return switch (kw) {
            case "func" -> Sort.FUNC;
            case "value" -> Sort.VALUE;
            case "type" -> Sort.TYPE;
            case "component" -> Sort.COMPONENT;
            case "instance" -> Sort.INSTANCE;
            default -> throw errorAt(at, "unexpected token, expected a sort");
        };
    }

    private CoreSort coreSortKeyword() {
        int at = pos;
        String kw = keyword();
        for (CoreSort cs : CoreSort.values()) {
            if (cs.text().equals(kw)) {
                return cs;
            }
        }
        throw errorAt(at, "unexpected token, expected a core sort");
    }

    /** {@code (sort idx name*)}: a sort index. */
    private SortIndex sortIdx() {
        expectLParen();
        Sort s = sortKeyword();
        int i = itemRef(s);
        expectRParen();
        return new SortIndex(s, i);
    }

    /** A reference where a {@code (sort ...)} may wrap the index: {@code idx} or {@code (sort idx name*)}. */
    private int idxOrSortIdx(Sort sort) {
        if (at(TokenKind.LPAREN)) {
            int at = pos;
            SortIndex si = sortIdx();
            if (si.sort() != sort) {
                throw errorAt(at + 1, "unexpected token, expected `" + sort.text() + "`");
            }
            return si.index();
        }
        return index(sort);
    }

    /**
     * {@code core-prefix(core:Xidx)}: an index, or {@code (core X idx name?)}. The legacy forms
     * {@code (X ...)} and {@code idx "name"} are rejected, as wasm-tools does by default.
     */
    private int coreRef(CoreSort cs) {
        Sort sort = Sort.of(cs);
        if (at(TokenKind.LPAREN)) {
            if (!atParen("core")) {
                if (!strict && kind(1) == TokenKind.KEYWORD && t.is(pos + 1, cs.text())) {
                    pos += 2;
                    int i = itemRef(sort);
                    expectRParen();
                    return i;
                }
                if (kind(1) == TokenKind.KEYWORD && t.is(pos + 1, cs.text())) {
                    throw errorAt(pos + 1, "the `core` keyword is required in this reference: `(" + cs.text()
                            + " ...)` should be written `(core " + cs.text() + " ...)`" + LENIENT);
                }
                throw unexpected("`(core " + cs.text() + "`");
            }
            pos += 2;
            int at = pos;
            CoreSort got = coreSortKeyword();
            if (got != cs) {
                throw errorAt(at, "unexpected token, expected `" + cs.text() + "`");
            }
            int i = itemRef(sort);
            expectRParen();
            return i;
        }
        if ((at(TokenKind.ID) || at(TokenKind.NUMBER)) && kind(1) == TokenKind.STRING) {
            if (!strict) {
                return itemRef(sort);
            }
            String k = cs.text();
            throw errorAt(pos + 1, "an export name must be written inside a nested reference: `(" + k
                    + " $i \"name\")` should be written `(" + k + " (core " + k + " $i \"name\"))`" + LENIENT);
        }
        return index(sort);
    }

    // ---------------------------------------------------------------- core definitions

    private void coreModuleField() {
        int open = pos;
        int close = t.matching(open);
        pos += 3;
        int idAt = pos;
        String id = optionalId();
        if (atInlineImportAfterExports()) {
            field(() -> {
                pos = idAt;
                String i = optionalId();
                String n = nameAnnotation();
                List<ExternName> exports = inlineExports();
                ExternName imp = inlineImport();
                int ti = coreModuleTypeUse();
                expectRParen();
                if (!hoisting) {
                    addImport(imp, new ExternType.Module(ti), idAt, i, n);
                    addInlineExports(exports, Sort.CORE_MODULE, scope.space(Sort.CORE_MODULE).count() - 1);
                }
            });
            return;
        }
        List<ExternName> exports = inlineExports();
        Module m;
        if (takeKeyword("binary")) {
            int at = pos;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (at(TokenKind.STRING)) {
                byte[] b = stringBytes();
                out.write(b, 0, b.length);
            }
            expectRParen();
            try {
                m = dev.jwt.binary.ModuleDecoder.decode(out.toByteArray());
            } catch (MalformedException e) {
                throw errorAt(at, e.getMessage());
            }
        } else {
            ModuleParser p = new ModuleParser(t, pos, close);
            p.moduleId(id);
            p.moduleNameAnnotation();
            m = p.parse();
            p.expectRParen();
            pos = p.pos();
        }
        scope.addSingle(Scope.module(m));
        int index = define(Sort.CORE_MODULE, idAt, id, null);
        addInlineExports(exports, Sort.CORE_MODULE, index);
    }

    /** After a definition's id: inline exports followed by an inline import. */
    private boolean atInlineImportAfterExports() {
        int save = pos;
        nameAnnotation();
        while (atParen("export")) {
            skipForm();
        }
        boolean r = atInlineImport();
        pos = save;
        return r;
    }

    private void coreInstanceField() {
        pos += 3;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        CoreInstance ci;
        if (takeParen("instantiate")) {
            int m = idxOrSortIdxCore(CoreSort.MODULE);
            List<CoreInstance.InstantiateArg> args = new ArrayList<>();
            while (takeParen("with")) {
                String name = name();
                args.add(new CoreInstance.InstantiateArg(name, coreInstanceArg()));
                expectRParen();
            }
            expectRParen();
            ci = new CoreInstance.Instantiate(m, args);
        } else {
            ci = new CoreInstance.FromExports(coreInlineExports());
        }
        expectRParen();
        if (!hoisting) {
            addCoreInstance(ci, idAt, id, n);
        }
    }

    private int addCoreInstance(CoreInstance ci, int idAt, String id, String n) {
        scope.add(ComponentSection.CORE_INSTANCE, ci);
        return define(Sort.CORE_INSTANCE, idAt, id, n);
    }

    /** An index of a core sort, possibly written {@code (core sort idx)} or {@code (sort idx)}. */
    private int idxOrSortIdxCore(CoreSort cs) {
        if (atParen("core")) {
            return coreRef(cs);
        }
        if (at(TokenKind.LPAREN)) {
            pos++;
            int at = pos;
            CoreSort got = coreSortKeyword();
            if (got != cs) {
                throw errorAt(at, "unexpected token, expected `" + cs.text() + "`");
            }
            int i = itemRef(Sort.of(cs));
            expectRParen();
            return i;
        }
        return index(Sort.of(cs));
    }

    /** {@code (instance idx)} or an inline {@code (instance (export ...)*)} (hoisted) as a core instantiation argument. */
    private int coreInstanceArg() {
        if (!atParen("instance")) {
            throw unexpected("`(instance`");
        }
        if (kind(2) == TokenKind.ID || kind(2) == TokenKind.NUMBER) {
            pos += 2;
            int i = itemRef(Sort.CORE_INSTANCE);
            expectRParen();
            return i;
        }
        return hoist(() -> {
            pos += 2;
            CoreInstance ci = new CoreInstance.FromExports(coreInlineExports());
            expectRParen();
            return hoisting ? 0 : addCoreInstance(ci, -1, null, null);
        });
    }

    private List<CoreInstance.InlineExport> coreInlineExports() {
        List<CoreInstance.InlineExport> exports = new ArrayList<>();
        while (takeParen("export")) {
            String name = name();
            expectLParen();
            CoreSort cs = coreSortKeyword();
            int i = itemRef(Sort.of(cs));
            expectRParen();
            exports.add(new CoreInstance.InlineExport(name, new SortIndex(Sort.of(cs), i)));
            expectRParen();
        }
        return exports;
    }

    /** {@code (core func|table|memory|global|tag $id? (alias core export ...) | (canon ...))}. */
    private void coreItemField() {
        pos += 2;
        CoreSort cs = coreSortKeyword();
        Sort sort = Sort.of(cs);
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        if (takeParen("alias")) {
            Alias a = aliasTarget(sort);
            expectRParen();
            expectRParen();
            if (!hoisting) {
                addAlias(a, idAt, id, n);
            }
            return;
        }
        if (cs == CoreSort.FUNC && takeParen("canon")) {
            int at = pos;
            String kw = keyword();
            if (kw.equals("lift")) {
                throw errorAt(at, "unexpected token, expected a core function definition");
            }
            Canon c = canonBody(kw, at);
            expectRParen();
            expectRParen();
            if (!hoisting) {
                addCanon(c, Sort.CORE_FUNC, idAt, id, n);
            }
            return;
        }
        throw unexpected("`(alias` or `(canon`");
    }

    private int addCanon(Canon c, Sort sort, int idAt, String id, String n) {
        scope.add(ComponentSection.CANON, c);
        return define(sort, idAt, id, n);
    }

    private void coreTypeField() {
        pos += 3;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        if (atParen("module")) {
            pos += 2;
            CoreType.ModuleType mt = moduleTypeDecls();
            expectRParen();
            expectRParen();
            addCoreType(mt);
            scope.space(Sort.CORE_TYPE).define(this, idAt, id, n);
            return;
        }
        // A core rec type: parsed by the core parser in this scope's core type space, where its id
        // is defined first so that the type may refer to itself.
        Space types = scope.space(Sort.CORE_TYPE);
        int index = types.define(this, idAt, id, n);
        ModuleParser p = ModuleParser.forCoreTypes(t, types);
        p.seek(idAt);
        SubType s = p.coreTypeDef(index, false);
        pos = p.pos();
        addCoreType(new CoreType.Rec(RecGroup.single(s)));
    }

    private void addCoreType(CoreType ct) {
        if (scope.isComponent()) {
            scope.add(ComponentSection.CORE_TYPE, ct);
        } else {
            scope.decls.add(new InstanceDecl.CoreTypeDecl(ct));
        }
    }

    private void coreRecField() {
        pos += 3;
        Space types = scope.space(Sort.CORE_TYPE);
        int first = types.count();
        int save = pos;
        while (atParen("type")) {
            int s = pos;
            pos += 2;
            int at = pos;
            String id = optionalId();
            types.define(this, at, id, nameAnnotation());
            pos = t.matching(s) + 1;
        }
        pos = save;
        ModuleParser p = ModuleParser.forCoreTypes(t, types);
        List<SubType> members = new ArrayList<>();
        int index = first;
        while (atParen("type")) {
            p.seek(pos + 2);
            members.add(p.coreTypeDef(index++, true));
            pos = p.pos();
        }
        expectRParen();
        addCoreType(new CoreType.Rec(new RecGroup(true, members)));
    }

    /** The declarations of a core module type, up to its closing parenthesis (not consumed). */
    private CoreType.ModuleType moduleTypeDecls() {
        Space types = new Space("type");
        // Like wasm-tools: an inline function type reuses an explicit, identical type declared before.
        Map<FuncType, Integer> explicit = new HashMap<>();
        List<CoreType.ModuleDecl> decls = new ArrayList<>();
        ModuleParser p = ModuleParser.forCoreTypes(t, types);
        while (!at(TokenKind.RPAREN)) {
            int at = pos;
            String kw = parenKeyword();
            if (kw == null) {
                throw unexpected("a module type declaration");
            }
            switch (kw) {
                case "type" -> {
                    pos += 2;
                    int idAt = pos;
                    String id = optionalId();
                    int index = types.count();
                    types.define(this, idAt, id, null);
                    p.seek(idAt);
                    SubType st = p.coreTypeDef(index, false);
                    decls.add(new CoreType.ModuleDecl.Type(RecGroup.single(st)));
                    if (st.composite() instanceof FuncType ft) {
                        explicit.putIfAbsent(ft, index);
                    }
                    pos = p.pos();
                }
                case "rec" -> {
                    pos += 2;
                    int save = pos;
                    int first = types.count();
                    while (atParen("type")) {
                        int s = pos;
                        pos += 2;
                        int idAt = pos;
                        types.define(this, idAt, optionalId(), null);
                        pos = t.matching(s) + 1;
                    }
                    pos = save;
                    List<SubType> members = new ArrayList<>();
                    while (atParen("type")) {
                        p.seek(pos + 2);
                        members.add(p.coreTypeDef(first++, true));
                        pos = p.pos();
                    }
                    expectRParen();
                    decls.add(new CoreType.ModuleDecl.Type(new RecGroup(true, members)));
                }
                case "alias" -> {
                    pos += 2;
                    expectKeyword("outer");
                    int[] target = outerTarget(Sort.CORE_TYPE, 1);
                    expectLParen();
                    expectKeyword("type");
                    int idAt = pos;
                    String id = optionalId();
                    expectRParen();
                    expectRParen();
                    types.define(this, idAt, id, null);
                    decls.add(new CoreType.ModuleDecl.OuterAlias(target[0], target[1]));
                }
                case "import" -> {
                    pos += 2;
                    String m = name();
                    String n = name();
                    ImportDesc d = coreExternDesc(p, types, decls, explicit);
                    expectRParen();
                    decls.add(new CoreType.ModuleDecl.Import(new Import(m, n, d)));
                }
                case "export" -> {
                    pos += 2;
                    String n = name();
                    ImportDesc d = coreExternDesc(p, types, decls, explicit);
                    expectRParen();
                    decls.add(new CoreType.ModuleDecl.Export(n, d));
                }
                default -> throw errorAt(at + 1, "unexpected token, expected a module type declaration");
            }
        }
        return new CoreType.ModuleType(decls);
    }

    /**
     * A core extern type in a module type: {@code (func $id? typeuse)}, {@code (memory ...)},
     * {@code (table ...)}, {@code (global ...)}, {@code (tag typeuse)}. An inline function type
     * becomes a type declaration placed before it.
     */
    private ImportDesc coreExternDesc(ModuleParser p, Space types, List<CoreType.ModuleDecl> decls,
            Map<FuncType, Integer> explicit) {
        expectLParen();
        int at = pos;
        String kw = keyword();
        optionalId();
        ImportDesc d;
        switch (kw) {
            case "func" -> d = new ImportDesc.Func(coreTypeUse(p, types, decls, explicit));
            case "tag" -> d = new ImportDesc.Tag(new TagType(0, coreTypeUse(p, types, decls, explicit)));
            case "memory" -> {
                p.seek(pos);
                d = new ImportDesc.Memory(p.memoryType());
                pos = p.pos();
            }
            case "table" -> {
                p.seek(pos);
                d = new ImportDesc.TableImport(p.tableType());
                pos = p.pos();
            }
            case "global" -> {
                p.seek(pos);
                d = new ImportDesc.GlobalImport(p.globalType());
                pos = p.pos();
            }
            default -> throw errorAt(at, "unexpected token, expected an extern type");
        }
        expectRParen();
        return d;
    }

    private int coreTypeUse(ModuleParser p, Space types, List<CoreType.ModuleDecl> decls,
            Map<FuncType, Integer> explicit) {
        if (takeParen("type")) {
            int i = types.resolve(this);
            expectRParen();
            // Inline parameters after a type reference only restate it.
            skipParamsAndResults(p);
            return i;
        }
        p.seek(pos);
        List<ValType> params = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        p.paramsAndResults(params, new ArrayList<>(), results);
        pos = p.pos();
        FuncType ft = new FuncType(params, results);
        Integer reuse = explicit.get(ft);
        if (reuse != null) {
            return reuse;
        }
        int index = types.count();
        types.define(this, pos, null, null);
        decls.add(new CoreType.ModuleDecl.Type(RecGroup.single(SubType.plain(ft))));
        return index;
    }

    private void skipParamsAndResults(ModuleParser p) {
        while (atParen("param") || atParen("result")) {
            skipForm();
        }
    }

    // ---------------------------------------------------------------- component definitions

    private void componentDefField() {
        int open = pos;
        pos += 2;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        List<ExternName> exports = inlineExports();
        if (atInlineImport()) {
            ExternName imp = inlineImport();
            int ti = componentTypeUse(Scope.Kind.COMPONENT_TYPE);
            expectRParen();
            if (!hoisting) {
                addImport(imp, new ExternType.Component(ti), idAt, id, n);
                addInlineExports(exports, Sort.COMPONENT, scope.space(Sort.COMPONENT).count() - 1);
            }
            return;
        }
        if (hoisting) {
            pos = t.matching(open) + 1;
            return;
        }
        Component c;
        if (takeKeyword("binary")) {
            int at = pos;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (at(TokenKind.STRING)) {
                byte[] b = stringBytes();
                out.write(b, 0, b.length);
            }
            expectRParen();
            try {
                c = decodeBinary(out.toByteArray());
            } catch (MalformedException e) {
                throw errorAt(at, e.getMessage());
            }
        } else {
            c = body(id, n);
        }
        scope.addSingle(Scope.component(c));
        int index = define(Sort.COMPONENT, idAt, id, n);
        addInlineExports(exports, Sort.COMPONENT, index);
    }

    private void instanceField() {
        pos += 2;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        List<ExternName> exports = inlineExports();
        if (atInlineImport()) {
            ExternName imp = inlineImport();
            int ti = componentTypeUse(Scope.Kind.INSTANCE_TYPE);
            expectRParen();
            if (!hoisting) {
                addImport(imp, new ExternType.Instance(ti), idAt, id, n);
                addInlineExports(exports, Sort.INSTANCE, scope.space(Sort.INSTANCE).count() - 1);
            }
            return;
        }
        if (takeParen("alias")) {
            Alias a = aliasTarget(Sort.INSTANCE);
            expectRParen();
            expectRParen();
            if (!hoisting) {
                int i = addAlias(a, idAt, id, n);
                addInlineExports(exports, Sort.INSTANCE, i);
            }
            return;
        }
        ComponentInstance ci;
        if (takeParen("instantiate")) {
            int c = idxOrSortIdx(Sort.COMPONENT);
            List<ComponentInstance.InstantiateArg> args = new ArrayList<>();
            while (takeParen("with")) {
                String name = name();
                args.add(new ComponentInstance.InstantiateArg(name, instantiateArgItem()));
                expectRParen();
            }
            expectRParen();
            ci = new ComponentInstance.Instantiate(c, args);
        } else {
            ci = new ComponentInstance.FromExports(instanceInlineExports());
        }
        expectRParen();
        if (!hoisting) {
            int i = addInstance(ci, idAt, id, n);
            addInlineExports(exports, Sort.INSTANCE, i);
        }
    }

    private int addInstance(ComponentInstance ci, int idAt, String id, String n) {
        scope.add(ComponentSection.INSTANCE, ci);
        return define(Sort.INSTANCE, idAt, id, n);
    }

    /** The item of a {@code (with "name" item)}: a sort index or an inline instance (hoisted). */
    private SortIndex instantiateArgItem() {
        if (atParen("instance") && (kind(2) == TokenKind.LPAREN || kind(2) == TokenKind.RPAREN)) {
            int i = hoist(() -> {
                pos += 2;
                ComponentInstance ci = new ComponentInstance.FromExports(instanceInlineExports());
                expectRParen();
                return hoisting ? 0 : addInstance(ci, -1, null, null);
            });
            return new SortIndex(Sort.INSTANCE, i);
        }
        return sortIdx();
    }

    private List<ComponentInstance.InlineExport> instanceInlineExports() {
        List<ComponentInstance.InlineExport> exports = new ArrayList<>();
        while (takeParen("export")) {
            ExternName name = externName();
            SortIndex si = sortIdx();
            expectRParen();
            exports.add(new ComponentInstance.InlineExport(name, si));
        }
        return exports;
    }

    // ---------------------------------------------------------------- aliases

    private void aliasField() {
        pos += 2;
        Alias a = aliasTargetAndSort();
        expectRParen();
    }

    /**
     * After {@code (alias}: {@code export i "n" (sort $id?)}, {@code core export i "n" (core sort $id?)}
     * or {@code outer ct idx (sort $id?)}; adds the alias.
     */
    private Alias aliasTargetAndSort() {
        int kindAt = pos;
        Alias a;
        if (takeKeyword("export")) {
            int i = index(Sort.INSTANCE);
            String n = name();
            expectLParen();
            Sort s = sortKeyword();
            int idAt = pos;
            String id = optionalId();
            String nm = nameAnnotation();
            expectRParen();
            a = new Alias.InstanceExport(s, i, n);
            if (!hoisting) {
                addAlias(a, idAt, id, nm);
            }
            return a;
        }
        if (atKeyword("core") && kind(1) == TokenKind.KEYWORD && t.is(pos + 1, "export")) {
            pos += 2;
            int i = index(Sort.CORE_INSTANCE);
            String n = name();
            expectLParen();
            Sort s = sortKeyword();
            int idAt = pos;
            String id = optionalId();
            String nm = nameAnnotation();
            expectRParen();
            a = new Alias.CoreInstanceExport(s, i, n);
            if (!hoisting) {
                addAlias(a, idAt, id, nm);
            }
            return a;
        }
        if (takeKeyword("outer")) {
            int save = pos;
            // The sort comes last: read it first to resolve the index in its space.
            skipOuterOperands();
            expectLParen();
            Sort s = sortKeyword();
            int idAt = pos;
            String id = optionalId();
            String nm = nameAnnotation();
            expectRParen();
            int end = pos;
            pos = save;
            int[] target = outerTarget(s);
            pos = end;
            a = new Alias.Outer(s, target[0], target[1]);
            if (!hoisting) {
                addAlias(a, idAt, id, nm);
            }
            return a;
        }
        throw errorAt(kindAt, "unexpected token, expected `export`, `core export` or `outer`");
    }

    private void skipOuterOperands() {
        for (int k = 0; k < 2; k++) {
            if (at(TokenKind.ID) || at(TokenKind.NUMBER)) {
                pos++;
            } else {
                throw unexpected("an index or an identifier");
            }
        }
    }

    /** {@code ct idx} of an outer alias: the scope count and the index in that scope's space of {@code sort}. */
    private int[] outerTarget(Sort sort) {
        return outerTarget(sort, 0);
    }

    /**
     * {@code ct idx} of an outer alias made {@code levels} scopes below the current one (1 in a
     * module type, which is a scope of its own inside the current scope).
     */
    private int[] outerTarget(Sort sort, int levels) {
        int count;
        Scope target;
        int at = pos;
        if (at(TokenKind.NUMBER)) {
            count = u32();
            target = scope;
            for (int k = levels; k < count && target != null; k++) {
                target = target.parent;
            }

        } else if (at(TokenKind.ID)) {
            String id = optionalId();
            count = levels;
            target = scope;
            while (target != null && !id.equals(target.id)) {
                target = target.parent;
                count++;
            }
            if (target == null && !hoisting) {
                throw errorAt(at, "outer component `" + id + "` not found");
            }
        } else {
            throw unexpected("an index or an identifier");
        }
        int index;
        if (at(TokenKind.NUMBER)) {
            index = u32();
        } else if (at(TokenKind.ID)) {
            int idAt = pos;
            String id = optionalId();
            if (target == null && !hoisting) {
                // A name is looked up in the target scope, which must exist (a number need not:
                // an index past the outermost component is the validator's to reject).
                throw errorAt(at, "outer count of `" + Integer.toUnsignedString(count) + "` is too large");
            }
            if (hoisting || target == null) {
                index = 0;
            } else {
                Integer i = target.space(sort).lookup(id);
                if (i == null) {
                    throw errorAt(idAt, "unknown " + sort.text() + ": failed to find name `$" + id + "`");
                }
                index = i;
            }
        } else {
            throw unexpected("an index or an identifier");
        }
        return new int[] {count, index};
    }

    /** The target of an inline {@code (alias ...)} in a definition of sort {@code sort}, after {@code (alias}. */
    private Alias aliasTarget(Sort sort) {
        int at = pos;
        if (takeKeyword("export")) {
            int i = index(Sort.INSTANCE);
            return new Alias.InstanceExport(sort, i, name());
        }
        if (atKeyword("core") && kind(1) == TokenKind.KEYWORD && t.is(pos + 1, "export")) {
            pos += 2;
            int i = index(Sort.CORE_INSTANCE);
            return new Alias.CoreInstanceExport(sort, i, name());
        }
        if (takeKeyword("outer")) {
            int[] target = outerTarget(sort);
            return new Alias.Outer(sort, target[0], target[1]);
        }
        throw errorAt(at, "unexpected token, expected `export`, `core export` or `outer`");
    }

    // ---------------------------------------------------------------- types

    private void typeField() {
        pos += 2;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        int exportsAt = pos;
        List<ExternName> exports = inlineExports();
        if (!exports.isEmpty() && !scope.isComponent()) {
            // Component and instance types export with an `export` declaration only.
            throw errorAt(exportsAt, "unexpected token");
        }
        if (takeParen("alias")) {
            Alias a = aliasTarget(Sort.TYPE);
            expectRParen();
            expectRParen();
            if (!hoisting) {
                int i = addAlias(a, idAt, id, n);
                addInlineExports(exports, Sort.TYPE, i);
            }
            return;
        }
        DefType d = defType(id);
        expectRParen();
        if (!hoisting) {
            int i = addType(d, idAt, id, n);
            addInlineExports(exports, Sort.TYPE, i);
        }
    }

    private int addType(DefType d, int idAt, String id, String n) {
        if (scope.isComponent()) {
            scope.add(ComponentSection.TYPE, d);
        } else {
            scope.decls.add(new InstanceDecl.TypeDecl(d));
        }
        return define(Sort.TYPE, idAt, id, n);
    }

    /** A type definition's body: a primitive keyword or a parenthesised type. */
    private DefType defType(String scopeId) {
        if (at(TokenKind.KEYWORD)) {
            return primValType();
        }
        int at = pos;
        String kw = parenKeyword();
        if (kw == null) {
            throw unexpected("a type");
        }
        switch (kw) {
            case "func" -> {
                pos += 2;
                DefType.Func f = funcTypeBody();
                expectRParen();
                return f;
            }
            case "component" -> {
                pos += 2;
                List<ComponentDecl> decls = typeDecls(Scope.Kind.COMPONENT_TYPE, scopeId);
                expectRParen();
                return new DefType.ComponentType(decls);
            }
            case "instance" -> {
                pos += 2;
                List<ComponentDecl> decls = typeDecls(Scope.Kind.INSTANCE_TYPE, scopeId);
                expectRParen();
                List<InstanceDecl> ids = new ArrayList<>();
                for (ComponentDecl d : decls) {
                    ids.add((InstanceDecl) d);
                }
                return new DefType.InstanceType(ids);
            }
            case "resource" -> {
                pos += 2;
                return resourceType();
            }
            default -> {
                return defValType();
            }
        }
    }

    private PrimValType primValType() {
        int at = pos;
        String kw = keyword();
        PrimValType p = primitive(kw);
        if (p == null) {
            throw errorAt(at, "unexpected token, expected a value type");
        }
        return p;
    }

    private static PrimValType primitive(String kw) {
        for (PrimValType p : PrimValType.values()) {
            if (p.text().equals(kw)) {
                return p;
            }
        }
        return switch (kw) {
            case "float32" -> PrimValType.F32;
            case "float64" -> PrimValType.F64;
            default -> null;
        };
    }

    /** After {@code (resource}: {@code (rep i32) (dtor f)?)}. */
    private DefType.Resource resourceType() {
        expectLParen();
        expectKeyword("rep");
        ValType rep = coreValType();
        expectRParen();
        OptionalInt dtor = OptionalInt.empty();
        if (takeParen("dtor")) {
            dtor = OptionalInt.of(coreRef(CoreSort.FUNC));
            expectRParen();
        }
        expectRParen();
        return new DefType.Resource(rep, dtor);
    }

    /** A core value type (the representation of a resource, a context slot's type). */
    private ValType coreValType() {
        ModuleParser p = ModuleParser.forCoreTypes(t, scope.space(Sort.CORE_TYPE));
        p.seek(pos);
        ValType v = p.valType();
        pos = p.pos();
        return v;
    }

    /** A parenthesised defined value type at the cursor, consumed. */
    private DefValType defValType() {
        int at = pos;
        expectLParen();
        String kw = keyword();
        DefValType d;
        switch (kw) {
            case "record" -> {
                List<DefType.LabelValType> fields = new ArrayList<>();
                while (takeParen("field")) {
                    String l = name();
                    fields.add(new DefType.LabelValType(l, valType()));
                    expectRParen();
                }
                d = new DefValType.Record(fields);
            }
            case "variant" -> {
                List<DefValType.Case> cases = new ArrayList<>();
                java.util.Set<String> caseIds = new java.util.HashSet<>();
                while (takeParen("case")) {
                    int caseIdAt = pos;
                    String caseId = optionalId();
                    if (caseId != null && !caseIds.add(caseId)) {
                        throw errorAt(caseIdAt, "duplicate variant case identifier");
                    }
                    String l = name();
                    Optional<ComponentValType> ty = Optional.empty();
                    if (!at(TokenKind.RPAREN) && !atParen("refines")) {
                        ty = Optional.of(valType());
                    }
                    if (takeParen("refines")) {
                        throw errorAt(pos - 1, "variant case refinements are not supported");
                    }
                    expectRParen();
                    cases.add(new DefValType.Case(l, ty));
                }
                d = new DefValType.Variant(cases);
            }
            case "list" -> {
                ComponentValType e = valType();
                if (at(TokenKind.NUMBER)) {
                    d = new DefValType.FixedSizeList(e, u32());
                } else {
                    d = new DefValType.ListType(e);
                }
            }
            case "tuple" -> {
                List<ComponentValType> ts = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    ts.add(valType());
                }
                d = new DefValType.Tuple(ts);
            }
            case "flags", "enum" -> {
                List<String> ls = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    ls.add(name());
                }
                d = kw.equals("flags") ? new DefValType.Flags(ls) : new DefValType.Enum(ls);
            }
            case "option" -> d = new DefValType.Option(valType());
            case "result" -> {
                Optional<ComponentValType> ok = Optional.empty();
                Optional<ComponentValType> err = Optional.empty();
                if (!at(TokenKind.RPAREN) && !atParen("error")) {
                    ok = Optional.of(valType());
                }
                if (takeParen("error")) {
                    err = Optional.of(valType());
                    expectRParen();
                }
                d = new DefValType.Result(ok, err);
            }
            case "own" -> d = new DefValType.Own(index(Sort.TYPE));
            case "borrow" -> d = new DefValType.Borrow(index(Sort.TYPE));
            case "stream" -> d = new DefValType.Stream(at(TokenKind.RPAREN) ? Optional.empty() : Optional.of(valType()));
            case "future" -> d = new DefValType.Future(at(TokenKind.RPAREN) ? Optional.empty() : Optional.of(valType()));
            case "map" -> {
                ComponentValType k = valType();
                d = new DefValType.MapType(k, valType());
            }
            default -> throw errorAt(at + 1, "unexpected token, expected a defined value type");
        }
        expectRParen();
        return d;
    }

    /** {@code valtype}: a primitive, a type index, or an inline defined value type (hoisted). */
    private ComponentValType valType() {
        if (at(TokenKind.KEYWORD)) {
            return primValType();
        }
        if (at(TokenKind.NUMBER) || at(TokenKind.ID)) {
            return new ComponentValType.TypeIndex(index(Sort.TYPE));
        }
        if (atParen("type")) {
            pos += 2;
            int i = index(Sort.TYPE);
            expectRParen();
            return new ComponentValType.TypeIndex(i);
        }
        if (at(TokenKind.LPAREN)) {
            int i = hoist(() -> {
                DefValType d = defValType();
                return hoisting ? 0 : addType(d, -1, null, null);
            });
            return new ComponentValType.TypeIndex(i);
        }
        throw unexpected("a value type");
    }

    /** After {@code (func}: {@code async? (param "l" t)* (result t)?}, up to the closing parenthesis. */
    private DefType.Func funcTypeBody() {
        boolean async = takeKeyword("async");
        List<DefType.LabelValType> params = new ArrayList<>();
        while (takeParen("param")) {
            String l = name();
            params.add(new DefType.LabelValType(l, valType()));
            expectRParen();
        }
        Optional<ComponentValType> result = Optional.empty();
        if (takeParen("result")) {
            result = Optional.of(valType());
            expectRParen();
        }
        return new DefType.Func(async, params, result);
    }

    /** A function type use: {@code (type idx)} or an inline function type (hoisted), up to the item's end. */
    private int funcTypeUse() {
        if (atParen("type")) {
            pos += 2;
            int i = idxOrTypeBody();
            expectRParen();
            return i;
        }
        return hoist(() -> {
            DefType.Func f = funcTypeBody();
            return hoisting ? 0 : addType(f, -1, null, null);
        });
    }

    private int idxOrTypeBody() {
        return index(Sort.TYPE);
    }

    /** Skips parenthesised forms up to the closing parenthesis of the enclosing one (not consumed). */
    private void skipToClose() {
        while (!at(TokenKind.RPAREN)) {
            if (!at(TokenKind.LPAREN) && !at(TokenKind.ANNOTATION)) {
                throw unexpected("a declaration");
            }
            int close = t.matching(pos);
            if (t.kind(close) != TokenKind.RPAREN) {
                pos = close;
                throw unexpected("`)`");
            }
            pos = close + 1;
        }
    }

    /** At {@code (type idx)}: a reference to a type, rather than a type declaration. */
    private boolean atTypeRef() {
        return atParen("type") && (kind(2) == TokenKind.ID || kind(2) == TokenKind.NUMBER) && kind(3) == TokenKind.RPAREN;
    }

    /** {@code (type idx)} or inline declarations (hoisted as a component or instance type), up to the item's end. */
    private int componentTypeUse(Scope.Kind kind) {
        if (atTypeRef()) {
            pos += 2;
            int i = index(Sort.TYPE);
            expectRParen();
            return i;
        }
        return hoist(() -> {
            if (hoisting) {
                skipToClose();
                return 0;
            }
            List<ComponentDecl> decls = typeDecls(kind, null);
            DefType d;
            if (kind == Scope.Kind.COMPONENT_TYPE) {
                d = new DefType.ComponentType(decls);
            } else {
                List<InstanceDecl> ids = new ArrayList<>();
                for (ComponentDecl c : decls) {
                    ids.add((InstanceDecl) c);
                }
                d = new DefType.InstanceType(ids);
            }
            return addType(d, -1, null, null);
        });
    }

    /** {@code (type idx)} or inline module type declarations (hoisted as a core type). */
    private int coreModuleTypeUse() {
        if (atTypeRef()) {
            pos += 2;
            int i = index(Sort.CORE_TYPE);
            expectRParen();
            return i;
        }
        return hoist(() -> {
            if (hoisting) {
                skipToClose();
                return 0;
            }
            CoreType.ModuleType mt = moduleTypeDecls();
            addCoreType(mt);
            return scope.space(Sort.CORE_TYPE).define(this, -1, null, null);
        });
    }

    /** The declarations of a component or instance type, in a new scope, up to the closing parenthesis. */
    private List<ComponentDecl> typeDecls(Scope.Kind kind, String id) {
        if (hoisting) {
            skipToClose();
            return List.of();
        }
        enter();
        Scope s = new Scope(kind, scope, id);
        scope = s;
        while (!at(TokenKind.RPAREN)) {
            declField(kind);
        }
        scope = s.parent;
        depth--;
        return s.decls;
    }

    private void declField(Scope.Kind kind) {
        if (!at(TokenKind.LPAREN) || kind(1) != TokenKind.KEYWORD) {
            throw unexpected("a declaration");
        }
        String kw = t.text(pos + 1);
        if (kw.equals("core")) {
            if (kind(2) == TokenKind.KEYWORD && t.is(pos + 2, "type")) {
                coreTypeField();
                return;
            }
            if (kind(2) == TokenKind.KEYWORD && t.is(pos + 2, "rec")) {
                coreRecField();
                return;
            }
            throw errorAt(pos + 2, "unexpected token, expected `type`");
        }
        switch (kw) {
            case "type" -> field(this::typeField);
            case "alias" -> field(this::aliasField);
            case "import" -> {
                if (kind != Scope.Kind.COMPONENT_TYPE) {
                    throw errorAt(pos + 1, "unexpected token, expected an instance type declaration");
                }
                field(this::importField);
            }
            case "export" -> field(this::exportDeclField);
            default -> throw errorAt(pos + 1, "unexpected token, expected a type declaration");
        }
    }

    /** An extern type with the id it binds: what an import or export declaration gives. */
    private record Desc(ExternType type, int idAt, String id, String name) {}

    /** {@code (sort $id? ...)}: the type of an import or export. */
    private Desc externDesc() {
        expectLParen();
        int at = pos;
        if (takeKeyword("core")) {
            expectKeyword("module");
            int idAt = pos;
            String id = optionalId();
            String n = nameAnnotation();
            int ti = coreModuleTypeUse();
            expectRParen();
            return new Desc(new ExternType.Module(ti), idAt, id, n);
        }
        String kw = keyword();
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        ExternType et;
        switch (kw) {
            case "func" -> et = new ExternType.Func(funcTypeUse());
            case "component" -> et = new ExternType.Component(componentTypeUse(Scope.Kind.COMPONENT_TYPE));
            case "instance" -> et = new ExternType.Instance(componentTypeUse(Scope.Kind.INSTANCE_TYPE));
            case "type" -> {
                if (takeParen("eq")) {
                    et = new ExternType.Type(new ExternType.TypeBound.Eq(index(Sort.TYPE)));
                    expectRParen();
                } else if (takeParen("sub")) {
                    expectKeyword("resource");
                    expectRParen();
                    et = new ExternType.Type(new ExternType.TypeBound.SubResource());
                } else {
                    throw unexpected("`(eq` or `(sub`");
                }
            }
            case "value" -> {
                if (takeParen("eq")) {
                    et = new ExternType.Value(new ExternType.ValueBound.Eq(index(Sort.VALUE)));
                    expectRParen();
                } else {
                    et = new ExternType.Value(new ExternType.ValueBound.Type(valType()));
                }
            }
            default -> throw errorAt(at, "unexpected token, expected an extern type");
        }
        expectRParen();
        return new Desc(et, idAt, id, n);
    }

    private void importField() {
        pos += 2;
        ExternName name = externName();
        Desc d = externDesc();
        expectRParen();
        if (!hoisting) {
            addImport(name, d.type(), d.idAt(), d.id(), d.name());
        }
    }

    private void exportDeclField() {
        pos += 2;
        ExternName name = externName();
        Desc d = externDesc();
        expectRParen();
        if (!hoisting) {
            scope.decls.add(new InstanceDecl.Export(name, d.type()));
            define(d.type().sort(), d.idAt(), d.id(), d.name());
        }
    }

    private void exportField() {
        pos += 2;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        ExternName name = externName();
        SortIndex si = sortIdx();
        Optional<ExternType> ascribed = Optional.empty();
        if (!at(TokenKind.RPAREN)) {
            ascribed = Optional.of(externDesc().type());
        }
        expectRParen();
        if (!hoisting) {
            addExport(new ComponentExport(name, si, ascribed), idAt, id, n);
        }
    }

    // ---------------------------------------------------------------- functions and canonical definitions

    private void funcField() {
        pos += 2;
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        List<ExternName> exports = inlineExports();
        if (atInlineImport()) {
            ExternName imp = inlineImport();
            int ti = funcTypeUse();
            expectRParen();
            if (!hoisting) {
                addImport(imp, new ExternType.Func(ti), idAt, id, n);
                addInlineExports(exports, Sort.FUNC, scope.space(Sort.FUNC).count() - 1);
            }
            return;
        }
        if (takeParen("alias")) {
            Alias a = aliasTarget(Sort.FUNC);
            expectRParen();
            expectRParen();
            if (!hoisting) {
                int i = addAlias(a, idAt, id, n);
                addInlineExports(exports, Sort.FUNC, i);
            }
            return;
        }
        int ti = funcTypeUseBefore("canon");
        if (!takeParen("canon")) {
            throw unexpected("`(canon`");
        }
        expectKeyword("lift");
        int f = coreRef(CoreSort.FUNC);
        List<CanonOption> opts = canonOptions();
        expectRParen();
        expectRParen();
        if (!hoisting) {
            int i = addCanon(new Canon.Lift(f, opts, ti), Sort.FUNC, idAt, id, n);
            addInlineExports(exports, Sort.FUNC, i);
        }
    }

    /** A function type use that ends where {@code (stop} begins. */
    private int funcTypeUseBefore(String stop) {
        if (atParen("type")) {
            pos += 2;
            int i = index(Sort.TYPE);
            expectRParen();
            return i;
        }
        return hoist(() -> {
            DefType.Func f = funcTypeBody();
            if (!atParen(stop)) {
                throw unexpected("`(" + stop + "`");
            }
            return hoisting ? 0 : addType(f, -1, null, null);
        });
    }

    /** {@code (canon lift ...)}, {@code (canon lower ...)} or a built-in, naming what it defines last. */
    private void canonField() {
        pos += 2;
        int at = pos;
        String kw = keyword();
        if (kw.equals("lift")) {
            int f = coreRef(CoreSort.FUNC);
            List<CanonOption> opts = canonOptions();
            expectLParen();
            expectKeyword("func");
            int idAt = pos;
            String id = optionalId();
            String n = nameAnnotation();
            int ti = funcTypeUse();
            expectRParen();
            expectRParen();
            if (!hoisting) {
                addCanon(new Canon.Lift(f, opts, ti), Sort.FUNC, idAt, id, n);
            }
            return;
        }
        Canon c = canonBody(kw, at);
        expectLParen();
        expectKeyword("core");
        expectKeyword("func");
        int idAt = pos;
        String id = optionalId();
        String n = nameAnnotation();
        expectRParen();
        expectRParen();
        if (!hoisting) {
            addCanon(c, Sort.CORE_FUNC, idAt, id, n);
        }
    }

    /** A canonical definition that defines a core function, after its keyword, up to what it defines. */
    private Canon canonBody(String kw, int at) {
        switch (kw) {
            case "lower" -> {
                int f = funcRef();
                return new Canon.Lower(f, canonOptions());
            }
            case "resource.new" -> { return new Canon.ResourceNew(typeRef()); }
            case "resource.drop" -> { return new Canon.ResourceDrop(typeRef()); }
            case "resource.rep" -> { return new Canon.ResourceRep(typeRef()); }
            case "backpressure.inc" -> { return new Canon.BackpressureInc(); }
            case "backpressure.dec" -> { return new Canon.BackpressureDec(); }
            case "task.return" -> {
                Optional<ComponentValType> r = Optional.empty();
                if (takeParen("result")) {
                    r = Optional.of(valType());
                    expectRParen();
                }
                return new Canon.TaskReturn(r, canonOptions());
            }
            case "task.cancel" -> { return new Canon.TaskCancel(); }
            case "context.get", "context.set" -> {
                ValType v = coreValType();
                int slot = u32();
                return kw.equals("context.get") ? new Canon.ContextGet(v, slot) : new Canon.ContextSet(v, slot);
            }
            case "subtask.cancel" -> { return new Canon.SubtaskCancel(takeKeyword("async")); }
            case "subtask.drop" -> { return new Canon.SubtaskDrop(); }
            case "stream.new" -> { return new Canon.StreamNew(typeRef()); }
            case "stream.read" -> { int ti = typeRef(); return new Canon.StreamRead(ti, canonOptions()); }
            case "stream.write" -> { int ti = typeRef(); return new Canon.StreamWrite(ti, canonOptions()); }
            case "stream.cancel-read" -> { int ti = typeRef(); return new Canon.StreamCancelRead(ti, takeKeyword("async")); }
            case "stream.cancel-write" -> { int ti = typeRef(); return new Canon.StreamCancelWrite(ti, takeKeyword("async")); }
            case "stream.drop-readable" -> { return new Canon.StreamDropReadable(typeRef()); }
            case "stream.drop-writable" -> { return new Canon.StreamDropWritable(typeRef()); }
            case "future.new" -> { return new Canon.FutureNew(typeRef()); }
            case "future.read" -> { int ti = typeRef(); return new Canon.FutureRead(ti, canonOptions()); }
            case "future.write" -> { int ti = typeRef(); return new Canon.FutureWrite(ti, canonOptions()); }
            case "future.cancel-read" -> { int ti = typeRef(); return new Canon.FutureCancelRead(ti, takeKeyword("async")); }
            case "future.cancel-write" -> { int ti = typeRef(); return new Canon.FutureCancelWrite(ti, takeKeyword("async")); }
            case "future.drop-readable" -> { return new Canon.FutureDropReadable(typeRef()); }
            case "future.drop-writable" -> { return new Canon.FutureDropWritable(typeRef()); }
            case "error-context.new" -> { return new Canon.ErrorContextNew(canonOptions()); }
            case "error-context.debug-message" -> { return new Canon.ErrorContextDebugMessage(canonOptions()); }
            case "error-context.drop" -> { return new Canon.ErrorContextDrop(); }
            case "waitable-set.new" -> { return new Canon.WaitableSetNew(); }
            case "waitable-set.wait", "waitable-set.poll" -> {
                boolean cancellable = takeKeyword("cancellable");
                expectLParen();
                expectKeyword("memory");
                int m = coreRef(CoreSort.MEMORY);
                expectRParen();
                return kw.endsWith("wait") ? new Canon.WaitableSetWait(cancellable, m)
                        : new Canon.WaitableSetPoll(cancellable, m);
            }
            case "waitable-set.drop" -> { return new Canon.WaitableSetDrop(); }
            case "waitable.join" -> { return new Canon.WaitableJoin(); }
            case "thread.index" -> { return new Canon.ThreadIndex(); }
            case "thread.new-indirect" -> {
                int ft = coreRef(CoreSort.TYPE);
                int tbl = coreRef(CoreSort.TABLE);
                return new Canon.ThreadNewIndirect(ft, tbl);
            }
            case "thread.resume-later" -> { return new Canon.ThreadResumeLater(); }
            case "thread.suspend" -> { return new Canon.ThreadSuspend(takeKeyword("cancellable")); }
            case "thread.yield" -> { return new Canon.ThreadYield(takeKeyword("cancellable")); }
            case "thread.suspend-then-resume" -> { return new Canon.ThreadSuspendThenResume(takeKeyword("cancellable")); }
            case "thread.yield-then-resume" -> { return new Canon.ThreadYieldThenResume(takeKeyword("cancellable")); }
            case "thread.suspend-then-promote" -> { return new Canon.ThreadSuspendThenPromote(takeKeyword("cancellable")); }
            case "thread.yield-then-promote" -> { return new Canon.ThreadYieldThenPromote(takeKeyword("cancellable")); }
            case "thread.spawn-ref" -> {
                boolean shared = takeKeyword("shared");
                return new Canon.ThreadSpawnRef(shared, coreRef(CoreSort.TYPE));
            }
            case "thread.spawn-indirect" -> {
                boolean shared = takeKeyword("shared");
                int ft = coreRef(CoreSort.TYPE);
                return new Canon.ThreadSpawnIndirect(shared, ft, coreRef(CoreSort.TABLE));
            }
            // The spec's spelling and wasm-tools' (which its printer writes).
            case "thread.available-parallelism", "thread.available_parallelism" -> {
                return new Canon.ThreadAvailableParallelism(takeKeyword("shared"));
            }
            default -> throw errorAt(at, "unexpected token, expected a canonical definition");
        }
    }

    /** The function of {@code canon lower}: {@code (func idx name*)} or an index. */
    private int funcRef() {
        if (atParen("func")) {
            pos += 2;
            int i = itemRef(Sort.FUNC);
            expectRParen();
            return i;
        }
        return index(Sort.FUNC);
    }

    /** A type index operand of a built-in: an index or {@code (type idx)}. */
    private int typeRef() {
        if (atParen("type")) {
            pos += 2;
            int i = itemRef(Sort.TYPE);
            expectRParen();
            return i;
        }
        return index(Sort.TYPE);
    }

    /** {@code canonopt*}. */
    private List<CanonOption> canonOptions() {
        List<CanonOption> opts = new ArrayList<>();
        while (true) {
            if (at(TokenKind.KEYWORD)) {
                String kw = t.text(pos);
                switch (kw) {
                    case "string-encoding=utf8" -> opts.add(CanonOption.StringEncoding.UTF8);
                    case "string-encoding=utf16" -> opts.add(CanonOption.StringEncoding.UTF16);
                    case "string-encoding=latin1+utf16" -> opts.add(CanonOption.StringEncoding.LATIN1_UTF16);
                    case "async" -> opts.add(new CanonOption.Async());
                    case "gc" -> opts.add(new CanonOption.Gc());
                    default -> throw unexpected("a canonical option");
                }
                pos++;
                continue;
            }
            String kw = parenKeyword();
            if (kw == null) {
                return opts;
            }
            switch (kw) {
                case "memory" -> {
                    pos += 2;
                    opts.add(new CanonOption.Memory(coreRef(CoreSort.MEMORY)));
                }
                case "realloc" -> {
                    pos += 2;
                    opts.add(new CanonOption.Realloc(coreRef(CoreSort.FUNC)));
                }
                case "post-return" -> {
                    pos += 2;
                    opts.add(new CanonOption.PostReturn(coreRef(CoreSort.FUNC)));
                }
                case "callback" -> {
                    pos += 2;
                    opts.add(new CanonOption.Callback(coreRef(CoreSort.FUNC)));
                }
                case "core-type" -> {
                    pos += 2;
                    if (atParen("type") && !strict) {
                        pos += 2;
                        opts.add(new CanonOption.CoreType(itemRef(Sort.CORE_TYPE)));
                        expectRParen();
                        expectRParen();
                        continue;
                    }
                    if (atParen("type")) {
                        throw errorAt(pos + 1, "the `core` keyword is required in this reference: `(type ...)` "
                                + "should be written `(core type ...)`" + LENIENT);
                    }
                    opts.add(new CanonOption.CoreType(coreRef(CoreSort.TYPE)));
                }
                default -> {
                    return opts;
                }
            }
            expectRParen();
        }
    }

    private void startField() {
        int startAt = pos;
        if (!hoisting && scope.hasStart) {
            throw errorAt(startAt, "component cannot have more than one start function");
        }
        pos += 2;
        int f = index(Sort.FUNC);
        List<Integer> args = new ArrayList<>();
        while (takeParen("value")) {
            args.add(index(Sort.VALUE));
            expectRParen();
        }
        List<int[]> results = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (takeParen("result")) {
            expectLParen();
            expectKeyword("value");
            int idAt = pos;
            ids.add(optionalId());
            results.add(new int[] {idAt});
            expectRParen();
            expectRParen();
        }
        expectRParen();
        if (!hoisting) {
            scope.addSingle(Scope.start(new ComponentStart(f, args, results.size())));
            scope.hasStart = true;
            for (int i = 0; i < results.size(); i++) {
                // wasm-tools does not name a start function's results.
                scope.space(Sort.VALUE).defineUnnamed(this, results.get(i)[0], ids.get(i));
            }
        }
    }

    // ---------------------------------------------------------------- name section

    /** The {@code component-name} custom section of a component scope, or null when nothing is named. */
    private static CustomSection nameSection(Scope s, String componentName) {
        BinaryWriter w = new BinaryWriter();
        boolean any = false;
        if (componentName != null) {
            BinaryWriter sub = new BinaryWriter();
            sub.name(componentName);
            w.u8(0);
            w.byteVector(sub);
            any = true;
        }
        for (Sort sort : Sort.values()) {
            List<Naming> names = s.space(sort).names();
            if (names.isEmpty()) {
                continue;
            }
            BinaryWriter sub = new BinaryWriter();
            sub.u8(sort.code());
            if (sort.isCore()) {
                sub.u8(sort.coreSort().code());
            }
            sub.u32(names.size());
            for (Naming n : names) {
                sub.u32(n.index());
                sub.name(n.name());
            }
            w.u8(1);
            w.byteVector(sub);
            any = true;
        }
        if (!any) {
            return null;
        }
        return new CustomSection(dev.jwt.binary.component.ComponentNameSection.NAME, w.toBytes(), 0);
    }
}
