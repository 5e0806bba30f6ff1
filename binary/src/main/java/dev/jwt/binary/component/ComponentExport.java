package dev.jwt.binary.component;

import java.util.Optional;

/**
 * {@code export}: {@code (export na si et?)}. The optional {@code type} is an ascription, which
 * validation checks to be a supertype of the exported item's type.
 */
public record ComponentExport(ExternName name, SortIndex item, Optional<ExternType> type) {
}
