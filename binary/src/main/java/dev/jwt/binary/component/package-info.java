/**
 * The Component Model binary format as a model: one immutable record or sealed interface per
 * production of the spec's {@code Binary.md}, named in its words. {@link Component} keeps its
 * sections in binary order, because component sections interleave and repeat and each index
 * space grows as definitions are met; so {@code encode(decode(b))} gives {@code b} back.
 *
 * <p>Nested core modules reuse {@link dev.jwt.binary.module.Module}; core types reuse
 * {@link dev.jwt.binary.types}. {@code ComponentDecoder} and {@code ComponentEncoder} read and
 * write the bytes.
 */
package dev.jwt.binary.component;
