package dev.jwt.wit.parse;

import dev.jwt.wit.WitException;
import dev.jwt.wit.parse.Ast.Attribute;
import dev.jwt.wit.parse.Ast.Docs;
import dev.jwt.wit.parse.Ast.Id;
import dev.jwt.wit.parse.WitParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Parses one WIT file into its {@link Ast}: the ANTLR grammar, wit-parser's error words, the docs. */
public final class AstBuilder {
    /** wit-parser refuses deeper type nesting than this. */
    private static final int MAX_TYPE_DEPTH = 100;

    private final Source source;
    private final CommonTokenStream tokens;

    private AstBuilder(Source source, CommonTokenStream tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    public static Ast.File parse(Source source) {
        WitLexer lexer = new WitLexer(CharStreams.fromString(source.text(), source.path()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == WitLexer.UNTERMINATED_STRING) {
                throw WitException.at(new Span(source, t.getStartIndex(), t.getStartIndex() + 1), "unterminated string literal");
            }
            if (t.getType() == WitLexer.OTHER) {
                String text = t.getText();
                if (text.equals("/") && source.text().startsWith("/*", t.getStartIndex())) {
                    throw WitException.at(new Span(source, t.getStartIndex(), t.getStartIndex() + 2), "unterminated block comment");
                }
                throw WitException.at(new Span(source, t.getStartIndex(), t.getStartIndex() + 1),
                        "unexpected character " + quoteChar(text));
            }
        }
        checkNesting(source, tokens);
        WitFileContext tree;
        try {
            // Two-stage parsing: the fast SLL prediction almost always suffices; only when it
            // reports an error is the input parsed again with full LL, whose error is the real one.
            try {
                tree = parser(source, tokens, PredictionMode.SLL).witFile();
            } catch (WitException e) {
                tokens.seek(0);
                tree = parser(source, tokens, PredictionMode.LL).witFile();
            }
        } catch (StackOverflowError e) {
            // A last resort: checkNesting keeps real inputs far from this.
            throw WitException.at(new Span(source, 0, 0), "nesting too deep");
        }
        return new AstBuilder(source, tokens).file(tree);
    }

    private static WitParser parser(Source source, CommonTokenStream tokens, PredictionMode mode) {
        WitParser parser = new WitParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new WitErrorStrategy(source));
        parser.getInterpreter().setPredictionMode(mode);
        return parser;
    }

    /**
     * The parser recurses once per level of {@code <...>} and {@code {...}}; refuse absurd depths
     * before parsing so that a hostile input ends in an error, not a stack overflow. The precise
     * limits (wit-parser's words) are checked while building the AST.
     */
    private static void checkNesting(Source source, CommonTokenStream tokens) {
        int angles = 0;
        int braces = 0;
        for (Token t : tokens.getTokens()) {
            String text = t.getText();
            if (text.equals("<") || text.equals("(")) {
                angles++;
            } else if (text.equals(">") || text.equals(")")) {
                angles--;
            } else if (text.equals("{")) {
                braces++;
            } else if (text.equals("}")) {
                braces--;
            }
            if (angles > 2 * MAX_TYPE_DEPTH + 10) {
                throw WitException.at(new Span(source, t.getStartIndex(), t.getStopIndex() + 1), "type nesting too deep");
            }
            if (braces > 2 * MAX_TYPE_DEPTH + 10) {
                throw WitException.at(new Span(source, t.getStartIndex(), t.getStopIndex() + 1), "package nesting too deep");
            }
        }
    }

    private static String quoteChar(String text) {
        return "'" + text + "'";
    }

    private Ast.File file(WitFileContext ctx) {
        Docs pkgDocs = Docs.NONE;
        Span pkgDocsSpan = null;
        Ast.PackageName header = null;
        List<Ast.Item> items = new ArrayList<>();
        List<Ast.NestedPackage> nested = new ArrayList<>();
        for (int i = 0; i < ctx.topItem().size(); i++) {
            TopItemContext t = ctx.topItem(i);
            PackageDeclContext p = t.packageDecl();
            if (p == null) {
                items.add(packageItem(t.packageItem()));
            } else if (p.getChild(p.getChildCount() - 1).getText().equals(";")) {
                // `package a:b;` is only allowed as the first thing in the file.
                if (i > 0) {
                    throw expectedBrace(p);
                }
                pkgDocs = docs(p);
                pkgDocsSpan = docsSpan(p);
                attributes(p.attribute());
                header = packageName(p.packageName());
            } else {
                checkNesting(p, 1);
                List<Ast.Item> nestedItems = new ArrayList<>();
                for (PackageItemContext pi : p.packageItem()) {
                    nestedItems.add(packageItem(pi));
                }
                nested.add(new Ast.NestedPackage(docs(p), packageName(p.packageName()), nestedItems));
            }
        }
        return new Ast.File(source, pkgDocs, pkgDocsSpan, header, items, nested);
    }

    private WitException expectedBrace(PackageDeclContext p) {
        Token semi = p.getStop();
        return WitException.at(new Span(source, semi.getStartIndex(), semi.getStartIndex()), "expected '{', found ';'");
    }

    /** wit-parser allows one level of `package x { }` blocks; deeper ones are errors, past 100 a different one. */
    private void checkNesting(PackageDeclContext n, int depth) {
        if (depth > 100) {
            throw WitException.at(span(n.getStart()), "package nesting too deep");
        }
        for (PackageDeclContext inner : n.packageDecl()) {
            if (inner.getChild(inner.getChildCount() - 1).getText().equals(";")) {
                throw expectedBrace(inner);
            }
            checkNesting(inner, depth + 1);
        }
        if (depth == 2) {
            throw WitException.at(span(n.packageName()), "nested packages must be placed at the top-level");
        }
    }

    private Ast.PackageName packageName(PackageNameContext ctx) {
        String version = ctx.version() == null ? null : ctx.version().getText();
        return new Ast.PackageName(id(ctx.id(0)), id(ctx.id(1)), version, span(ctx));
    }

    private Ast.Item packageItem(PackageItemContext ctx) {
        if (ctx.toplevelUse() != null) {
            ToplevelUseContext u = ctx.toplevelUse();
            return new Ast.TopUse(attributes(u.attribute()), usePath(u.usePath()), u.id() == null ? null : id(u.id()));
        }
        if (ctx.interfaceDecl() != null) {
            InterfaceDeclContext i = ctx.interfaceDecl();
            return new Ast.InterfaceDecl(docs(i), attributes(i.attribute()), id(i.id()), interfaceItems(i.interfaceItem()));
        }
        WorldDeclContext w = ctx.worldDecl();
        List<Ast.WorldItem> items = new ArrayList<>();
        for (WorldItemContext wi : w.worldItem()) {
            items.add(worldItem(wi));
        }
        return new Ast.WorldDecl(docs(w), attributes(w.attribute()), id(w.id()), items);
    }

    private List<Ast.InterfaceItem> interfaceItems(List<InterfaceItemContext> ctxs) {
        List<Ast.InterfaceItem> items = new ArrayList<>();
        for (InterfaceItemContext c : ctxs) {
            if (c.useDecl() != null) {
                items.add(use(c.useDecl()));
            } else if (c.typeDecl() != null) {
                items.add(typeDef(c.typeDecl()));
            } else {
                FuncDeclContext f = c.funcDecl();
                items.add(new Ast.Func(docs(f), attributes(f.attribute()), id(f.id()), funcType(f.funcType())));
            }
        }
        return items;
    }

    private Ast.Use use(UseDeclContext ctx) {
        List<Ast.UseName> names = new ArrayList<>();
        for (UseNameContext n : ctx.useName()) {
            names.add(new Ast.UseName(id(n.id(0)), n.id().size() > 1 ? id(n.id(1)) : null));
        }
        return new Ast.Use(attributes(ctx.attribute()), usePath(ctx.usePath()), names);
    }

    private Ast.UsePath usePath(UsePathContext ctx) {
        if (ctx instanceof LocalPathContext l) {
            return new Ast.LocalPath(id(l.id()));
        }
        PackagePathContext p = (PackagePathContext) ctx;
        String version = p.version() == null ? null : p.version().getText();
        Span pkgSpan = new Span(source, p.id(0).getStart().getStartIndex(), p.id(1).getStop().getStopIndex() + 1);
        return new Ast.PackagePath(id(p.id(0)), id(p.id(1)), id(p.id(2)), version, pkgSpan);
    }

    private Ast.TypeDef typeDef(TypeDeclContext ctx) {
        Docs docs = docs(ctx);
        if (ctx instanceof AliasDeclContext a) {
            return new Ast.TypeDef(docs, attributes(a.attribute()), id(a.id()), type(a.ty(), 0));
        }
        if (ctx instanceof RecordDeclContext r) {
            List<Ast.Field> fields = new ArrayList<>();
            for (FieldContext f : r.field()) {
                fields.add(new Ast.Field(docs(f), id(f.id()), type(f.ty(), 0)));
            }
            return new Ast.TypeDef(docs, attributes(r.attribute()), id(r.id()), new Ast.Record(fields, span(r.id())));
        }
        if (ctx instanceof FlagsDeclContext f) {
            List<Ast.Flag> flags = new ArrayList<>();
            for (FlagNameContext n : f.flagName()) {
                flags.add(new Ast.Flag(docs(n), id(n.id())));
            }
            return new Ast.TypeDef(docs, attributes(f.attribute()), id(f.id()), new Ast.Flags(flags, span(f.id())));
        }
        if (ctx instanceof VariantDeclContext v) {
            List<Ast.Case> cases = new ArrayList<>();
            for (VariantCaseContext c : v.variantCase()) {
                cases.add(new Ast.Case(docs(c), id(c.id()), c.ty() == null ? null : type(c.ty(), 0)));
            }
            if (cases.isEmpty()) {
                throw WitException.at(span(v.id()), "empty variant");
            }
            return new Ast.TypeDef(docs, attributes(v.attribute()), id(v.id()), new Ast.Variant(cases, span(v.id())));
        }
        if (ctx instanceof EnumDeclContext e) {
            List<Ast.EnumCase> cases = new ArrayList<>();
            for (EnumCaseContext c : e.enumCase()) {
                cases.add(new Ast.EnumCase(docs(c), id(c.id())));
            }
            if (cases.isEmpty()) {
                throw WitException.at(span(e.id()), "empty enum");
            }
            return new Ast.TypeDef(docs, attributes(e.attribute()), id(e.id()), new Ast.Enum(cases, span(e.id())));
        }
        ResourceDeclContext r = (ResourceDeclContext) ctx;
        List<Ast.ResourceFunc> funcs = new ArrayList<>();
        for (ResourceItemContext item : r.resourceItem()) {
            if (item instanceof ConstructorItemContext c) {
                Ast.FuncType ft = new Ast.FuncType(false, params(c.paramList()),
                        c.result() == null ? null : type(c.result().ty(), 0), span(c));
                funcs.add(new Ast.ResourceFunc(docs(c), attributes(c.attribute()), Ast.ResourceFuncKind.CONSTRUCTOR,
                        new Id("constructor", startOfKeyword(c, c.attribute())), ft));
            } else {
                MethodItemContext m = (MethodItemContext) item;
                Ast.ResourceFuncKind kind = hasStatic(m) ? Ast.ResourceFuncKind.STATIC : Ast.ResourceFuncKind.METHOD;
                funcs.add(new Ast.ResourceFunc(docs(m), attributes(m.attribute()), kind, id(m.id()), funcType(m.funcType())));
            }
        }
        return new Ast.TypeDef(docs, attributes(r.attribute()), id(r.id()), new Ast.Resource(funcs, span(r.id())));
    }

    private static boolean hasStatic(MethodItemContext m) {
        for (int i = 0; i < m.getChildCount(); i++) {
            if (m.getChild(i) instanceof TerminalNode t && t.getText().equals("static")) {
                return true;
            }
        }
        return false;
    }

    private Token tokenAfterAttributes(ParserRuleContext ctx, List<AttributeContext> attrs) {
        int idx = attrs.isEmpty() ? ctx.getStart().getTokenIndex() : attrs.get(attrs.size() - 1).getStop().getTokenIndex() + 1;
        while (tokens.get(idx).getChannel() != Token.DEFAULT_CHANNEL) {
            idx++;
        }
        return tokens.get(idx);
    }

    private Span startOfKeyword(ParserRuleContext ctx, List<AttributeContext> attrs) {
        Token t = tokenAfterAttributes(ctx, attrs);
        return new Span(source, t.getStartIndex(), t.getStopIndex() + 1);
    }

    private Ast.FuncType funcType(FuncTypeContext ctx) {
        boolean async = ctx.getStart().getText().equals("async");
        return new Ast.FuncType(async, params(ctx.paramList()), ctx.result() == null ? null : type(ctx.result().ty(), 0), span(ctx));
    }

    private List<Ast.Param> params(ParamListContext ctx) {
        List<Ast.Param> params = new ArrayList<>();
        for (ParamContext p : ctx.param()) {
            params.add(new Ast.Param(id(p.id()), type(p.ty(), 0)));
        }
        return params;
    }

    private Ast.Type type(TyContext ctx, int depth) {
        if (depth >= MAX_TYPE_DEPTH) {
            throw WitException.at(span(ctx.getStart()), "type nesting too deep");
        }
        Span span = span(ctx.getStart());
        String head = ctx.getStart().getText();
        List<TyContext> args = ctx.ty();
        switch (head) {
            case "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "char", "bool", "string", "error-context":
                return new Ast.Primitive(head, span);
            case "tuple": {
                List<Ast.Type> types = new ArrayList<>();
                for (TyContext a : args) {
                    types.add(type(a, depth + 1));
                }
                return new Ast.Tuple(types, span);
            }
            case "list": {
                Long size = null;
                if (ctx.INTEGER() != null) {
                    try {
                        size = Long.parseLong(ctx.INTEGER().getText());
                    } catch (NumberFormatException e) {
                        size = Long.MAX_VALUE;
                    }
                    if (size > 0xFFFF_FFFFL) {
                        throw WitException.at(span(ctx.INTEGER().getSymbol()), "invalid fixed-length list size");
                    }
                    if (size == 0) {
                        throw WitException.at(span(ctx.INTEGER().getSymbol()), "invalid fixed-length list size");
                    }
                }
                return new Ast.ListType(type(args.get(0), depth + 1), size, span);
            }
            case "map":
                return new Ast.MapType(type(args.get(0), depth + 1), type(args.get(1), depth + 1), span);
            case "option":
                return new Ast.OptionType(type(args.get(0), depth + 1), span);
            case "result": {
                boolean okUnderscore = ctx.getChildCount() > 2 && ctx.getChild(2).getText().equals("_");
                Ast.Type ok = null;
                Ast.Type err = null;
                int i = 0;
                if (ctx.getChildCount() > 1 && !okUnderscore) {
                    ok = type(args.get(i++), depth + 1);
                }
                if (i < args.size()) {
                    err = type(args.get(i), depth + 1);
                }
                return new Ast.ResultType(ok, err, span);
            }
            case "future":
                return new Ast.FutureType(args.isEmpty() ? null : type(args.get(0), depth + 1), span);
            case "stream":
                return new Ast.StreamType(args.isEmpty() ? null : type(args.get(0), depth + 1), span);
            case "own":
            case "borrow":
                return new Ast.Handle(head.equals("own"), id(ctx.id()), span);
            default:
                return new Ast.Named(id(ctx.id()));
        }
    }

    private Ast.WorldItem worldItem(WorldItemContext ctx) {
        if (ctx instanceof WorldUseContext u) {
            return use(u.useDecl());
        }
        if (ctx instanceof WorldTypeContext t) {
            return typeDef(t.typeDecl());
        }
        if (ctx instanceof IncludeContext inc) {
            List<Ast.IncludeName> names = new ArrayList<>();
            for (IncludeNameContext n : inc.includeName()) {
                names.add(new Ast.IncludeName(id(n.id(0)), id(n.id(1))));
            }
            return new Ast.Include(attributes(inc.attribute()), usePath(inc.usePath()), names);
        }
        ImportExportContext ie = (ImportExportContext) ctx;
        boolean export = ie.direction.getText().equals("export");
        Ast.Extern extern;
        ExternTypeContext et = ie.externType();
        if (et instanceof ExternFuncContext f) {
            extern = new Ast.ExternFunc(id(f.id()), funcType(f.funcType()));
        } else if (et instanceof ExternInterfaceContext i) {
            extern = new Ast.ExternInterface(id(i.id()), interfaceItems(i.interfaceItem()), span(i.id()));
        } else if (et instanceof ExternNamedPathContext n) {
            extern = new Ast.ExternNamedPath(id(n.id()), usePath(n.usePath()));
        } else {
            extern = new Ast.ExternPath(usePath(((ExternPathContext) et).usePath()));
        }
        return new Ast.Import(docs(ie), attributes(ie.attribute()), export, extern);
    }

    private List<Attribute> attributes(List<AttributeContext> ctxs) {
        List<Attribute> attrs = new ArrayList<>();
        for (AttributeContext a : ctxs) {
            String name = a.id().getText();
            AttributeArgsContext args = a.attributeArgs();
            if (args == null) {
                Token next = tokens.get(nextDefault(a.getStop().getTokenIndex() + 1));
                throw WitException.at(new Span(source, startOf(next), startOf(next)),
                        "expected '(', found " + TokenWords.found(next));
            }
            if (args.id().isEmpty()) {
                Token close = args.getStop();
                throw WitException.at(span(close), "expected an identifier or string, found " + TokenWords.found(close));
            }
            Id arg = id(args.id(0));
            String value = args.version().isEmpty() ? args.id().size() > 1 ? args.id(1).getText() : null : args.version(0).getText();
            switch (name) {
                case "since":
                    if (!arg.name().equals("version")) {
                        throw WitException.at(arg.span(), "expected `version`, found `" + arg.name() + "`");
                    }
                    attrs.add(new Ast.Since(span(a), value, null));
                    break;
                case "unstable":
                    if (!arg.name().equals("feature")) {
                        throw WitException.at(arg.span(), "expected `feature`, found `" + arg.name() + "`");
                    }
                    attrs.add(new Ast.Unstable(span(a), value));
                    break;
                case "deprecated":
                    if (!arg.name().equals("version")) {
                        throw WitException.at(arg.span(), "expected `version`, found `" + arg.name() + "`");
                    }
                    attrs.add(new Ast.Deprecated(span(a), value));
                    break;
                default:
                    throw WitException.at(span(a.id()), "unknown attribute `" + name + "`");
            }
        }
        return attrs;
    }

    private int nextDefault(int idx) {
        while (tokens.get(idx).getChannel() != Token.DEFAULT_CHANNEL) {
            idx++;
        }
        return idx;
    }

    private int startOf(Token t) {
        return t.getType() == Token.EOF ? source.text().length() : t.getStartIndex();
    }

    private Id id(IdContext ctx) {
        String text = ctx.getText();
        Span span = span(ctx);
        if (text.startsWith("%")) {
            text = text.substring(1);
            span = new Span(source, span.start() + 1, span.end());
        }
        return new Id(text, span);
    }

    private Span span(ParserRuleContext ctx) {
        return new Span(source, ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex() + 1);
    }

    private Span span(Token t) {
        return new Span(source, t.getStartIndex(), t.getStopIndex() + 1);
    }

    /** Every comment between the previous token and this item: wit-parser's documentation rule. */
    private Docs docs(ParserRuleContext ctx) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(ctx.getStart().getTokenIndex());
        if (hidden == null) {
            return Docs.NONE;
        }
        List<String> comments = new ArrayList<>();
        for (Token t : hidden) {
            if (t.getType() == WitLexer.LINE_COMMENT || t.getType() == WitLexer.BLOCK_COMMENT) {
                comments.add(t.getText());
            }
        }
        return comments.isEmpty() ? Docs.NONE : new Docs(List.copyOf(comments));
    }

    private Span docsSpan(ParserRuleContext ctx) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(ctx.getStart().getTokenIndex());
        if (hidden == null) {
            return null;
        }
        Token first = null;
        Token last = null;
        for (Token t : hidden) {
            if (t.getType() == WitLexer.LINE_COMMENT || t.getType() == WitLexer.BLOCK_COMMENT) {
                if (first == null) {
                    first = t;
                }
                last = t;
            }
        }
        return first == null ? null : new Span(source, first.getStartIndex(), last.getStopIndex() + 1);
    }
}
