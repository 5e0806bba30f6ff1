package dev.jwt.binary;

import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.SectionRange;
import java.util.List;

/**
 * A decoded module with the layout of the binary it came from: every section (custom ones
 * included) in binary order, with offsets, sizes, item counts and item offsets. {@link Module}
 * itself stays a pure model; tools that show places ({@code objdump}, {@code print --print-offsets})
 * use this.
 */
public record DecodedModule(Module module, List<SectionRange> sections) {
    public DecodedModule {
        sections = List.copyOf(sections);
    }
}
