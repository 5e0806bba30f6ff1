/**
 * The core WebAssembly binary format: model, decoder and encoder (DESIGN decisions 1-4).
 *
 * <ul>
 *   <li>{@link dev.jwt.binary.ModuleDecoder#decode(byte[])} gives a {@link dev.jwt.binary.module.Module};
 *       {@link dev.jwt.binary.ModuleDecoder#decodeDetailed(byte[])} also gives the layout of the binary
 *       ({@link dev.jwt.binary.DecodedModule}: one {@link dev.jwt.binary.module.SectionRange} per section, with
 *       offsets, sizes, item counts and item offsets). {@code new ModuleDecoder(false)} skips streaming the
 *       function bodies (the caller streams them itself, e.g. the validator).</li>
 *   <li>{@link dev.jwt.binary.ModuleEncoder#encode} writes a module canonically; custom sections go back
 *       where they were, so {@code encode(decode(b)) == b} for canonical input and
 *       {@code decode(encode(m)).equals(m)} for a decoded {@code m}.</li>
 *   <li>Function bodies and constant expressions stay {@link dev.jwt.binary.module.Bytes} windows;
 *       {@link dev.jwt.binary.code.InstructionReader} streams them to an
 *       {@link dev.jwt.binary.code.InstructionVisitor}, {@link dev.jwt.binary.code.InstructionWriter} encodes
 *       visited instructions, {@link dev.jwt.binary.code.NoOpVisitor} is the base for partial visitors.</li>
 *   <li>{@link dev.jwt.binary.io.BinaryReader} / {@link dev.jwt.binary.io.BinaryWriter} are the LEB128 cursor
 *       and sink; {@link dev.jwt.binary.io.TypeCodec} the one place for type encodings.</li>
 *   <li>{@code dev.jwt.binary.custom}: the {@code name}, {@code producers}, {@code target_features} and
 *       {@code dylink.0} custom sections.</li>
 * </ul>
 *
 * <p>Every decoding failure is a {@link dev.jwt.binary.MalformedException} with the byte offset of the
 * fault and the reference interpreter's (or, where it has none, wasm-tools') words.
 */
package dev.jwt.binary;
