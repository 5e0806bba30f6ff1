package dev.jwt.validate.component;

import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Subtyping of resolved component and core types ({@code actual <: expected}), and substitution
 * of resource types. A mismatch is a {@link Mismatch} whose message reads like wasm-tools':
 * the outermost context first, one line per level.
 */
final class Subtyping {
    private Subtyping() {
    }

    /** A failed subtype check; the validator turns it into a ValidationException with a place. */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }

        Mismatch context(String outer) {
            return new Mismatch(outer + "\n" + getMessage());
        }
    }

    static Mismatch mismatch(String message) {
        return new Mismatch(message);
    }

    // ---------------------------------------------------------------- component entities

    static void entity(ComponentEntityType actual, ComponentEntityType expected) {
        if (expected instanceof CoreModuleType e) {
            if (!(actual instanceof CoreModuleType a)) {
                throw kind(actual, expected);
            }
            module(a, e);
        } else if (expected instanceof ComponentFuncType e) {
            if (!(actual instanceof ComponentFuncType a)) {
                throw kind(actual, expected);
            }
            func(a, e);
        } else if (expected instanceof ComponentEntityType.Value e) {
            if (!(actual instanceof ComponentEntityType.Value a)) {
                throw kind(actual, expected);
            }
            value(a.type(), e.type());
        } else if (expected instanceof ComponentEntityType.Type e) {
            if (!(actual instanceof ComponentEntityType.Type a)) {
                throw kind(actual, expected);
            }
            typeDef(a.type(), e.type());
        } else if (expected instanceof InstanceType e) {
            if (!(actual instanceof InstanceType a)) {
                throw kind(actual, expected);
            }
            instance(a, e);
        } else if (expected instanceof ComponentType e) {
            if (!(actual instanceof ComponentType a)) {
                throw kind(actual, expected);
            }
            component(a, e);
        }
    }

    private static Mismatch kind(ComponentEntityType actual, ComponentEntityType expected) {
        return mismatch("expected " + ComponentEntityType.kindName(expected) + ", found "
                + ComponentEntityType.kindName(actual));
    }

    static void typeDef(ComponentTypeDef actual, ComponentTypeDef expected) {
        if (expected instanceof ResourceType e) {
            if (!(actual instanceof ResourceType a)) {
                throw mismatch("expected resource, found " + defKind(actual));
            }
            if (!a.equals(e)) {
                throw mismatch("resource types are not the same");
            }
        } else if (expected instanceof ValueType e) {
            if (!(actual instanceof ValueType a)) {
                throw mismatch("expected defined type, found " + defKind(actual));
            }
            value(a, e, true);
        } else if (expected instanceof ComponentFuncType e) {
            if (!(actual instanceof ComponentFuncType a)) {
                throw mismatch("expected func type, found " + defKind(actual));
            }
            func(a, e);
        } else if (expected instanceof InstanceType e) {
            if (!(actual instanceof InstanceType a)) {
                throw mismatch("expected instance type, found " + defKind(actual));
            }
            instance(a, e);
        } else if (expected instanceof ComponentType e) {
            if (!(actual instanceof ComponentType a)) {
                throw mismatch("expected component type, found " + defKind(actual));
            }
            component(a, e);
        }
    }

    private static String defKind(ComponentTypeDef t) {
        if (t instanceof ResourceType) return "resource";
        if (t instanceof ValueType) return "defined type";
        if (t instanceof ComponentFuncType) return "func type";
        if (t instanceof InstanceType) return "instance type";
        return "component type";
    }

    static void instance(InstanceType actual, InstanceType expected) {
        for (Map.Entry<String, ComponentEntityType> e : expected.exports().entrySet()) {
            ComponentEntityType a = actual.exports().get(e.getKey());
            if (a == null) {
                throw mismatch("missing expected export `" + e.getKey() + "`");
            }
            try {
                entity(a, e.getValue());
            } catch (Mismatch m) {
                throw m.context("type mismatch in instance export `" + e.getKey() + "`");
            }
        }
    }

    /**
     * {@code actual <: expected} for component types: what {@code expected} promises to import,
     * {@code actual} may import (contravariantly); what it promises to export, {@code actual}
     * exports. Resources are matched by the positions they hold in imports.
     */
    static void component(ComponentType actual, ComponentType expected) {
        // Resources imported by the actual type are supplied by the expected type's imports.
        Map<Object, Object> map = new IdentityHashMap<>();
        for (Map.Entry<String, ComponentEntityType> ai : actual.imports().entrySet()) {
            ComponentEntityType ei = expected.imports().get(ai.getKey());
            if (ei == null) {
                throw mismatch("missing expected import `" + ai.getKey() + "`");
            }
            bindResources(ai.getValue(), ei, map);
            try {
                entity(ei, substitute(ai.getValue(), map));
            } catch (Mismatch m) {
                throw m.context("type mismatch in import `" + ai.getKey() + "`");
            }
        }
        // The actual type's exported resources stand for the expected type's.
        for (Map.Entry<String, ComponentEntityType> ee : expected.exports().entrySet()) {
            ComponentEntityType ae = actual.exports().get(ee.getKey());
            if (ae == null) {
                throw mismatch("missing expected export `" + ee.getKey() + "`");
            }
            bindResources(ae, ee.getValue(), map);
        }
        for (Map.Entry<String, ComponentEntityType> ee : expected.exports().entrySet()) {
            ComponentEntityType ae = substitute(actual.exports().get(ee.getKey()), map);
            try {
                entity(ae, ee.getValue());
            } catch (Mismatch m) {
                throw m.context("type mismatch in export `" + ee.getKey() + "`");
            }
        }
    }

    /** Records which resource of {@code to} stands in for each resource bound in {@code from}. */
    static void bindResources(ComponentEntityType from, ComponentEntityType to, Map<Object, Object> map) {
        if (from instanceof ComponentEntityType.Type f && f.type() instanceof ResourceType fr
                && to instanceof ComponentEntityType.Type t && t.type() instanceof ResourceType tr) {
            map.putIfAbsent(fr.root(), tr);
        } else if (from instanceof InstanceType fi && to instanceof InstanceType ti) {
            for (Map.Entry<String, ComponentEntityType> e : fi.exports().entrySet()) {
                ComponentEntityType o = ti.exports().get(e.getKey());
                if (o != null) {
                    bindResources(e.getValue(), o, map);
                }
            }
        }
    }

    static void func(ComponentFuncType actual, ComponentFuncType expected) {
        if (actual.async() != expected.async()) {
            throw mismatch(expected.async() ? "expected async function, found sync function"
                    : "expected sync function, found async function");
        }
        if (actual.params().size() != expected.params().size()) {
            throw mismatch("expected " + expected.params().size() + " parameters, found " + actual.params().size());
        }
        for (int i = 0; i < actual.params().size(); i++) {
            ComponentFuncType.Param a = actual.params().get(i);
            ComponentFuncType.Param e = expected.params().get(i);
            if (!a.name().equals(e.name())) {
                throw mismatch("expected parameter named `" + e.name() + "`, found `" + a.name() + "`");
            }
            try {
                value(a.type(), e.type());
            } catch (Mismatch m) {
                throw m.context("type mismatch in function parameter `" + a.name() + "`");
            }
        }
        if (expected.result() == null) {
            if (actual.result() != null) {
                throw mismatch("expected a result, found none");
            }
        } else {
            if (actual.result() == null) {
                throw mismatch("expected no result, found a result");
            }
            try {
                value(actual.result(), expected.result());
            } catch (Mismatch m) {
                throw m.context("type mismatch with result type");
            }
        }
    }

    /** Value types: structural equality, with wasm-tools' explanation of the first difference. */
    static void value(ValueType a, ValueType e) {
        value(a, e, false);
    }

    /**
     * {@code top} is set when the types are whole defined types (type imports); nested uses of a
     * primitive are named by the primitive, as wasm-tools does.
     */
    static void value(ValueType a, ValueType e, boolean top) {
        if (a == e || a.equals(e)) {
            return;
        }
        if (e instanceof ValueType.Primitive ep) {
            if (a instanceof ValueType.Primitive ap) {
                throw mismatch("expected primitive `" + ep.text() + "` found primitive `" + ap.text() + "`");
            }
            throw mismatch("expected " + (top ? "primitive" : ep.text()) + ", found " + ValueType.kindName(a));
        }
        if (a instanceof ValueType.Primitive ap) {
            throw mismatch("expected " + ValueType.kindName(e) + ", found " + ap.text());
        }
        if (a.getClass() != e.getClass()) {
            throw mismatch("expected " + ValueType.kindName(e) + ", found " + ValueType.kindName(a));
        }
        if (e instanceof ValueType.Record er) {
            ValueType.Record ar = (ValueType.Record) a;
            if (er.fields().size() != ar.fields().size()) {
                throw mismatch("expected " + er.fields().size() + " fields, found " + ar.fields().size());
            }
            for (int i = 0; i < er.fields().size(); i++) {
                ValueType.Field ef = er.fields().get(i);
                ValueType.Field af = ar.fields().get(i);
                if (!ef.name().equals(af.name())) {
                    throw mismatch("expected field name `" + ef.name() + "`, found `" + af.name() + "`");
                }
                try {
                    value(af.type(), ef.type());
                } catch (Mismatch m) {
                    throw m.context("type mismatch in record field `" + ef.name() + "`");
                }
            }
        } else if (e instanceof ValueType.Variant ev) {
            ValueType.Variant av = (ValueType.Variant) a;
            if (ev.cases().size() != av.cases().size()) {
                throw mismatch("expected " + ev.cases().size() + " cases, found " + av.cases().size());
            }
            for (int i = 0; i < ev.cases().size(); i++) {
                ValueType.Case ec = ev.cases().get(i);
                ValueType.Case ac = av.cases().get(i);
                if (!ec.name().equals(ac.name())) {
                    throw mismatch("expected case named `" + ec.name() + "`, found `" + ac.name() + "`");
                }
                if (ec.type() == null && ac.type() != null) {
                    throw mismatch("expected case `" + ec.name() + "` to have no type");
                }
                if (ec.type() != null && ac.type() == null) {
                    throw mismatch("expected case `" + ec.name() + "` to have a type, found none");
                }
                if (ec.type() != null) {
                    try {
                        value(ac.type(), ec.type());
                    } catch (Mismatch m) {
                        throw m.context("type mismatch in variant case `" + ec.name() + "`");
                    }
                }
            }
        } else if (e instanceof ValueType.Tuple et) {
            ValueType.Tuple at = (ValueType.Tuple) a;
            if (et.types().size() != at.types().size()) {
                throw mismatch("expected " + et.types().size() + " types, found " + at.types().size());
            }
            for (int i = 0; i < et.types().size(); i++) {
                try {
                    value(at.types().get(i), et.types().get(i));
                } catch (Mismatch m) {
                    throw m.context("type mismatch in tuple field " + i);
                }
            }
        } else if (e instanceof ValueType.Flags) {
            throw mismatch("mismatch in flags elements");
        } else if (e instanceof ValueType.Enum) {
            throw mismatch("mismatch in enum elements");
        } else if (e instanceof ValueType.Result er) {
            ValueType.Result ar = (ValueType.Result) a;
            optional(ar.ok(), er.ok(), "ok");
            optional(ar.err(), er.err(), "err");
        } else if (e instanceof ValueType.ListType el) {
            ValueType.ListType al = (ValueType.ListType) a;
            if (el.length() != al.length()) {
                throw mismatch("expected list of length " + el.length() + ", found " + al.length());
            }
            value(al.element(), el.element());
        } else if (e instanceof ValueType.Option eo) {
            value(((ValueType.Option) a).type(), eo.type());
        } else if (e instanceof ValueType.Own || e instanceof ValueType.Borrow) {
            throw mismatch("resource types are not the same");
        } else if (e instanceof ValueType.Stream es) {
            optional(((ValueType.Stream) a).type(), es.type(), "stream");
        } else if (e instanceof ValueType.Future ef) {
            optional(((ValueType.Future) a).type(), ef.type(), "future");
        } else if (e instanceof ValueType.MapType em) {
            ValueType.MapType am = (ValueType.MapType) a;
            value(am.key(), em.key());
            value(am.value(), em.value());
        }
        throw mismatch("type mismatch");
    }

    private static void optional(ValueType a, ValueType e, String what) {
        if (e == null && a != null) {
            throw mismatch("expected " + what + " type to not be present");
        }
        if (e != null && a == null) {
            throw mismatch("expected " + what + " type, but found none");
        }
        if (e != null) {
            try {
                value(a, e);
            } catch (Mismatch m) {
                throw m.context("type mismatch in " + what + " variant");
            }
        }
    }

    // ---------------------------------------------------------------- core

    static void module(CoreModuleType actual, CoreModuleType expected) {
        // The actual module may import less than the expected one promises to supply.
        for (CoreModuleType.Import ai : actual.imports()) {
            CoreModuleType.Import ei = null;
            for (CoreModuleType.Import c : expected.imports()) {
                if (c.module().equals(ai.module()) && c.name().equals(ai.name())) {
                    ei = c;
                    break;
                }
            }
            if (ei == null) {
                throw mismatch("missing expected import `" + ai.module() + "::" + ai.name() + "`");
            }
            try {
                core(ei.type(), ai.type());
            } catch (Mismatch m) {
                throw m.context("type mismatch in import `" + ai.module() + "::" + ai.name() + "`");
            }
        }
        for (Map.Entry<String, CoreExternType> ee : expected.exports().entrySet()) {
            CoreExternType ae = actual.exports().get(ee.getKey());
            if (ae == null) {
                throw mismatch("missing expected export `" + ee.getKey() + "`");
            }
            try {
                core(ae, ee.getValue());
            } catch (Mismatch m) {
                throw m.context("type mismatch in export `" + ee.getKey() + "`");
            }
        }
    }

    /** Core extern subtyping (the core spec's import matching). */
    static void core(CoreExternType actual, CoreExternType expected) {
        if (actual.getClass() != expected.getClass()) {
            throw mismatch("expected " + CoreExternType.kindName(expected) + ", found "
                    + CoreExternType.kindName(actual));
        }
        if (expected instanceof CoreExternType.Func ef) {
            CoreExternType.Func af = (CoreExternType.Func) actual;
            if (af.canonicalId() != ef.canonicalId()) {
                throw mismatch("expected: " + funcText(ef.type()) + "\nfound:    " + funcText(af.type()));
            }
        } else if (expected instanceof CoreExternType.Tag et) {
            CoreExternType.Tag at = (CoreExternType.Tag) actual;
            if (at.canonicalId() != et.canonicalId()) {
                throw mismatch("expected: " + funcText(et.type()) + "\nfound:    " + funcText(at.type()));
            }
        } else if (expected instanceof CoreExternType.Global eg) {
            GlobalType a = ((CoreExternType.Global) actual).type();
            GlobalType e = eg.type();
            if (a.mutable() != e.mutable()) {
                throw mismatch("global types differ in mutability");
            }
            if (!a.type().equals(e.type())) {
                throw mismatch("expected global type " + valText(e.type()) + ", found " + valText(a.type()));
            }
        } else if (expected instanceof CoreExternType.Table et) {
            TableType a = ((CoreExternType.Table) actual).type();
            TableType e = et.type();
            if (!a.element().equals(e.element())) {
                throw mismatch("expected table element type " + valText(e.element()) + ", found "
                        + valText(a.element()));
            }
            if (!limits(a.limits(), e.limits())) {
                throw mismatch("mismatch in table limits");
            }
        } else if (expected instanceof CoreExternType.Memory em) {
            MemoryType a = ((CoreExternType.Memory) actual).type();
            MemoryType e = em.type();
            if (a.limits().is64() != e.limits().is64()) {
                throw mismatch("mismatch in index type used for memories");
            }
            if (a.limits().shared() != e.limits().shared()) {
                throw mismatch("mismatch in the shared flag for memories");
            }
            if (pageSize(a.limits()) != pageSize(e.limits())) {
                throw mismatch("mismatch in page size for memories");
            }
            if (!limits(a.limits(), e.limits())) {
                throw mismatch("mismatch in memory limits");
            }
        }
    }

    /** log2 of the page size; the default (no custom size given) is 64 KiB. */
    private static int pageSize(Limits l) {
        return l.pageSizeLog2() < 0 ? 16 : l.pageSizeLog2();
    }

    private static boolean limits(Limits a, Limits e) {
        if (Long.compareUnsigned(a.min(), e.min()) < 0) {
            return false;
        }
        if (e.max().isPresent()) {
            return a.max().isPresent() && Long.compareUnsigned(a.max().getAsLong(), e.max().getAsLong()) <= 0;
        }
        return true;
    }

    static String funcText(FuncType f) {
        StringBuilder b = new StringBuilder("(func");
        if (!f.params().isEmpty()) {
            b.append(" (param");
            for (ValType t : f.params()) {
                b.append(' ').append(valText(t));
            }
            b.append(')');
        }
        if (!f.results().isEmpty()) {
            b.append(" (result");
            for (ValType t : f.results()) {
                b.append(' ').append(valText(t));
            }
            b.append(')');
        }
        return b.append(')').toString();
    }

    static String valText(ValType t) {
        return dev.jwt.validate.types.TypeCode.name(dev.jwt.validate.types.TypeSpace.code(t));
    }

    // ---------------------------------------------------------------- substitution

    /** {@code t} with each resource replaced per {@code map}; the same object when nothing changes. */
    static ComponentEntityType substitute(ComponentEntityType t, Map<Object, Object> map) {
        if (map.isEmpty()) {
            return t;
        }
        if (t instanceof ComponentFuncType f) {
            return func(f, map);
        }
        if (t instanceof ComponentEntityType.Value v) {
            ValueType n = value(v.type(), map);
            return n == v.type() ? v : new ComponentEntityType.Value(n);
        }
        if (t instanceof ComponentEntityType.Type ty) {
            ComponentTypeDef n = typeDef(ty.type(), map);
            return n == ty.type() ? ty : new ComponentEntityType.Type(n);
        }
        if (t instanceof InstanceType i) {
            return instance(i, map);
        }
        if (t instanceof ComponentType c) {
            return component(c, map);
        }
        return t;
    }

    static ComponentTypeDef typeDef(ComponentTypeDef t, Map<Object, Object> map) {
        if (t instanceof ResourceType r) {
            return (ComponentTypeDef) map.getOrDefault(r.root(), r);
        }
        if (t instanceof ValueType v) {
            return value(v, map);
        }
        return (ComponentTypeDef) substitute((ComponentEntityType) t, map);
    }

    static ComponentFuncType func(ComponentFuncType f, Map<Object, Object> map) {
        boolean changed = false;
        List<ComponentFuncType.Param> ps = new ArrayList<>();
        for (ComponentFuncType.Param p : f.params()) {
            ValueType n = value(p.type(), map);
            changed |= n != p.type();
            ps.add(new ComponentFuncType.Param(p.name(), n));
        }
        ValueType r = f.result() == null ? null : value(f.result(), map);
        changed |= r != f.result();
        return changed ? new ComponentFuncType(ps, r, f.async()) : f;
    }

    static InstanceType instance(InstanceType i, Map<Object, Object> map) {
        boolean changed = false;
        Map<String, ComponentEntityType> ex = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentEntityType> e : i.exports().entrySet()) {
            ComponentEntityType n = substitute(e.getValue(), map);
            changed |= n != e.getValue();
            ex.put(e.getKey(), n);
        }
        List<ResourceType> defined = new ArrayList<>();
        for (ResourceType r : i.definedResources()) {
            ResourceType n = (ResourceType) map.getOrDefault(r.root(), r);
            changed |= n != r;
            defined.add(n);
        }
        return changed ? new InstanceType(ex, defined) : i;
    }

    static ComponentType component(ComponentType c, Map<Object, Object> map) {
        boolean changed = false;
        Map<String, ComponentEntityType> im = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentEntityType> e : c.imports().entrySet()) {
            ComponentEntityType n = substitute(e.getValue(), map);
            changed |= n != e.getValue();
            im.put(e.getKey(), n);
        }
        Map<String, ComponentEntityType> ex = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentEntityType> e : c.exports().entrySet()) {
            ComponentEntityType n = substitute(e.getValue(), map);
            changed |= n != e.getValue();
            ex.put(e.getKey(), n);
        }
        return changed ? new ComponentType(im, ex, c.importedResources(), c.definedResources()) : c;
    }

        static ValueType value(ValueType t, Map<Object, Object> map) {
        if (map.isEmpty() || t instanceof ValueType.Primitive) {
            return t;
        }
        // A type import supplied at instantiation stands for the supplied type.
        if (map.get(t) instanceof ValueType supplied) {
            return supplied;
        }
        if (t instanceof ValueType.Own o) {
            ResourceType r = (ResourceType) map.getOrDefault(o.resource().root(), o.resource());
            return r == o.resource() ? t : new ValueType.Own(r);
        }
        if (t instanceof ValueType.Borrow o) {
            ResourceType r = (ResourceType) map.getOrDefault(o.resource().root(), o.resource());
            return r == o.resource() ? t : new ValueType.Borrow(r);
        }
        if (t instanceof ValueType.Record r) {
            boolean changed = false;
            List<ValueType.Field> fs = new ArrayList<>();
            for (ValueType.Field f : r.fields()) {
                ValueType n = value(f.type(), map);
                changed |= n != f.type();
                fs.add(new ValueType.Field(f.name(), n));
            }
            return changed ? new ValueType.Record(fs) : t;
        }
        if (t instanceof ValueType.Variant v) {
            boolean changed = false;
            List<ValueType.Case> cs = new ArrayList<>();
            for (ValueType.Case c : v.cases()) {
                ValueType n = c.type() == null ? null : value(c.type(), map);
                changed |= n != c.type();
                cs.add(new ValueType.Case(c.name(), n));
            }
            return changed ? new ValueType.Variant(cs) : t;
        }
        if (t instanceof ValueType.Tuple tu) {
            boolean changed = false;
            List<ValueType> ts = new ArrayList<>();
            for (ValueType e : tu.types()) {
                ValueType n = value(e, map);
                changed |= n != e;
                ts.add(n);
            }
            return changed ? new ValueType.Tuple(ts) : t;
        }
        if (t instanceof ValueType.ListType l) {
            ValueType n = value(l.element(), map);
            return n == l.element() ? t : new ValueType.ListType(n, l.length());
        }
        if (t instanceof ValueType.Option o) {
            ValueType n = value(o.type(), map);
            return n == o.type() ? t : new ValueType.Option(n);
        }
        if (t instanceof ValueType.Result r) {
            ValueType ok = r.ok() == null ? null : value(r.ok(), map);
            ValueType err = r.err() == null ? null : value(r.err(), map);
            return ok == r.ok() && err == r.err() ? t : new ValueType.Result(ok, err);
        }
        if (t instanceof ValueType.Stream s) {
            ValueType n = s.type() == null ? null : value(s.type(), map);
            return n == s.type() ? t : new ValueType.Stream(n);
        }
        if (t instanceof ValueType.Future s) {
            ValueType n = s.type() == null ? null : value(s.type(), map);
            return n == s.type() ? t : new ValueType.Future(n);
        }
        if (t instanceof ValueType.MapType m) {
            ValueType k = value(m.key(), map);
            ValueType v = value(m.value(), map);
            return k == m.key() && v == m.value() ? t : new ValueType.MapType(k, v);
        }
        return t;
    }

    static boolean sameResource(ResourceType a, ResourceType b) {
        return Objects.equals(a, b);
    }
}
