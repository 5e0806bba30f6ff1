package dev.jwt.wit.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwt.wit.WitException;
import dev.jwt.wit.resolve.Function;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Package;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Stability;
import dev.jwt.wit.resolve.TypeDef;
import dev.jwt.wit.resolve.TypeDefKind;
import dev.jwt.wit.resolve.World;
import dev.jwt.wit.resolve.WorldItem;
import dev.jwt.wit.resolve.WorldKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code package-docs} custom section of a binary WIT package: docs and stability, which the
 * component model cannot hold, as a version byte ({@code 1}) followed by JSON in wit-parser's
 * layout (keys in its order, empty entries left out).
 */
public final class PackageMetadata {
    public static final String SECTION_NAME = "package-docs";
    /** The format version written; 0 (docs only, no stability) is read as well. */
    public static final int VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PackageMetadata() {}

    // ---- encoding ---------------------------------------------------------------------------------

    /** The section's contents for package {@code pkg}. */
    public static byte[] encode(Resolve resolve, int pkg) {
        Package p = resolve.packages().get(pkg);
        ObjectNode o = F.objectNode();
        putString(o, "docs", p.docs());
        ObjectNode worlds = F.objectNode();
        p.worlds().forEach((name, id) -> putNonEmpty(worlds, name, world(resolve, resolve.worlds().get(id))));
        putNonEmpty(o, "worlds", worlds);
        ObjectNode ifaces = F.objectNode();
        p.interfaces().forEach((name, id) -> putNonEmpty(ifaces, name, iface(resolve, resolve.interfaces().get(id), null)));
        putNonEmpty(o, "interfaces", ifaces);
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] out = new byte[json.length + 1];
        out[0] = VERSION;
        System.arraycopy(json, 0, out, 1, json.length);
        return out;
    }

    private static ObjectNode world(Resolve resolve, World w) {
        ObjectNode imports = F.objectNode();
        ObjectNode types = F.objectNode();
        ObjectNode funcs = F.objectNode();
        ObjectNode ifaceExports = F.objectNode();
        ObjectNode funcExports = F.objectNode();
        ObjectNode importStability = F.objectNode();
        ObjectNode exportStability = F.objectNode();
        ObjectNode importDocs = F.objectNode();
        ObjectNode exportDocs = F.objectNode();
        for (int pass = 0; pass < 2; pass++) {
            boolean isImport = pass == 0;
            for (Map.Entry<WorldKey, WorldItem> e : (isImport ? w.imports() : w.exports()).entrySet()) {
                WorldKey key = e.getKey();
                WorldItem item = e.getValue();
                String keyName = WitEncoder.worldKeyName(resolve, key);
                if (item instanceof WorldItem.OfInterface i) {
                    Interface iface = resolve.interfaces().get(i.index());
                    if (key instanceof WorldKey.Name && iface.name() == null) {
                        putNonEmpty(isImport ? imports : ifaceExports, keyName, iface(resolve, iface, i.docs()));
                    } else {
                        if (!(i.stability() instanceof Stability.Unknown)) {
                            (isImport ? importStability : exportStability).set(keyName, stability(i.stability()));
                        }
                        putString(isImport ? importDocs : exportDocs, keyName, i.docs());
                    }
                } else if (item instanceof WorldItem.OfType t) {
                    putNonEmpty(types, keyName, type(resolve.types().get(t.index())));
                } else {
                    putNonEmpty(isImport ? funcs : funcExports, keyName, function(((WorldItem.OfFunction) item).function()));
                }
            }
        }
        ObjectNode o = F.objectNode();
        putString(o, "docs", w.docs());
        putStability(o, w.stability());
        putNonEmpty(o, "interfaces", imports);
        putNonEmpty(o, "types", types);
        putNonEmpty(o, "funcs", funcs);
        putNonEmpty(o, "interface_exports", ifaceExports);
        putNonEmpty(o, "func_exports", funcExports);
        putNonEmpty(o, "interface_import_stability", importStability);
        putNonEmpty(o, "interface_export_stability", exportStability);
        putNonEmpty(o, "interface_import_docs", importDocs);
        putNonEmpty(o, "interface_export_docs", exportDocs);
        return o;
    }

    private static ObjectNode iface(Resolve resolve, Interface i, String fallbackDocs) {
        ObjectNode o = F.objectNode();
        putString(o, "docs", i.docs() != null ? i.docs() : fallbackDocs);
        putStability(o, i.stability());
        ObjectNode funcs = F.objectNode();
        i.functions().forEach((name, f) -> putNonEmpty(funcs, name, function(f)));
        putNonEmpty(o, "funcs", funcs);
        ObjectNode types = F.objectNode();
        i.types().forEach((name, t) -> putNonEmpty(types, name, type(resolve.types().get(t))));
        putNonEmpty(o, "types", types);
        return o;
    }

    private static ObjectNode function(Function f) {
        ObjectNode o = F.objectNode();
        putString(o, "docs", f.docs());
        putStability(o, f.stability());
        return o;
    }

    private static ObjectNode type(TypeDef t) {
        ObjectNode o = F.objectNode();
        putString(o, "docs", t.docs());
        putStability(o, t.stability());
        ObjectNode items = F.objectNode();
        TypeDefKind k = t.kind();
        if (k instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> putString(items, f.name(), f.docs()));
        } else if (k instanceof TypeDefKind.Flags fl) {
            fl.flags().forEach(f -> putString(items, f.name(), f.docs()));
        } else if (k instanceof TypeDefKind.Variant v) {
            v.cases().forEach(c -> putString(items, c.name(), c.docs()));
        } else if (k instanceof TypeDefKind.Enum en) {
            en.cases().forEach(c -> putString(items, c.name(), c.docs()));
        }
        putNonEmpty(o, "items", items);
        return o;
    }

    /** wit-parser's serde form: {@code {"stable":{"since":..,"deprecated":..}}} or {@code {"unstable":{"feature":..}}}. */
    private static ObjectNode stability(Stability s) {
        ObjectNode o = F.objectNode();
        if (s instanceof Stability.Stable st) {
            ObjectNode in = o.putObject("stable");
            in.put("since", st.since());
            putString(in, "deprecated", st.deprecated());
        } else if (s instanceof Stability.Unstable u) {
            ObjectNode in = o.putObject("unstable");
            in.put("feature", u.feature());
            putString(in, "deprecated", u.deprecated());
        }
        return o;
    }

    private static void putStability(ObjectNode o, Stability s) {
        if (!(s instanceof Stability.Unknown)) {
            o.set("stability", stability(s));
        }
    }

    private static void putString(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static void putNonEmpty(ObjectNode o, String key, ObjectNode value) {
        if (!value.isEmpty()) {
            o.set(key, value);
        }
    }

    // ---- decoding -----------------------------------------------------------------------------------

    /**
     * Applies a {@code package-docs} section to package {@code pkg}: its docs and stability replace
     * what the binary could not say.
     */
    public static Resolve apply(byte[] data, Resolve resolve, int pkg) {
        if (data.length == 0 || (data[0] != 0 && data[0] != VERSION)) {
            throw new WitException("expected package-docs version " + VERSION + ", got "
                    + (data.length == 0 ? "None" : "Some(" + (data[0] & 0xff) + ")"), null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(data, 1, data.length - 1, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WitException("malformed package-docs section: " + e.getMessage(), null);
        }
        Editor ed = new Editor(resolve);
        Package p = resolve.packages().get(pkg);
        if (root.hasNonNull("docs")) {
            ed.packages.set(pkg, new Package(p.name(), root.get("docs").asText(), p.interfaces(), p.worlds()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("worlds").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Integer id = p.worlds().get(e.getKey());
            if (id != null) {
                ed.world(id, e.getValue());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("interfaces").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Integer id = p.interfaces().get(e.getKey());
            if (id != null) {
                ed.iface(id, e.getValue());
            }
        }
        return new Resolve(ed.worlds, ed.interfaces, ed.types, ed.packages);
    }

    /** Mutable copies of the Resolve's arenas while docs are put back. */
    private static final class Editor {
        final List<World> worlds;
        final List<Interface> interfaces;
        final List<TypeDef> types;
        final List<Package> packages;

        Editor(Resolve r) {
            worlds = new ArrayList<>(r.worlds());
            interfaces = new ArrayList<>(r.interfaces());
            types = new ArrayList<>(r.types());
            packages = new ArrayList<>(r.packages());
        }

        void iface(int id, JsonNode n) {
            Interface i = interfaces.get(id);
            Map<String, Function> funcs = new LinkedHashMap<>(i.functions());
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("funcs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Function f = funcs.get(e.getKey());
                if (f != null) {
                    funcs.put(e.getKey(), function(f, e.getValue()));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("types").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Integer t = i.types().get(e.getKey());
                if (t != null) {
                    type(t, e.getValue());
                }
            }
            interfaces.set(id, new Interface(i.name(), i.types(), funcs, n.hasNonNull("docs") ? n.get("docs").asText() : i.docs(),
                    stability(n.get("stability")), i.packageIndex()));
        }

        void type(int id, JsonNode n) {
            TypeDef t = types.get(id);
            TypeDefKind k = t.kind();
            JsonNode items = n.path("items");
            if (items.size() > 0) {
                if (k instanceof TypeDefKind.Record r) {
                    k = new TypeDefKind.Record(r.fields().stream().map(f -> new TypeDefKind.Field(f.name(), f.type(), text(items, f.name(), f.docs()))).toList());
                } else if (k instanceof TypeDefKind.Flags fl) {
                    k = new TypeDefKind.Flags(fl.flags().stream().map(f -> new TypeDefKind.Flag(f.name(), text(items, f.name(), f.docs()))).toList());
                } else if (k instanceof TypeDefKind.Variant v) {
                    k = new TypeDefKind.Variant(v.cases().stream().map(c -> new TypeDefKind.Case(c.name(), c.type(), text(items, c.name(), c.docs()))).toList());
                } else if (k instanceof TypeDefKind.Enum en) {
                    k = new TypeDefKind.Enum(en.cases().stream().map(c -> new TypeDefKind.EnumCase(c.name(), text(items, c.name(), c.docs()))).toList());
                }
            }
            types.set(id, new TypeDef(t.name(), k, t.owner(), n.hasNonNull("docs") ? n.get("docs").asText() : t.docs(), stability(n.get("stability"))));
        }

        void world(int id, JsonNode n) {
            World w = worlds.get(id);
            Map<WorldKey, WorldItem> imports = new LinkedHashMap<>(w.imports());
            Map<WorldKey, WorldItem> exports = new LinkedHashMap<>(w.exports());
            namedInterfaces(n.path("interfaces"), imports, exports);
            namedInterfaces(n.path("interface_exports"), exports, exports);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("types").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (imports.get(new WorldKey.Name(e.getKey())) instanceof WorldItem.OfType t) {
                    type(t.index(), e.getValue());
                }
            }
            interfaceItems(n.path("interface_import_stability"), imports, true);
            interfaceItems(n.path("interface_export_stability"), exports, true);
            interfaceItems(n.path("interface_import_docs"), imports, false);
            interfaceItems(n.path("interface_export_docs"), exports, false);
            functions(n.path("funcs"), imports, exports);
            functions(n.path("func_exports"), exports, exports);
            worlds.set(id, new World(w.name(), imports, exports, w.packageIndex(),
                    n.hasNonNull("docs") ? n.get("docs").asText() : w.docs(), stability(n.get("stability"))));
        }

        private void namedInterfaces(JsonNode map, Map<WorldKey, WorldItem> first, Map<WorldKey, WorldItem> second) {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                WorldKey key = new WorldKey.Name(e.getKey());
                WorldItem item = first.containsKey(key) ? first.get(key) : second.get(key);
                if (item instanceof WorldItem.OfInterface i) {
                    iface(i.index(), e.getValue());
                    Map<WorldKey, WorldItem> m = first.containsKey(key) ? first : second;
                    m.put(key, i.withStability(stability(e.getValue().get("stability"))));
                }
            }
        }

        private void interfaceItems(JsonNode map, Map<WorldKey, WorldItem> items, boolean isStability) {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                for (Map.Entry<WorldKey, WorldItem> item : items.entrySet()) {
                    if (item.getValue() instanceof WorldItem.OfInterface i && keyName(item.getKey()).equals(e.getKey())) {
                        item.setValue(isStability ? i.withStability(stability(e.getValue()))
                                : new WorldItem.OfInterface(i.index(), i.stability(), e.getValue().asText()));
                    }
                }
            }
        }

        private void functions(JsonNode map, Map<WorldKey, WorldItem> first, Map<WorldKey, WorldItem> second) {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                WorldKey key = new WorldKey.Name(e.getKey());
                Map<WorldKey, WorldItem> m = first.containsKey(key) ? first : second;
                if (m.get(key) instanceof WorldItem.OfFunction f) {
                    m.put(key, new WorldItem.OfFunction(function(f.function(), e.getValue())));
                }
            }
        }

        private String keyName(WorldKey key) {
            if (key instanceof WorldKey.Name n) {
                return n.name();
            }
            Interface i = interfaces.get(((WorldKey.OfInterface) key).index());
            return WitEncoder.interfaceId(packages.get(i.packageIndex()).name(), i.name());
        }
    }

    /** Version 0 wrote a function's docs as a bare string; version 1 an object. */
    private static Function function(Function f, JsonNode n) {
        if (n.isTextual() || n.isNull()) {
            return new Function(f.name(), f.kind(), f.params(), f.result(), n.isNull() ? null : n.asText(), f.stability());
        }
        return new Function(f.name(), f.kind(), f.params(), f.result(), n.hasNonNull("docs") ? n.get("docs").asText() : null,
                stability(n.get("stability")));
    }

    private static String text(JsonNode items, String name, String otherwise) {
        return items.hasNonNull(name) ? items.get(name).asText() : otherwise;
    }

    private static Stability stability(JsonNode n) {
        if (n == null || n.isNull()) {
            return Stability.UNKNOWN;
        }
        if (n.has("stable")) {
            JsonNode s = n.get("stable");
            return new Stability.Stable(s.path("since").asText(), s.hasNonNull("deprecated") ? s.get("deprecated").asText() : null);
        }
        if (n.has("unstable")) {
            JsonNode s = n.get("unstable");
            return new Stability.Unstable(s.path("feature").asText(), s.hasNonNull("deprecated") ? s.get("deprecated").asText() : null);
        }
        return Stability.UNKNOWN;
    }
}
