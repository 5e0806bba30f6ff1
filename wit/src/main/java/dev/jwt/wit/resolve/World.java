package dev.jwt.wit.resolve;

import java.util.Map;

/** A world, elaborated: its imports and exports, in wit-parser's order. */
public record World(String name, Map<WorldKey, WorldItem> imports, Map<WorldKey, WorldItem> exports, int packageIndex,
        String docs, Stability stability) {}
