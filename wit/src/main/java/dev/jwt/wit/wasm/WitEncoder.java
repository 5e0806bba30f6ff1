package dev.jwt.wit.wasm;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.component.SortIndex;
import dev.jwt.binary.custom.ProducersSection;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Package;
import dev.jwt.wit.resolve.PackageName;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Type;
import dev.jwt.wit.resolve.TypeDef;
import dev.jwt.wit.resolve.TypeDefKind;
import dev.jwt.wit.resolve.TypeOwner;
import dev.jwt.wit.resolve.World;
import dev.jwt.wit.resolve.WorldItem;
import dev.jwt.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes a WIT package as a component, the binary WIT package of the component model
 * ({@code wasm-tools component wit --wasm}): for each interface a component type that imports the
 * interfaces it uses and exports {@code ns:pkg/name} as an instance, for each world a component
 * type wrapping the world's own component type; each exported by its plain name. Docs and
 * stability, which the binary format cannot hold, go into the {@code package-docs} section.
 */
public final class WitEncoder {
    /** The tool named in the {@code producers} section, as wasm-tools writes it. */
    public static final String PRODUCER = "wit-component";
    /** The version of wit-component in wasm-tools 1.257.1, whose output this encoder matches. */
    public static final String PRODUCER_VERSION = "0.257.1";

    private final Resolve resolve;
    private final int pkg;

    private WitEncoder(Resolve resolve, int pkg) {
        this.resolve = resolve;
        this.pkg = pkg;
    }

    /** Encodes package {@code pkg} of {@code resolve}, naming wit-component {@link #PRODUCER_VERSION} as its producer. */
    public static Component encode(Resolve resolve, int pkg) {
        return encode(resolve, pkg, PRODUCER_VERSION);
    }

    /** As {@link #encode(Resolve, int)}, with the version written in the {@code producers} section. */
    public static Component encode(Resolve resolve, int pkg, String producerVersion) {
        return new WitEncoder(resolve, pkg).encodePackage(producerVersion);
    }

    private Component encodePackage(String producerVersion) {
        Package p = resolve.packages().get(pkg);
        List<ComponentSection> sections = new ArrayList<>();
        int types = 0;
        for (Map.Entry<String, Integer> e : p.interfaces().entrySet()) {
            sections.add(new ComponentSection.TypeSection(List.of(new DefType.ComponentType(interfaceType(e.getValue())))));
            sections.add(exportType(e.getKey(), types));
            types += 2;
        }
        for (Map.Entry<String, Integer> e : p.worlds().entrySet()) {
            TypeEncoder wrapper = new TypeEncoder(resolve);
            int inner = wrapper.componentType(worldType(resolve, e.getValue()));
            wrapper.exportComponent(interfaceId(p.name(), e.getKey()), inner);
            sections.add(new ComponentSection.TypeSection(List.of(new DefType.ComponentType(wrapper.decls()))));
            sections.add(exportType(e.getKey(), types));
            types += 2;
        }
        sections.add(custom(PackageMetadata.SECTION_NAME, PackageMetadata.encode(resolve, pkg)));
        ProducersSection producers = new ProducersSection(List.of(new ProducersSection.Field("processed-by",
                List.of(new ProducersSection.Value(PRODUCER, producerVersion)))));
        sections.add(custom(ProducersSection.NAME, producers.encode().toArray()));
        return new Component(sections);
    }

    private static ComponentSection exportType(String name, int index) {
        return new ComponentSection.ExportSection(List.of(
                new ComponentExport(ExternName.of(name), new SortIndex(Sort.TYPE, index), Optional.empty())));
    }

    private static ComponentSection custom(String name, byte[] data) {
        return new ComponentSection.Custom(new CustomSection(name, Bytes.wrap(data), 0));
    }

    /**
     * An interface's component type: first every interface it depends on (transitively, deepest
     * first) imported with all its types, then the interface itself exported.
     */
    private List<ComponentDecl> interfaceType(int iface) {
        Set<Integer> live = new LinkedHashSet<>();
        addLive(live, iface);
        TypeEncoder enc = new TypeEncoder(resolve);
        for (int i : live) {
            String name = interfaceId(i);
            if (i == iface) {
                int ty = enc.instanceType(i);
                enc.exportInstance(ExternName.of(name), ty);
            } else {
                int ty = enc.typesOnlyInstanceType(i);
                enc.importInstance(ExternName.of(name), ty);
            }
        }
        return enc.decls();
    }

    private void addLive(Set<Integer> live, int iface) {
        if (live.contains(iface)) {
            return;
        }
        for (int dep : directDeps(resolve, iface)) {
            addLive(live, dep);
        }
        live.add(iface);
    }

    /** The interfaces whose types {@code iface} uses directly ({@code use} statements), in order. */
    static List<Integer> directDeps(Resolve resolve, int iface) {
        Set<Integer> deps = new LinkedHashSet<>();
        for (int t : resolve.interfaces().get(iface).types().values()) {
            TypeDef def = resolve.types().get(t);
            if (def.kind() instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id id
                    && resolve.types().get(id.index()).owner() instanceof TypeOwner.OfInterface o && o.index() != iface) {
                deps.add(o.index());
            }
        }
        return new ArrayList<>(deps);
    }

    /** A world as a component type: its imports, then its exports, in the world's order. */
    static List<ComponentDecl> worldType(Resolve resolve, int worldId) {
        World w = resolve.worlds().get(worldId);
        TypeEncoder enc = new TypeEncoder(resolve);
        for (Map.Entry<WorldKey, WorldItem> e : w.imports().entrySet()) {
            String name = worldKeyName(resolve, e.getKey());
            if (e.getValue() instanceof WorldItem.OfInterface i) {
                int ty = enc.instanceType(i.index());
                enc.importInstance(externName(resolve, e.getKey(), i.index()), ty);
            } else if (e.getValue() instanceof WorldItem.OfFunction f) {
                enc.importFunc(name, f.function());
            } else {
                enc.importType(((WorldItem.OfType) e.getValue()).index());
            }
        }
        for (Map.Entry<WorldKey, WorldItem> e : w.exports().entrySet()) {
            String name = worldKeyName(resolve, e.getKey());
            if (e.getValue() instanceof WorldItem.OfInterface i) {
                int ty = enc.instanceType(i.index());
                enc.exportInstance(externName(resolve, e.getKey(), i.index()), ty);
            } else if (e.getValue() instanceof WorldItem.OfFunction f) {
                enc.exportFunc(name, f.function());
            } else {
                throw new IllegalStateException("a world cannot export a type: " + name);
            }
        }
        return enc.decls();
    }

    /**
     * The import or export name of an interface in a world; a plain name given to a named
     * interface ({@code import primary: store;}) carries an {@code implements} attribute.
     */
    private static ExternName externName(Resolve resolve, WorldKey key, int iface) {
        if (key instanceof WorldKey.Name n) {
            Interface i = resolve.interfaces().get(iface);
            if (i.name() != null && i.packageIndex() != null) {
                return new ExternName(n.name(), ExternName.WITH_ATTRIBUTES,
                        List.of(new ExternName.Attribute.Implements(interfaceId(resolve, iface))));
            }
            return ExternName.of(n.name());
        }
        return ExternName.of(interfaceId(resolve, iface));
    }

    /** wit-parser's {@code name_world_key}: the plain name, or the interface's id. */
    static String worldKeyName(Resolve resolve, WorldKey key) {
        return key instanceof WorldKey.Name n ? n.name() : interfaceId(resolve, ((WorldKey.OfInterface) key).index());
    }

    private String interfaceId(int iface) {
        return interfaceId(resolve, iface);
    }

    /** wit-parser's {@code id_of}: {@code ns:pkg/name@version}. */
    static String interfaceId(Resolve resolve, int iface) {
        Interface i = resolve.interfaces().get(iface);
        return interfaceId(resolve.packages().get(i.packageIndex()).name(), i.name());
    }

    static String interfaceId(PackageName p, String name) {
        return p.namespace() + ":" + p.name() + "/" + name + (p.version() == null ? "" : "@" + p.version());
    }
}
