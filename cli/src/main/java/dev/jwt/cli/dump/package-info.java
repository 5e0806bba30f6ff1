/**
 * {@code jwt dump}: the annotated hex dump of a core module, line for line what
 * {@code wasm-tools dump} prints, read with the binary module's {@code BinaryReader} and
 * {@code InstructionReader}.
 */
package dev.jwt.cli.dump;
