package dev.jwt.binary.module;

import dev.jwt.binary.types.TableType;

/** A defined table, with its initialiser expression when it has one (function references). */
public record Table(TableType type, ConstExpr init) {
}
