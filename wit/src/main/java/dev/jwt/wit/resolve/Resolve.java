package dev.jwt.wit.resolve;

import java.util.List;

/**
 * A fully resolved set of WIT packages, laid out as wit-parser's {@code Resolve}: arenas of worlds,
 * interfaces, types and packages that refer to each other by index, packages in dependency order.
 */
public record Resolve(List<World> worlds, List<Interface> interfaces, List<TypeDef> types, List<Package> packages) {
    public Resolve {
        worlds = List.copyOf(worlds);
        interfaces = List.copyOf(interfaces);
        types = List.copyOf(types);
        packages = List.copyOf(packages);
    }
}
