package dev.jwt.wit.resolve;

import dev.jwt.wit.parse.Ast;
import dev.jwt.wit.parse.Span;
import java.util.List;

/** The parsed pieces of one package: its name and, per file (or nested block), that file's items. */
public record PackageSource(PackageName name, Span nameSpan, String docs, List<List<Ast.Item>> declLists) {}
