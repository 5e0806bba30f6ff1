package dev.jwt.binary.module;

import java.util.List;

/**
 * The decoded {@code name} custom section. Every map is a list of (index, name) in section order;
 * indirect maps (locals, labels, fields) are lists of (outer index, map).
 */
public record NameSection(
        String moduleName,
        List<Naming> functions,
        List<IndirectNaming> locals,
        List<IndirectNaming> labels,
        List<Naming> types,
        List<Naming> tables,
        List<Naming> memories,
        List<Naming> globals,
        List<Naming> elements,
        List<Naming> data,
        List<IndirectNaming> fields,
        List<Naming> tags) {

    public record Naming(int index, String name) {}

    public record IndirectNaming(int index, List<Naming> names) {
        public IndirectNaming {
            names = List.copyOf(names);
        }
    }

    public static final NameSection EMPTY = new NameSection(null, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
}
