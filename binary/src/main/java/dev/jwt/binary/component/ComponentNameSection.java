package dev.jwt.binary.component;

import dev.jwt.binary.module.NameSection.Naming;
import java.util.List;

/**
 * The decoded {@code component-name} custom section: the component's own name and a name map per
 * sort ({@code sortnamesubsec}), in section order. The printer uses it for {@code $names}.
 */
public record ComponentNameSection(String componentName, List<SortNames> sorts) {
    public ComponentNameSection {
        sorts = List.copyOf(sorts);
    }

    /** The custom section's name. */
    public static final String NAME = "component-name";

    /** {@code sortnames}: the names given to items of one sort. */
    public record SortNames(Sort sort, List<Naming> names) {
        public SortNames {
            names = List.copyOf(names);
        }
    }

    /** The names of one sort (the first map for it, as tools read them), or an empty list. */
    public List<Naming> namesOf(Sort sort) {
        for (SortNames s : sorts) {
            if (s.sort() == sort) {
                return s.names();
            }
        }
        return List.of();
    }
}
