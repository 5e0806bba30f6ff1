package dev.jwt.binary.component;

import java.util.List;

/**
 * {@code component}: a component binary, its sections in binary order. Index spaces are not
 * merged here; a consumer walks the sections in order, as validation does.
 *
 * @param sections every section, custom ones included, in binary order
 * @param names    the decoded {@code component-name} custom section, if there is one and it decoded;
 *                 a view only: the raw section stays among {@code sections}. Null when absent.
 */
public record Component(List<ComponentSection> sections, ComponentNameSection names) {
    public Component {
        sections = List.copyOf(sections);
    }

    /** A component without a decoded name section (the encoder ignores {@code names} anyway). */
    public Component(List<ComponentSection> sections) {
        this(sections, null);
    }
}
