package dev.jwt.wit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwt.wit.resolve.Function;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Package;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Stability;
import dev.jwt.wit.resolve.Type;
import dev.jwt.wit.resolve.TypeDef;
import dev.jwt.wit.resolve.TypeDefKind;
import dev.jwt.wit.resolve.TypeOwner;
import dev.jwt.wit.resolve.World;
import dev.jwt.wit.resolve.WorldItem;
import dev.jwt.wit.resolve.WorldKey;
import java.io.UncheckedIOException;
import java.util.Map;

/** A {@link Resolve} as wit-parser's serde JSON: the same arrays, keys, indices and pretty-printing. */
public final class ResolveJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResolveJson() {}

    public static JsonNode toJson(Resolve r) {
        return toJson(r, java.util.Map.of());
    }

    /** As {@link #toJson(Resolve)}, interfaces that are copies naming their original ({@code clone_of}). */
    public static JsonNode toJson(Resolve r, java.util.Map<Integer, Integer> cloneOf) {
        ObjectNode root = F.objectNode();
        ArrayNode worlds = root.putArray("worlds");
        r.worlds().forEach(w -> worlds.add(world(w)));
        ArrayNode interfaces = root.putArray("interfaces");
        for (int i = 0; i < r.interfaces().size(); i++) {
            ObjectNode o = iface(r.interfaces().get(i));
            if (cloneOf.containsKey(i)) {
                o.put("clone_of", cloneOf.get(i));
            }
            interfaces.add(o);
        }
        ArrayNode types = root.putArray("types");
        r.types().forEach(t -> types.add(type(t)));
        ArrayNode packages = root.putArray("packages");
        r.packages().forEach(p -> packages.add(pkg(p)));
        return root;
    }

    /** Pretty JSON as serde_json writes it: two-space indent, {@code "key": value}. */
    public static String toString(Resolve r) {
        return toString(r, java.util.Map.of());
    }

    /** As {@link #toString(Resolve)}, with {@code clone_of} (see {@link #toJson(Resolve, java.util.Map)}). */
    public static String toString(Resolve r, java.util.Map<Integer, Integer> cloneOf) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(toJson(r, cloneOf));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode world(World w) {
        ObjectNode o = F.objectNode();
        o.put("name", w.name());
        o.set("imports", items(w.imports()));
        o.set("exports", items(w.exports()));
        o.put("package", w.packageIndex());
        docs(o, w.docs());
        stability(o, w.stability());
        return o;
    }

    private static ObjectNode items(Map<WorldKey, WorldItem> items) {
        ObjectNode o = F.objectNode();
        items.forEach((k, v) -> o.set(k instanceof WorldKey.Name n ? n.name() : "interface-" + ((WorldKey.OfInterface) k).index(), item(v)));
        return o;
    }

    private static ObjectNode item(WorldItem item) {
        ObjectNode o = F.objectNode();
        if (item instanceof WorldItem.OfInterface i) {
            ObjectNode inner = o.putObject("interface");
            inner.put("id", i.index());
            stability(inner, i.stability());
        } else if (item instanceof WorldItem.OfFunction f) {
            o.set("function", function(f.function()));
        } else {
            o.put("type", ((WorldItem.OfType) item).index());
        }
        return o;
    }

    private static ObjectNode iface(Interface i) {
        ObjectNode o = F.objectNode();
        if (i.name() == null) {
            o.putNull("name");
        } else {
            o.put("name", i.name());
        }
        ObjectNode types = o.putObject("types");
        i.types().forEach(types::put);
        ObjectNode funcs = o.putObject("functions");
        i.functions().forEach((n, f) -> funcs.set(n, function(f)));
        docs(o, i.docs());
        stability(o, i.stability());
        if (i.packageIndex() == null) {
            o.putNull("package");
        } else {
            o.put("package", i.packageIndex());
        }
        return o;
    }

    private static ObjectNode function(Function f) {
        ObjectNode o = F.objectNode();
        o.put("name", f.name());
        Function.FunctionKind k = f.kind();
        if (k instanceof Function.Freestanding fs) {
            o.put("kind", fs.async() ? "async-freestanding" : "freestanding");
        } else {
            String key = k instanceof Function.Method ? "method" : k instanceof Function.Static ? "static" : "constructor";
            o.putObject("kind").put((k.async() ? "async-" : "") + key, k.resource());
        }
        ArrayNode params = o.putArray("params");
        for (Function.Param p : f.params()) {
            ObjectNode po = params.addObject();
            po.put("name", p.name());
            po.set("type", ty(p.type()));
        }
        if (f.result() != null) {
            o.set("result", ty(f.result()));
        }
        docs(o, f.docs());
        stability(o, f.stability());
        return o;
    }

    private static ObjectNode type(TypeDef t) {
        ObjectNode o = F.objectNode();
        if (t.name() == null) {
            o.putNull("name");
        } else {
            o.put("name", t.name());
        }
        o.set("kind", kind(t.kind()));
        if (t.owner() instanceof TypeOwner.OfInterface i) {
            o.putObject("owner").put("interface", i.index());
        } else if (t.owner() instanceof TypeOwner.OfWorld w) {
            o.putObject("owner").put("world", w.index());
        } else {
            o.putNull("owner");
        }
        docs(o, t.docs());
        stability(o, t.stability());
        return o;
    }

    private static JsonNode kind(TypeDefKind k) {
        ObjectNode o = F.objectNode();
        if (k instanceof TypeDefKind.Resource) {
            return F.textNode("resource");
        } else if (k instanceof TypeDefKind.Unknown) {
            return F.textNode("unknown");
        } else if (k instanceof TypeDefKind.Handle h) {
            o.putObject("handle").put(h.own() ? "own" : "borrow", h.resource());
        } else if (k instanceof TypeDefKind.Record r) {
            ArrayNode fields = o.putObject("record").putArray("fields");
            for (TypeDefKind.Field f : r.fields()) {
                ObjectNode fo = fields.addObject();
                fo.put("name", f.name());
                fo.set("type", ty(f.type()));
                docs(fo, f.docs());
            }
        } else if (k instanceof TypeDefKind.Flags fl) {
            ArrayNode flags = o.putObject("flags").putArray("flags");
            for (TypeDefKind.Flag f : fl.flags()) {
                ObjectNode fo = flags.addObject();
                fo.put("name", f.name());
                docs(fo, f.docs());
            }
        } else if (k instanceof TypeDefKind.Tuple t) {
            ArrayNode types = o.putObject("tuple").putArray("types");
            t.types().forEach(x -> types.add(ty(x)));
        } else if (k instanceof TypeDefKind.Variant v) {
            ArrayNode cases = o.putObject("variant").putArray("cases");
            for (TypeDefKind.Case c : v.cases()) {
                ObjectNode co = cases.addObject();
                co.put("name", c.name());
                co.set("type", ty(c.type()));
                docs(co, c.docs());
            }
        } else if (k instanceof TypeDefKind.Enum e) {
            ArrayNode cases = o.putObject("enum").putArray("cases");
            for (TypeDefKind.EnumCase c : e.cases()) {
                ObjectNode co = cases.addObject();
                co.put("name", c.name());
                docs(co, c.docs());
            }
        } else if (k instanceof TypeDefKind.Option op) {
            o.set("option", ty(op.type()));
        } else if (k instanceof TypeDefKind.Result r) {
            ObjectNode ro = o.putObject("result");
            ro.set("ok", ty(r.ok()));
            ro.set("err", ty(r.err()));
        } else if (k instanceof TypeDefKind.ListOf l) {
            o.set("list", ty(l.type()));
        } else if (k instanceof TypeDefKind.MapOf m) {
            o.putArray("map").add(ty(m.key())).add(ty(m.value()));
        } else if (k instanceof TypeDefKind.FixedSizeList l) {
            o.putArray("fixed-length-list").add(ty(l.type())).add(l.size());
        } else if (k instanceof TypeDefKind.Future f) {
            o.set("future", ty(f.type()));
        } else if (k instanceof TypeDefKind.Stream s) {
            o.set("stream", ty(s.type()));
        } else if (k instanceof TypeDefKind.Alias a) {
            o.set("type", ty(a.type()));
        }
        return o;
    }

    private static JsonNode ty(Type t) {
        if (t == null) {
            return F.nullNode();
        }
        if (t instanceof Type.Primitive p) {
            return F.textNode(p.witName());
        }
        return F.numberNode(((Type.Id) t).index());
    }

    private static ObjectNode pkg(Package p) {
        ObjectNode o = F.objectNode();
        o.put("name", p.name().toString());
        docs(o, p.docs());
        ObjectNode is = o.putObject("interfaces");
        p.interfaces().forEach(is::put);
        ObjectNode ws = o.putObject("worlds");
        p.worlds().forEach(ws::put);
        return o;
    }

    private static void docs(ObjectNode o, String docs) {
        if (docs != null) {
            o.putObject("docs").put("contents", docs);
        }
    }

    private static void stability(ObjectNode o, Stability s) {
        if (s instanceof Stability.Stable st) {
            ObjectNode in = o.putObject("stability").putObject("stable");
            in.put("since", st.since());
            if (st.deprecated() != null) {
                in.put("deprecated", st.deprecated());
            }
        } else if (s instanceof Stability.Unstable u) {
            ObjectNode in = o.putObject("stability").putObject("unstable");
            in.put("feature", u.feature());
            if (u.deprecated() != null) {
                in.put("deprecated", u.deprecated());
            }
        }
    }
}
