package dev.jwt.wit.resolve;

import java.util.Map;

/** An interface: named in a package, or anonymous (inline in a world). Maps keep source order. */
public record Interface(String name, Map<String, Integer> types, Map<String, Function> functions, String docs,
        Stability stability, Integer packageIndex) {}
