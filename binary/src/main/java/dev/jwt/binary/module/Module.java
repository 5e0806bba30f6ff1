package dev.jwt.binary.module;

import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.TagType;
import java.util.List;
import java.util.OptionalInt;

/**
 * A core WebAssembly module as its sections say it. Index spaces are not merged here: imports
 * come first in each index space, so function {@code i} is the i-th function import when
 * {@code i < importedFunctionCount()}, else {@code functions().get(i - imports)}.
 *
 * <p>{@code functions} holds the type index of each defined function; {@code code} their bodies,
 * in the same order. {@code customs} keep every custom section byte for byte with its position,
 * so the round trip is exact (DESIGN decision 3). {@code names} is the decoded {@code name} section
 * when there is one and it decoded; it is a view, the raw section stays in {@code customs}.
 */
public record Module(
        List<RecGroup> types,
        List<Import> imports,
        List<Integer> functions,
        List<Table> tables,
        List<MemoryType> memories,
        List<TagType> tags,
        List<Global> globals,
        List<Export> exports,
        OptionalInt start,
        List<ElementSegment> elements,
        OptionalInt dataCount,
        List<FuncBody> code,
        List<DataSegment> data,
        List<CustomSection> customs,
        NameSection names) {

    public Module {
        types = List.copyOf(types);
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        tags = List.copyOf(tags);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        code = List.copyOf(code);
        data = List.copyOf(data);
        customs = List.copyOf(customs);
    }
}
