package dev.jwt.wit.resolve;

/** {@code namespace:name@version}; the version may be null. */
public record PackageName(String namespace, String name, String version) implements Comparable<PackageName> {
    @Override
    public String toString() {
        return namespace + ":" + name + (version == null ? "" : "@" + version);
    }

    /** Orders as wit-parser's BTreeMap of package names: namespace, name, then version (none first). */
    @Override
    public int compareTo(PackageName o) {
        int c = namespace.compareTo(o.namespace);
        if (c == 0) {
            c = name.compareTo(o.name);
        }
        if (c == 0) {
            if (version == null || o.version == null) {
                return version == null ? (o.version == null ? 0 : -1) : 1;
            }
            c = Semver.compare(version, o.version);
        }
        return c;
    }
}
