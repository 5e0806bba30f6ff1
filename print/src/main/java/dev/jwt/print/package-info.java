/**
 * Core module or component to WebAssembly text, identical to {@code wasm-tools print}: {@link dev.jwt.print.Printer}
 * with {@link dev.jwt.print.PrintOptions} ({@code -f} folding, {@code -p} offsets, {@code --skeleton},
 * {@code --name-unnamed}, {@code --indent}).
 *
 * <p>The printer reads the binary itself (so {@code -p} knows every item's offset): sections through
 * {@code dev.jwt.binary.io.BinaryReader}, function bodies streamed through
 * {@code dev.jwt.binary.code.InstructionReader} to an {@link dev.jwt.binary.code.InstructionVisitor}
 * (DESIGN decision 2), mnemonics from {@link dev.jwt.binary.Opcode}, names from
 * {@code dev.jwt.binary.custom.NameSectionCodec}. Parts: {@code ModulePrinter} (sections and items),
 * {@code InstructionPrinter} (one line per instruction, labels), {@code FoldingPrinter} (folded
 * trees), {@code Namespace} (identifiers, wasm-tools' rules for empty and repeated names),
 * {@code FloatText} (hex floats and their shortest decimal), {@code CustomSections} (producers,
 * dylink.0, code metadata), {@code ComponentPrinter} (components: their sections, types, canonical
 * functions and names from the {@code component-name} section, nested modules through
 * {@code ModulePrinter}). Throughput: {@code print/bench/print-bench.sh},
 * {@code print/bench/print-component-bench.sh}; agreement with wasm-tools on real components:
 * {@code print/scripts/compare-with-wasm-tools.sh}.
 */
package dev.jwt.print;
