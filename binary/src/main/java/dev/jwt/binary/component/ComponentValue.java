package dev.jwt.binary.component;

import dev.jwt.binary.module.Bytes;

/**
 * {@code value} 🪙: {@code t len v}. The encoded value {@code v} stays raw: decoding it needs the
 * type index space (a {@code typeidx} {@code t} is only known after validation).
 */
public record ComponentValue(ComponentValType type, Bytes value) {
}
