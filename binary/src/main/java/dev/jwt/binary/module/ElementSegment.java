package dev.jwt.binary.module;

import dev.jwt.binary.types.RefType;
import java.util.List;

/**
 * An element segment. Items are function indices ({@code functionIndices}, encodings with elemkind
 * 0x00) or expressions ({@code expressions}); exactly one of the two lists is used, and
 * {@code usesExpressions} says which. {@code flags} is the binary encoding's 0-7 prefix, kept so
 * that re-encoding gives the same bytes.
 */
public record ElementSegment(
        Mode mode,
        int table,
        ConstExpr offset,
        RefType type,
        boolean usesExpressions,
        List<Integer> functionIndices,
        List<ConstExpr> expressions,
        int flags) {

    public enum Mode { ACTIVE, PASSIVE, DECLARATIVE }

    public ElementSegment {
        functionIndices = List.copyOf(functionIndices);
        expressions = List.copyOf(expressions);
    }

    public int size() {
        return usesExpressions ? expressions.size() : functionIndices.size();
    }
}
