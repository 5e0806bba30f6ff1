package dev.jwt.binary.module;

import dev.jwt.binary.types.GlobalType;

public record Global(GlobalType type, ConstExpr init) {
}
