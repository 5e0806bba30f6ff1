package dev.jwt.cli;

import dev.jwt.cli.dump.ModuleDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jwt dump}: wasm-tools' annotated hex dump. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Debugging utility to dump information about a wasm binary: every byte in hex, annotated "
                + "with what it encodes.")
final class DumpCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Override
    int run() throws Exception {
        byte[] wasm = input.read(io()).binary();
        output.writeText(io(), out -> ModuleDump.dump(wasm, out));
        return Jwt.OK;
    }
}
