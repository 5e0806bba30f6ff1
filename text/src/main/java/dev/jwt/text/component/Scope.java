package dev.jwt.text.component;

import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentInstance;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.ComponentStart;
import dev.jwt.binary.component.ComponentValue;
import dev.jwt.binary.component.CoreInstance;
import dev.jwt.binary.component.CoreType;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.Module;
import dev.jwt.text.wat.Space;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * One scope of the component text format: a component, a component type or an instance type.
 * Each has its own index spaces (one per {@link Sort}, with the ids that name entries) and collects
 * what it defines in order: sections for a component, declarations for a type. Outer aliases count
 * scopes through {@link #parent}.
 */
final class Scope {
    enum Kind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE }

    final Kind kind;
    final Scope parent;
    /** The scope's {@code $id} (without the dollar), for outer aliases that name it; may be null. */
    final String id;
    private final EnumMap<Sort, Space> spaces = new EnumMap<>(Sort.class);

    /** A component's finished sections. */
    final List<ComponentSection> sections = new ArrayList<>();
    /** The section being filled (vector sections only): its id and items. */
    private int openId = -1;
    private List<Object> open = new ArrayList<>();

    /** The exports written inline in definitions, added after the last field. */
    final List<ComponentExport> inlineExports = new ArrayList<>();

    /** A component or instance type's declarations. */
    final List<ComponentDecl> decls = new ArrayList<>();

    Scope(Kind kind, Scope parent, String id) {
        this.kind = kind;
        this.parent = parent;
        this.id = id;
        for (Sort s : Sort.values()) {
            spaces.put(s, new Space(s.text()));
        }
    }

    Space space(Sort s) {
        return spaces.get(s);
    }

    /** Whether the component has its start function already (it may have only one). */
    boolean hasStart;

    boolean isComponent() {
        return kind == Kind.COMPONENT;
    }

    /** Appends an item to the section of id {@code id}, starting a new section when the last one differs. */
    void add(int id, Object item) {
        if (openId != id) {
            flush();
            openId = id;
        }
        open.add(item);
    }

    /** Appends a section that holds one item (a core module, a component, start, custom). */
    void addSingle(ComponentSection s) {
        flush();
        sections.add(s);
    }

    @SuppressWarnings("unchecked")
    void flush() {
        if (openId < 0) {
            return;
        }
        List<?> items = open;
        ComponentSection s = switch (openId) {
            case ComponentSection.CORE_INSTANCE -> new ComponentSection.CoreInstanceSection((List<CoreInstance>) items);
            case ComponentSection.CORE_TYPE -> new ComponentSection.CoreTypeSection((List<CoreType>) items);
            case ComponentSection.INSTANCE -> new ComponentSection.InstanceSection((List<ComponentInstance>) items);
            case ComponentSection.ALIAS -> new ComponentSection.AliasSection((List<Alias>) items);
            case ComponentSection.TYPE -> new ComponentSection.TypeSection((List<DefType>) items);
            case ComponentSection.CANON -> new ComponentSection.CanonSection((List<Canon>) items);
            case ComponentSection.IMPORT -> new ComponentSection.ImportSection((List<ComponentImport>) items);
            case ComponentSection.EXPORT -> new ComponentSection.ExportSection((List<ComponentExport>) items);
            case ComponentSection.VALUE -> new ComponentSection.ValueSection((List<ComponentValue>) items);
            default -> throw new IllegalStateException("not a vector section: " + openId);
        };
        sections.add(s);
        openId = -1;
        open = new ArrayList<>();
    }

    static ComponentSection module(Module m) {
        return new ComponentSection.CoreModuleSection(m);
    }

    static ComponentSection component(Component c) {
        return new ComponentSection.NestedComponentSection(c);
    }

    static ComponentSection start(ComponentStart s) {
        return new ComponentSection.StartSection(s);
    }

    static ComponentSection custom(CustomSection c) {
        return new ComponentSection.Custom(c);
    }
}
