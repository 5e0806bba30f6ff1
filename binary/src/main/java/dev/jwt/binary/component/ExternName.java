package dev.jwt.binary.component;

import java.util.List;

/**
 * {@code nameattributes}: an import or export name with its attributes.
 *
 * @param name       the {@code externname} text (e.g. {@code "wasi:cli/run@0.2.0"}, {@code "[method]r.m"})
 * @param prefix     the leading byte: {@code 0x00} and {@code 0x01} are the two redundant plain
 *                   forms (a 1.0 wart; both are kept so the bytes round-trip), {@code 0x02} carries
 *                   attributes
 * @param attributes the attributes; empty unless {@code prefix} is {@link #WITH_ATTRIBUTES}
 */
public record ExternName(String name, int prefix, List<Attribute> attributes) {
    /** The prefix of a plain name, the one encoders write. */
    public static final int PLAIN = 0x00;
    /** The second, legacy plain prefix (once "interface name"). */
    public static final int PLAIN_LEGACY = 0x01;
    /** The prefix of a name followed by a vector of attributes. */
    public static final int WITH_ATTRIBUTES = 0x02;

    public ExternName {
        attributes = List.copyOf(attributes);
    }

    /** A plain name (prefix 0x00), the usual encoding. */
    public static ExternName of(String name) {
        return new ExternName(name, PLAIN, List.of());
    }

    /** {@code attribute}: 🏷️ implements, 🔗 versionsuffix, 🏷️ external-id. */
    public sealed interface Attribute {
        /** The leading byte of this attribute. */
        int code();

        /** {@code (implements "in")}: the interface an instance import or export implements. */
        record Implements(String interfaceName) implements Attribute {
            public int code() { return 0x00; }
        }

        /** {@code (versionsuffix "vs")}: semver text after the canonical version. */
        record VersionSuffix(String suffix) implements Attribute {
            public int code() { return 0x01; }
        }

        /** {@code (external-id n)}. */
        record ExternalId(String id) implements Attribute {
            public int code() { return 0x02; }
        }
    }
}
