package dev.jwt.cli;

import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.print.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwt parse}: WebAssembly text to binary, as wasm-tools parse. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse the WebAssembly text format (a core module or a component).",
            "Writes the binary form (to `-o FILE`, or to stdout when it is not a terminal), or with `-t` the "
                    + "text form as `jwt print` prints it. A binary input is checked and passed through unchanged."})
final class ParseCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = {"-t", "--wat"}, description = "Output the text format of WebAssembly instead of the binary format.")
    boolean wat;

    @Override
    int run() throws Exception {
        WasmInput in = input.read(io());
        byte[] wasm = in.binary();
        if (in.isBinary()) {
            // wasm-tools passes a binary through; jwt also makes sure it decodes, so that no
            // malformed output is written as if it were fine.
            ComponentDecoder.decodeAny(wasm);
        }
        if (wat) {
            String text = new Printer().print(wasm);
            output.writeText(io(), out -> out.write(text));
        } else {
            output.writeBinary(io(), wasm);
        }
        return Jwt.OK;
    }
}
