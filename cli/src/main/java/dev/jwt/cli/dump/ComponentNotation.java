package dev.jwt.cli.dump;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.CanonOption;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentInstance;
import dev.jwt.binary.component.ComponentStart;
import dev.jwt.binary.component.ComponentValType;
import dev.jwt.binary.component.CoreInstance;
import dev.jwt.binary.component.CoreSort;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.DefValType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.InstanceDecl;
import dev.jwt.binary.component.PrimValType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.io.BinaryReader;
import java.util.List;
import java.util.Optional;

/**
 * Component model items in the notation {@code wasm-tools dump} shows them: the Rust {@code Debug}
 * form of its parser's types ({@code ComponentImport { name: ComponentExternName { ... }, ty: Func(0) }}).
 * Core parts reuse {@link ParserNotation}.
 */
final class ComponentNotation {
    private ComponentNotation() {}

    // ---- sorts ----

    /** A sort read from a {@code component-name} subsection: {@code 0x00 coresort} or a component sort. */
    static Sort sort(BinaryReader r) {
        long at = r.offset();
        int b = r.u8();
        Sort sort;
        if (b == Sort.CORE_PREFIX) {
            CoreSort core = CoreSort.byCode(r.u8());
            sort = core == null ? null : Sort.of(core);
        } else {
            sort = Sort.byCode(b);
        }
        if (sort == null) {
            throw new MalformedException("invalid leading byte (0x" + Integer.toHexString(b) + ") for sort", at);
        }
        return sort;
    }

    /** The words of a sort in section and name-map labels: {@code core func}, {@code func}, {@code core module}. */
    static String sortLabel(Sort sort) {
        return sort.text();
    }

    /**
     * The words of a sort in an item's index label ({@code [module 0] ComponentImport ...}): core
     * modules read {@code module} there.
     */
    static String indexLabel(Sort sort) {
        return sort == Sort.CORE_MODULE ? "module" : sort.text();
    }

    /** {@code ComponentExternalKind}'s name. */
    static String externalKind(Sort sort) {
        return switch (sort) {
            case CORE_MODULE -> "Module";
            case FUNC -> "Func";
            case VALUE -> "Value";
            case TYPE -> "Type";
            case COMPONENT -> "Component";
            case INSTANCE -> "Instance";
            default -> coreKind(sort);
        };
    }

    /** Core {@code ExternalKind}'s name (and the outer alias kinds of core sorts). */
    static String coreKind(Sort sort) {
        return switch (sort) {
            case CORE_FUNC -> "Func";
            case CORE_TABLE -> "Table";
            case CORE_MEMORY -> "Memory";
            case CORE_GLOBAL -> "Global";
            case CORE_TAG -> "Tag";
            case CORE_TYPE -> "CoreType";
            case CORE_MODULE -> "CoreModule";
            case CORE_INSTANCE -> "Instance";
            default -> externalKind(sort);
        };
    }

    // ---- names, imports, exports ----

    static String externName(ExternName n) {
        String implementsName = null;
        String versionSuffix = null;
        String externalId = null;
        for (ExternName.Attribute a : n.attributes()) {
            if (a instanceof ExternName.Attribute.Implements i) {
                implementsName = ParserNotation.string(i.interfaceName());
            } else if (a instanceof ExternName.Attribute.VersionSuffix v) {
                versionSuffix = ParserNotation.string(v.suffix());
            } else if (a instanceof ExternName.Attribute.ExternalId e) {
                externalId = ParserNotation.string(e.id());
            }
        }
        return "ComponentExternName { name: " + ParserNotation.string(n.name()) + ", implements: "
                + ParserNotation.option(implementsName) + ", version_suffix: " + ParserNotation.option(versionSuffix)
                + ", external_id: " + ParserNotation.option(externalId) + " }";
    }

    static String importEntry(ComponentImport i) {
        return "ComponentImport { name: " + externName(i.name()) + ", ty: " + externType(i.type()) + " }";
    }

    static String export(ExternName name, Sort sort, int index, Optional<ExternType> type) {
        return "ComponentExport { name: " + externName(name) + ", kind: " + externalKind(sort) + ", index: "
                + Integer.toUnsignedString(index) + ", ty: "
                + ParserNotation.option(type.map(ComponentNotation::externType).orElse(null)) + " }";
    }

    static String export(ComponentExport e) {
        return export(e.name(), e.item().sort(), e.item().index(), e.type());
    }

    static String externType(ExternType t) {
        if (t instanceof ExternType.Module m) {
            return "Module(" + u32(m.coreTypeIndex()) + ")";
        } else if (t instanceof ExternType.Func f) {
            return "Func(" + u32(f.typeIndex()) + ")";
        } else if (t instanceof ExternType.Value v) {
            if (v.bound() instanceof ExternType.ValueBound.Type ty) {
                return "Value(" + valType(ty.type()) + ")";
            }
            return "Value(Eq(" + u32(((ExternType.ValueBound.Eq) v.bound()).valueIndex()) + "))";
        } else if (t instanceof ExternType.Type ty) {
            if (ty.bound() instanceof ExternType.TypeBound.Eq e) {
                return "Type(Eq(" + u32(e.typeIndex()) + "))";
            }
            return "Type(SubResource)";
        } else if (t instanceof ExternType.Component c) {
            return "Component(" + u32(c.typeIndex()) + ")";
        }
        return "Instance(" + u32(((ExternType.Instance) t).typeIndex()) + ")";
    }

    // ---- instances and aliases ----

    static String coreInstance(CoreInstance i) {
        if (i instanceof CoreInstance.Instantiate in) {
            return "Instantiate { module_index: " + u32(in.moduleIndex()) + ", args: "
                    + ParserNotation.list(in.args(), a -> "InstantiationArg { name: " + ParserNotation.string(a.name())
                            + ", kind: Instance, index: " + u32(a.instanceIndex()) + " }") + " }";
        }
        CoreInstance.FromExports e = (CoreInstance.FromExports) i;
        return "FromExports(" + ParserNotation.list(e.exports(), x -> "Export { name: "
                + ParserNotation.string(x.name()) + ", kind: " + coreKind(x.item().sort()) + ", index: "
                + u32(x.item().index()) + " }") + ")";
    }

    static String instance(ComponentInstance i) {
        if (i instanceof ComponentInstance.Instantiate in) {
            return "Instantiate { component_index: " + u32(in.componentIndex()) + ", args: "
                    + ParserNotation.list(in.args(), a -> "ComponentInstantiationArg { name: "
                            + ParserNotation.string(a.name()) + ", kind: " + externalKind(a.item().sort()) + ", index: "
                            + u32(a.item().index()) + " }") + " }";
        }
        ComponentInstance.FromExports e = (ComponentInstance.FromExports) i;
        return "FromExports(" + ParserNotation.list(e.exports(),
                x -> export(x.name(), x.item().sort(), x.item().index(), Optional.empty())) + ")";
    }

    static String alias(Alias a) {
        if (a instanceof Alias.InstanceExport e) {
            return "InstanceExport { kind: " + externalKind(e.sort()) + ", instance_index: " + u32(e.instanceIndex())
                    + ", name: " + ParserNotation.string(e.name()) + " }";
        } else if (a instanceof Alias.CoreInstanceExport e) {
            return "CoreInstanceExport { kind: " + coreKind(e.sort()) + ", instance_index: "
                    + u32(e.instanceIndex()) + ", name: " + ParserNotation.string(e.name()) + " }";
        }
        Alias.Outer o = (Alias.Outer) a;
        return "Outer { kind: " + coreKind(o.sort()) + ", count: " + u32(o.count()) + ", index: " + u32(o.index())
                + " }";
    }

    static String start(ComponentStart s) {
        return "ComponentStartFunction { func_index: " + u32(s.funcIndex()) + ", arguments: "
                + ParserNotation.list(s.args(), ComponentNotation::u32) + ", results: " + u32(s.results()) + " }";
    }

    // ---- types ----

    /**
     * A type definition. Core types inside component and instance types are shown by
     * {@code coreType}, which needs their bytes (wasm-tools shows their offsets).
     */
    static String defType(DefType t, java.util.function.Function<Object, String> coreType) {
        if (t instanceof DefValType v) {
            return "Defined(" + defValType(v) + ")";
        } else if (t instanceof DefType.Func f) {
            return "Func(ComponentFuncType { async_: " + f.async() + ", params: "
                    + ParserNotation.list(f.params(), p -> "(" + ParserNotation.string(p.label()) + ", "
                            + valType(p.type()) + ")")
                    + ", result: " + ParserNotation.option(f.result().map(ComponentNotation::valType).orElse(null))
                    + " })";
        } else if (t instanceof DefType.ComponentType c) {
            return "Component(" + ParserNotation.list(c.decls(), d -> decl(d, coreType)) + ")";
        } else if (t instanceof DefType.InstanceType i) {
            return "Instance(" + ParserNotation.list(i.decls(), d -> decl(d, coreType)) + ")";
        }
        DefType.Resource r = (DefType.Resource) t;
        return "Resource { rep: " + ParserNotation.valType(r.rep()) + ", dtor: "
                + ParserNotation.option(r.dtor().isPresent() ? u32(r.dtor().getAsInt()) : null) + " }";
    }

    private static String decl(ComponentDecl d, java.util.function.Function<Object, String> coreType) {
        if (d instanceof ComponentDecl.Import i) {
            return "Import(ComponentImport { name: " + externName(i.name()) + ", ty: " + externType(i.type()) + " })";
        } else if (d instanceof InstanceDecl.CoreTypeDecl c) {
            return "CoreType(" + coreType.apply(c.type()) + ")";
        } else if (d instanceof InstanceDecl.TypeDecl t) {
            return "Type(" + defType(t.type(), coreType) + ")";
        } else if (d instanceof InstanceDecl.AliasDecl a) {
            return "Alias(" + alias(a.alias()) + ")";
        }
        InstanceDecl.Export e = (InstanceDecl.Export) d;
        return "Export { name: " + externName(e.name()) + ", ty: " + externType(e.type()) + " }";
    }

    static String defValType(DefValType t) {
        if (t instanceof PrimValType p) {
            return "Primitive(" + primitive(p) + ")";
        } else if (t instanceof DefValType.Record r) {
            return "Record(" + ParserNotation.list(r.fields(), f -> "(" + ParserNotation.string(f.label()) + ", "
                    + valType(f.type()) + ")") + ")";
        } else if (t instanceof DefValType.Variant v) {
            return "Variant(" + ParserNotation.list(v.cases(), c -> "VariantCase { name: "
                    + ParserNotation.string(c.label()) + ", ty: " + optional(c.type()) + " }") + ")";
        } else if (t instanceof DefValType.ListType l) {
            return "List(" + valType(l.element()) + ")";
        } else if (t instanceof DefValType.FixedSizeList l) {
            return "FixedLengthList(" + valType(l.element()) + ", " + u32(l.length()) + ")";
        } else if (t instanceof DefValType.Tuple tu) {
            return "Tuple(" + ParserNotation.list(tu.types(), ComponentNotation::valType) + ")";
        } else if (t instanceof DefValType.Flags f) {
            return "Flags(" + ParserNotation.list(f.labels(), ParserNotation::string) + ")";
        } else if (t instanceof DefValType.Enum e) {
            return "Enum(" + ParserNotation.list(e.labels(), ParserNotation::string) + ")";
        } else if (t instanceof DefValType.Option o) {
            return "Option(" + valType(o.type()) + ")";
        } else if (t instanceof DefValType.Result r) {
            return "Result { ok: " + optional(r.ok()) + ", err: " + optional(r.error()) + " }";
        } else if (t instanceof DefValType.Own o) {
            return "Own(" + u32(o.typeIndex()) + ")";
        } else if (t instanceof DefValType.Borrow b) {
            return "Borrow(" + u32(b.typeIndex()) + ")";
        } else if (t instanceof DefValType.Stream s) {
            return "Stream(" + optional(s.element()) + ")";
        } else if (t instanceof DefValType.Future f) {
            return "Future(" + optional(f.element()) + ")";
        }
        DefValType.MapType m = (DefValType.MapType) t;
        return "Map(" + valType(m.key()) + ", " + valType(m.value()) + ")";
    }

    static String valType(ComponentValType t) {
        if (t instanceof PrimValType p) {
            return "Primitive(" + primitive(p) + ")";
        }
        return "Type(" + u32(((ComponentValType.TypeIndex) t).index()) + ")";
    }

    private static String optional(Optional<ComponentValType> t) {
        return ParserNotation.option(t.map(ComponentNotation::valType).orElse(null));
    }

    /** {@code PrimitiveValType}'s variant name: {@code Bool}, {@code U32}, {@code ErrorContext}... */
    static String primitive(PrimValType p) {
        return switch (p) {
            case BOOL -> "Bool";
            case S8 -> "S8";
            case U8 -> "U8";
            case S16 -> "S16";
            case U16 -> "U16";
            case S32 -> "S32";
            case U32 -> "U32";
            case S64 -> "S64";
            case U64 -> "U64";
            case F32 -> "F32";
            case F64 -> "F64";
            case CHAR -> "Char";
            case STRING -> "String";
            case ERROR_CONTEXT -> "ErrorContext";
        };
    }

    // ---- canonical definitions ----

    /** The index space a canonical definition adds to: {@code lift} a component function, the rest a core one. */
    static Sort canonSort(Canon c) {
        return c instanceof Canon.Lift ? Sort.FUNC : Sort.CORE_FUNC;
    }

    static String canon(Canon c) {
        if (c instanceof Canon.Lift l) {
            return "Lift { core_func_index: " + u32(l.coreFuncIndex()) + ", type_index: " + u32(l.typeIndex())
                    + ", options: " + options(l.options()) + " }";
        } else if (c instanceof Canon.Lower l) {
            return "Lower { func_index: " + u32(l.funcIndex()) + ", options: " + options(l.options()) + " }";
        } else if (c instanceof Canon.ResourceNew r) {
            return "ResourceNew { resource: " + u32(r.typeIndex()) + " }";
        } else if (c instanceof Canon.ResourceDrop r) {
            return "ResourceDrop { resource: " + u32(r.typeIndex()) + " }";
        } else if (c instanceof Canon.ResourceRep r) {
            return "ResourceRep { resource: " + u32(r.typeIndex()) + " }";
        } else if (c instanceof Canon.TaskReturn t) {
            return "TaskReturn { result: " + optional(t.result()) + ", options: " + options(t.options()) + " }";
        } else if (c instanceof Canon.ContextGet g) {
            return "ContextGet(" + u32(g.slot()) + ")";
        } else if (c instanceof Canon.ContextSet g) {
            return "ContextSet(" + u32(g.slot()) + ")";
        } else if (c instanceof Canon.SubtaskCancel t) {
            return "SubtaskCancel { async_: " + t.async() + " }";
        } else if (c instanceof Canon.StreamNew t) {
            return "StreamNew { ty: " + u32(t.typeIndex()) + " }";
        } else if (c instanceof Canon.StreamRead t) {
            return "StreamRead { ty: " + u32(t.typeIndex()) + ", options: " + options(t.options()) + " }";
        } else if (c instanceof Canon.StreamWrite t) {
            return "StreamWrite { ty: " + u32(t.typeIndex()) + ", options: " + options(t.options()) + " }";
        } else if (c instanceof Canon.StreamCancelRead t) {
            return "StreamCancelRead { ty: " + u32(t.typeIndex()) + ", async_: " + t.async() + " }";
        } else if (c instanceof Canon.StreamCancelWrite t) {
            return "StreamCancelWrite { ty: " + u32(t.typeIndex()) + ", async_: " + t.async() + " }";
        } else if (c instanceof Canon.StreamDropReadable t) {
            return "StreamDropReadable { ty: " + u32(t.typeIndex()) + " }";
        } else if (c instanceof Canon.StreamDropWritable t) {
            return "StreamDropWritable { ty: " + u32(t.typeIndex()) + " }";
        } else if (c instanceof Canon.FutureNew t) {
            return "FutureNew { ty: " + u32(t.typeIndex()) + " }";
        } else if (c instanceof Canon.FutureRead t) {
            return "FutureRead { ty: " + u32(t.typeIndex()) + ", options: " + options(t.options()) + " }";
        } else if (c instanceof Canon.FutureWrite t) {
            return "FutureWrite { ty: " + u32(t.typeIndex()) + ", options: " + options(t.options()) + " }";
        } else if (c instanceof Canon.FutureCancelRead t) {
            return "FutureCancelRead { ty: " + u32(t.typeIndex()) + ", async_: " + t.async() + " }";
        } else if (c instanceof Canon.FutureCancelWrite t) {
            return "FutureCancelWrite { ty: " + u32(t.typeIndex()) + ", async_: " + t.async() + " }";
        } else if (c instanceof Canon.FutureDropReadable t) {
            return "FutureDropReadable { ty: " + u32(t.typeIndex()) + " }";
        } else if (c instanceof Canon.FutureDropWritable t) {
            return "FutureDropWritable { ty: " + u32(t.typeIndex()) + " }";
        } else if (c instanceof Canon.ErrorContextNew e) {
            return "ErrorContextNew { options: " + options(e.options()) + " }";
        } else if (c instanceof Canon.ErrorContextDebugMessage e) {
            return "ErrorContextDebugMessage { options: " + options(e.options()) + " }";
        } else if (c instanceof Canon.WaitableSetWait w) {
            return "WaitableSetWait { cancellable: " + w.cancellable() + ", memory: " + u32(w.memoryIndex()) + " }";
        } else if (c instanceof Canon.WaitableSetPoll w) {
            return "WaitableSetPoll { cancellable: " + w.cancellable() + ", memory: " + u32(w.memoryIndex()) + " }";
        } else if (c instanceof Canon.ThreadNewIndirect t) {
            return "ThreadNewIndirect { func_ty_index: " + u32(t.coreTypeIndex()) + ", table_index: "
                    + u32(t.tableIndex()) + " }";
        } else if (c instanceof Canon.ThreadSuspend t) {
            return "ThreadSuspend { cancellable: " + t.cancellable() + " }";
        } else if (c instanceof Canon.ThreadYield t) {
            return "ThreadYield { cancellable: " + t.cancellable() + " }";
        } else if (c instanceof Canon.ThreadSuspendThenResume t) {
            return "ThreadSuspendThenResume { cancellable: " + t.cancellable() + " }";
        } else if (c instanceof Canon.ThreadYieldThenResume t) {
            return "ThreadYieldThenResume { cancellable: " + t.cancellable() + " }";
        } else if (c instanceof Canon.ThreadSuspendThenPromote t) {
            return "ThreadSuspendThenPromote { cancellable: " + t.cancellable() + " }";
        } else if (c instanceof Canon.ThreadYieldThenPromote t) {
            return "ThreadYieldThenPromote { cancellable: " + t.cancellable() + " }";
        } else if (c instanceof Canon.ThreadSpawnRef t) {
            return "ThreadSpawnRef { func_ty_index: " + u32(t.coreTypeIndex()) + " }";
        } else if (c instanceof Canon.ThreadSpawnIndirect t) {
            return "ThreadSpawnIndirect { func_ty_index: " + u32(t.coreTypeIndex()) + ", table_index: "
                    + u32(t.tableIndex()) + " }";
        }
        // The built-ins without immediates: their kind's name in CamelCase (BackpressureInc, TaskCancel...).
        return camel(c.kind().name());
    }

    private static String camel(String enumName) {
        StringBuilder b = new StringBuilder();
        for (String part : enumName.split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    static String options(List<CanonOption> options) {
        return ParserNotation.list(options, o -> {
            if (o instanceof CanonOption.StringEncoding e) {
                return switch (e) {
                    case UTF8 -> "UTF8";
                    case UTF16 -> "UTF16";
                    case LATIN1_UTF16 -> "CompactUTF16";
                };
            } else if (o instanceof CanonOption.Memory m) {
                return "Memory(" + u32(m.memoryIndex()) + ")";
            } else if (o instanceof CanonOption.Realloc r) {
                return "Realloc(" + u32(r.funcIndex()) + ")";
            } else if (o instanceof CanonOption.PostReturn p) {
                return "PostReturn(" + u32(p.funcIndex()) + ")";
            } else if (o instanceof CanonOption.Callback cb) {
                return "Callback(" + u32(cb.funcIndex()) + ")";
            } else if (o instanceof CanonOption.CoreType t) {
                return "CoreType(" + u32(t.coreTypeIndex()) + ")";
            } else if (o instanceof CanonOption.Async) {
                return "Async";
            }
            return "Gc";
        });
    }

    static String u32(int v) {
        return Integer.toUnsignedString(v);
    }
}
