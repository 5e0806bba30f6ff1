package dev.jwt.wit.wasm;

import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentValType;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.DefValType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.InstanceDecl;
import dev.jwt.binary.component.PrimValType;
import dev.jwt.binary.component.Sort;
import dev.jwt.wit.resolve.Function;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Type;
import dev.jwt.wit.resolve.TypeDef;
import dev.jwt.wit.resolve.TypeDefKind;
import dev.jwt.wit.resolve.TypeOwner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one component type (an interface's or a world's) the way wit-component does, so that the
 * bytes match wasm-tools': each WIT type is defined once per scope (keyed by its id in the
 * {@link Resolve}), function types are shared when parameters and result are equal, types of
 * other interfaces are reached through {@code alias export} of the instance that imports them
 * (and {@code alias outer} from inside an instance type), and named types become type
 * exports (or imports, for a world's own types).
 */
final class TypeEncoder {
    /** One declarator list being built: the component type itself, or an instance type inside it. */
    private static final class Scope {
        final List<ComponentDecl> decls = new ArrayList<>();
        final Map<Integer, Integer> typeIndices = new HashMap<>();
        final Map<FuncKey, Integer> funcTypes = new HashMap<>();
        int types;
        int funcs;
        int instances;
        int components;
    }

    /** What makes two function types the same: parameters (names and types), result, async. */
    private record FuncKey(List<Function.Param> params, Type result, boolean async) {}

    private final Resolve resolve;
    private final Scope outer = new Scope();
    private Scope instance;
    /** The interface whose types are defined here rather than imported; null in a world's own scope. */
    private Integer currentInterface;
    /** Whether named types of the outer scope are imported (a world's types) rather than exported. */
    private boolean importTypes;
    /** The instance index in the outer scope of each interface imported (or exported) so far. */
    private final Map<Integer, Integer> instanceOf = new HashMap<>();

    TypeEncoder(Resolve resolve) {
        this.resolve = resolve;
    }

    /** The finished declarations of the component type. */
    List<ComponentDecl> decls() {
        return outer.decls;
    }

    // ---- interfaces and worlds ------------------------------------------------------------------

    /** Declares an interface's instance type in the outer scope and returns its type index. */
    int instanceType(int iface) {
        currentInterface = iface;
        pushInstance();
        Interface i = resolve.interfaces().get(iface);
        List<Integer> typeOrder = new ArrayList<>();
        for (int t : i.types().values()) {
            valType(new Type.Id(t));
            typeOrder.add(t);
        }
        // Functions of resources come first, in the order their resources were defined, then the
        // free functions: the order the WIT printer gives them, so text and binary round trips agree.
        List<Map.Entry<String, Function>> funcs = new ArrayList<>(i.functions().entrySet());
        funcs.sort((a, b) -> Integer.compare(rank(a.getValue(), typeOrder), rank(b.getValue(), typeOrder)));
        for (Map.Entry<String, Function> f : funcs) {
            int ty = funcType(f.getValue());
            add(new InstanceDecl.Export(ExternName.of(f.getKey()), new ExternType.Func(ty)));
            instance.funcs++;
        }
        return popInstance(iface);
    }

    private static int rank(Function f, List<Integer> typeOrder) {
        int r = f.kind().resource();
        return r < 0 ? typeOrder.size() : typeOrder.indexOf(r);
    }

    /** Declares the instance type of an interface imported only for its types: all of them, no functions. */
    int typesOnlyInstanceType(int iface) {
        currentInterface = iface;
        pushInstance();
        for (int t : resolve.interfaces().get(iface).types().values()) {
            valType(new Type.Id(t));
        }
        return popInstance(iface);
    }

    void importInstance(ExternName name, int typeIndex) {
        outer.decls.add(new ComponentDecl.Import(name, new ExternType.Instance(typeIndex)));
        outer.instances++;
    }

    void exportInstance(ExternName name, int typeIndex) {
        outer.decls.add(new InstanceDecl.Export(name, new ExternType.Instance(typeIndex)));
        outer.instances++;
    }

    void importFunc(String name, Function f) {
        currentInterface = null;
        int ty = funcType(f);
        outer.decls.add(new ComponentDecl.Import(ExternName.of(name), new ExternType.Func(ty)));
        outer.funcs++;
    }

    void exportFunc(String name, Function f) {
        currentInterface = null;
        int ty = funcType(f);
        outer.decls.add(new InstanceDecl.Export(ExternName.of(name), new ExternType.Func(ty)));
        outer.funcs++;
    }

    /** A world's own type: imported under its name. */
    void importType(int type) {
        currentInterface = null;
        importTypes = true;
        valType(new Type.Id(type));
        importTypes = false;
    }

    /** Declares a nested component type in the outer scope and returns its index. */
    int componentType(List<ComponentDecl> decls) {
        outer.decls.add(new InstanceDecl.TypeDecl(new DefType.ComponentType(decls)));
        return outer.types++;
    }

    void exportComponent(String name, int typeIndex) {
        outer.decls.add(new InstanceDecl.Export(ExternName.of(name), new ExternType.Component(typeIndex)));
        outer.components++;
    }

    private void pushInstance() {
        instance = new Scope();
    }

    private int popInstance(int iface) {
        List<InstanceDecl> decls = new ArrayList<>();
        for (ComponentDecl d : instance.decls) {
            decls.add((InstanceDecl) d);
        }
        instance = null;
        outer.decls.add(new InstanceDecl.TypeDecl(new DefType.InstanceType(decls)));
        instanceOf.put(iface, outer.instances);
        return outer.types++;
    }

    /** Records the instance index of an interface imported or exported under this type. */
    void noteInstance(int iface, int instanceIndex) {
        instanceOf.put(iface, instanceIndex);
    }

    int nextInstanceIndex() {
        return outer.instances;
    }

    // ---- types --------------------------------------------------------------------------------

    private Scope scope() {
        return instance != null ? instance : outer;
    }

    private void add(ComponentDecl d) {
        scope().decls.add(d);
    }

    private int define(DefType t) {
        add(new InstanceDecl.TypeDecl(t));
        return scope().types++;
    }

    int funcType(Function f) {
        Scope s = scope();
        FuncKey key = new FuncKey(f.params(), f.result(), f.kind().async());
        Integer known = s.funcTypes.get(key);
        if (known != null) {
            return known;
        }
        List<DefType.LabelValType> params = new ArrayList<>();
        for (Function.Param p : f.params()) {
            params.add(new DefType.LabelValType(p.name(), valType(p.type())));
        }
        Optional<ComponentValType> result = f.result() == null ? Optional.empty() : Optional.of(valType(f.result()));
        int index = define(new DefType.Func(f.kind().async(), params, result));
        s.funcTypes.put(key, index);
        return index;
    }

    ComponentValType valType(Type t) {
        if (t instanceof Type.Primitive p) {
            return primitive(p);
        }
        int id = ((Type.Id) t).index();
        Integer known = scope().typeIndices.get(id);
        if (known != null) {
            return new ComponentValType.TypeIndex(known);
        }
        TypeDef def = resolve.types().get(id);
        if (def.owner() instanceof TypeOwner.OfInterface o && (currentInterface == null || o.index() != currentInterface)) {
            int index = aliasForeign(o.index(), id, def.name());
            scope().typeIndices.put(id, index);
            return new ComponentValType.TypeIndex(index);
        }
        TypeDefKind kind = def.kind();
        ComponentValType encoded;
        if (kind instanceof TypeDefKind.Resource) {
            int index = typeDecl(def.name(), new ExternType.TypeBound.SubResource());
            scope().typeIndices.put(id, index);
            return index(index);
        } else if (kind instanceof TypeDefKind.Alias a) {
            encoded = valType(a.type());
        } else {
            encoded = index(define(defValType(kind)));
        }
        if (def.name() != null) {
            int target = encoded instanceof ComponentValType.TypeIndex ti ? ti.index() : define((PrimValType) encoded);
            encoded = index(typeDecl(def.name(), new ExternType.TypeBound.Eq(target)));
        }
        if (encoded instanceof ComponentValType.TypeIndex ti) {
            scope().typeIndices.put(id, ti.index());
        }
        return encoded;
    }

    /** The definition of an anonymous (structural) type; what it refers to is encoded first. */
    private DefType defValType(TypeDefKind kind) {
        if (kind instanceof TypeDefKind.Record r) {
            List<DefType.LabelValType> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) {
                fields.add(new DefType.LabelValType(f.name(), valType(f.type())));
            }
            return new DefValType.Record(fields);
        } else if (kind instanceof TypeDefKind.Tuple tu) {
            List<ComponentValType> types = new ArrayList<>();
            for (Type x : tu.types()) {
                types.add(valType(x));
            }
            return new DefValType.Tuple(types);
        } else if (kind instanceof TypeDefKind.Flags fl) {
            return new DefValType.Flags(fl.flags().stream().map(TypeDefKind.Flag::name).toList());
        } else if (kind instanceof TypeDefKind.Variant v) {
            List<DefValType.Case> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cases.add(new DefValType.Case(c.name(), optional(c.type())));
            }
            return new DefValType.Variant(cases);
        } else if (kind instanceof TypeDefKind.Enum e) {
            return new DefValType.Enum(e.cases().stream().map(TypeDefKind.EnumCase::name).toList());
        } else if (kind instanceof TypeDefKind.Option o) {
            return new DefValType.Option(valType(o.type()));
        } else if (kind instanceof TypeDefKind.Result r) {
            Optional<ComponentValType> ok = optional(r.ok());
            return new DefValType.Result(ok, optional(r.err()));
        } else if (kind instanceof TypeDefKind.ListOf l) {
            return new DefValType.ListType(valType(l.type()));
        } else if (kind instanceof TypeDefKind.MapOf m) {
            ComponentValType k = valType(m.key());
            return new DefValType.MapType(k, valType(m.value()));
        } else if (kind instanceof TypeDefKind.FixedSizeList l) {
            return new DefValType.FixedSizeList(valType(l.type()), (int) l.size());
        } else if (kind instanceof TypeDefKind.Future f) {
            return new DefValType.Future(optional(f.type()));
        } else if (kind instanceof TypeDefKind.Stream f) {
            return new DefValType.Stream(optional(f.type()));
        } else if (kind instanceof TypeDefKind.Handle h) {
            int resource = ((ComponentValType.TypeIndex) valType(new Type.Id(h.resource()))).index();
            return h.own() ? new DefValType.Own(resource) : new DefValType.Borrow(resource);
        }
        throw new IllegalStateException("unresolved type " + kind);
    }

    private Optional<ComponentValType> optional(Type t) {
        return t == null ? Optional.empty() : Optional.of(valType(t));
    }

    private static ComponentValType index(int i) {
        return new ComponentValType.TypeIndex(i);
    }

    /** A named type: exported from an instance or component type, imported into a world's. */
    private int typeDecl(String name, ExternType.TypeBound bound) {
        ExternType type = new ExternType.Type(bound);
        if (instance == null && importTypes) {
            add(new ComponentDecl.Import(ExternName.of(name), type));
        } else {
            add(new InstanceDecl.Export(ExternName.of(name), type));
        }
        return scope().types++;
    }

    /** A type of another interface: an export of the instance importing it, aliased into the current scope. */
    private int aliasForeign(int iface, int id, String name) {
        Integer inst = instanceOf.get(iface);
        if (inst == null) {
            throw new IllegalStateException("interface " + iface + " is used before it is imported");
        }
        // One alias per foreign type in the outer scope, shared by every instance type after it.
        Integer outerIndex = outer.typeIndices.get(id);
        if (outerIndex == null) {
            outer.decls.add(new InstanceDecl.AliasDecl(new Alias.InstanceExport(Sort.TYPE, inst, name)));
            outerIndex = outer.types++;
            outer.typeIndices.put(id, outerIndex);
        }
        if (instance == null) {
            return outerIndex;
        }
        add(new InstanceDecl.AliasDecl(new Alias.Outer(Sort.TYPE, 1, outerIndex)));
        return instance.types++;
    }

    static PrimValType primitive(Type.Primitive p) {
        return switch (p) {
            case BOOL -> PrimValType.BOOL;
            case U8 -> PrimValType.U8;
            case U16 -> PrimValType.U16;
            case U32 -> PrimValType.U32;
            case U64 -> PrimValType.U64;
            case S8 -> PrimValType.S8;
            case S16 -> PrimValType.S16;
            case S32 -> PrimValType.S32;
            case S64 -> PrimValType.S64;
            case F32 -> PrimValType.F32;
            case F64 -> PrimValType.F64;
            case CHAR -> PrimValType.CHAR;
            case STRING -> PrimValType.STRING;
            case ERROR_CONTEXT -> PrimValType.ERROR_CONTEXT;
        };
    }
}
