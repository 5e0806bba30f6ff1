package dev.jwt.cli;

import dev.jwt.print.PrintOptions;
import dev.jwt.print.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwt print}: the text form of a binary, exactly as wasm-tools print writes it. */
@Command(name = "print", mixinStandardHelpOptions = true,
        description = "Print the textual form of a WebAssembly binary (a text input is parsed first).")
final class PrintCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = {"-p", "--print-offsets"},
            description = "Print binary offsets intermingled in the text format as comments for debugging.")
    boolean printOffsets;

    @Option(names = "--skeleton", description = "Print only the skeleton of the module: function bodies, data and "
            + "element segments are replaced with `...`.")
    boolean skeleton;

    @Option(names = "--name-unnamed",
            description = "Give every item without an entry in the `name` section a synthesized `$`-name.")
    boolean nameUnnamed;

    @Option(names = {"-f", "--fold-instructions"}, description = "Print instructions in the folded format.")
    boolean fold;

    @Option(names = "--indent", paramLabel = "N", description = "The number of spaces used for indentation (default: 2).")
    int indent = 2;

    @Override
    int run() throws Exception {
        if (indent < 0 || indent > 64) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--indent must be between 0 and 64: " + indent);
        }
        byte[] wasm = input.read(io()).binary();
        PrintOptions options = PrintOptions.DEFAULT.withFold(fold).withPrintOffsets(printOffsets)
                .withSkeleton(skeleton).withNameUnnamed(nameUnnamed).withIndent(indent);
        Printer printer = new Printer(options);
        output.writeText(io(), out -> printer.print(wasm, out));
        return Jwt.OK;
    }
}
