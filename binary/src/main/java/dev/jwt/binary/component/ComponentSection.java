package dev.jwt.binary.component;

import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.Module;
import java.util.List;

/**
 * {@code section}: one section of a component, in binary order. Sections of the same id may
 * repeat and interleave; each adds to its index spaces in turn.
 */
public sealed interface ComponentSection {
    /** The section id byte. */
    int id();

    int CUSTOM = 0, CORE_MODULE = 1, CORE_INSTANCE = 2, CORE_TYPE = 3, COMPONENT = 4, INSTANCE = 5, ALIAS = 6,
            TYPE = 7, CANON = 8, START = 9, IMPORT = 10, EXPORT = 11, VALUE = 12;

    /** Section 0: a custom section, byte for byte ({@code after} is not used in components). */
    record Custom(CustomSection section) implements ComponentSection {
        public int id() { return CUSTOM; }
    }

    /** Section 1: one core module. */
    record CoreModuleSection(Module module) implements ComponentSection {
        public int id() { return CORE_MODULE; }
    }

    /** Section 2: core instances. */
    record CoreInstanceSection(List<CoreInstance> instances) implements ComponentSection {
        public CoreInstanceSection {
            instances = List.copyOf(instances);
        }

        public int id() { return CORE_INSTANCE; }
    }

    /** Section 3: core types (rec groups and module types). */
    record CoreTypeSection(List<CoreType> types) implements ComponentSection {
        public CoreTypeSection {
            types = List.copyOf(types);
        }

        public int id() { return CORE_TYPE; }
    }

    /** Section 4: one nested component. */
    record NestedComponentSection(Component component) implements ComponentSection {
        public int id() { return COMPONENT; }
    }

    /** Section 5: component instances. */
    record InstanceSection(List<ComponentInstance> instances) implements ComponentSection {
        public InstanceSection {
            instances = List.copyOf(instances);
        }

        public int id() { return INSTANCE; }
    }

    /** Section 6: aliases. */
    record AliasSection(List<Alias> aliases) implements ComponentSection {
        public AliasSection {
            aliases = List.copyOf(aliases);
        }

        public int id() { return ALIAS; }
    }

    /** Section 7: types. */
    record TypeSection(List<DefType> types) implements ComponentSection {
        public TypeSection {
            types = List.copyOf(types);
        }

        public int id() { return TYPE; }
    }

    /** Section 8: canonical definitions. */
    record CanonSection(List<Canon> canons) implements ComponentSection {
        public CanonSection {
            canons = List.copyOf(canons);
        }

        public int id() { return CANON; }
    }

    /** Section 9 🪙: the start function. */
    record StartSection(ComponentStart start) implements ComponentSection {
        public int id() { return START; }
    }

    /** Section 10: imports. */
    record ImportSection(List<ComponentImport> imports) implements ComponentSection {
        public ImportSection {
            imports = List.copyOf(imports);
        }

        public int id() { return IMPORT; }
    }

    /** Section 11: exports. */
    record ExportSection(List<ComponentExport> exports) implements ComponentSection {
        public ExportSection {
            exports = List.copyOf(exports);
        }

        public int id() { return EXPORT; }
    }

    /** Section 12 🪙: values. */
    record ValueSection(List<ComponentValue> values) implements ComponentSection {
        public ValueSection {
            values = List.copyOf(values);
        }

        public int id() { return VALUE; }
    }
}
