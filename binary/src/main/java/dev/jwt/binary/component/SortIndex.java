package dev.jwt.binary.component;

/**
 * {@code sortidx} and {@code core:sortidx}: an index into one index space. In a core context
 * (core inline exports) the sort is one of the {@code CORE_*} sorts.
 */
public record SortIndex(Sort sort, int index) {
}
