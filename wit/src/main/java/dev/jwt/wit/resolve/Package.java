package dev.jwt.wit.resolve;

import java.util.Map;

/** A package: its interfaces and worlds by name, in source order. */
public record Package(PackageName name, String docs, Map<String, Integer> interfaces, Map<String, Integer> worlds) {}
