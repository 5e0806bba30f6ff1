package dev.jwt.binary.module;

/**
 * Where one section of a decoded binary lies, for {@code objdump} and {@code --print-offsets}.
 *
 * @param id            which section
 * @param name          the custom section's name; for other sections {@link SectionId#text()}
 * @param offset        offset of the section id byte
 * @param contentOffset offset of the first content byte (after the size)
 * @param size          content size in bytes
 * @param count         number of items (the list length it starts with); 1 for start and data
 *                      count; 0 for custom sections
 * @param itemOffsets   offset of each item (type: each rec group; code: each entry's size field;
 *                      others: each entry's first byte); empty for custom sections. Do not modify.
 */
public record SectionRange(SectionId id, String name, long offset, long contentOffset, int size, int count,
        long[] itemOffsets) {

    /** The offset just past the section's contents. */
    public long end() {
        return contentOffset + size;
    }

    public long itemOffset(int i) {
        return itemOffsets[i];
    }
}
