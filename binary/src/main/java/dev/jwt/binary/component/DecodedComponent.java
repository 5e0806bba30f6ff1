package dev.jwt.binary.component;

import java.util.List;

/**
 * A decoded component with where its parts lie in the binary, for error places (validation) and
 * {@code objdump}. {@code places.get(i)} describes {@code component.sections().get(i)}.
 */
public record DecodedComponent(Component component, List<SectionPlace> places) {
    public DecodedComponent {
        places = List.copyOf(places);
    }

    /**
     * Where one section lies.
     *
     * @param offset        offset of the section id byte
     * @param contentOffset offset of the first content byte (after the size)
     * @param size          content size
     * @param itemOffsets   offset of each item of a vector section (first byte of the item); for a
     *                      start section its one item; empty for custom, module and component
     *                      sections. Do not modify.
     * @param nested        for a nested component section its own layout
     *                      ({@link DecodedComponent}); for a core module section its
     *                      {@link dev.jwt.binary.DecodedModule}; else null
     */
    public record SectionPlace(long offset, long contentOffset, int size, long[] itemOffsets, Object nested) {
        public long end() {
            return contentOffset + size;
        }
    }
}
