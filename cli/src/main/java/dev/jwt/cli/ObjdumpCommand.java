package dev.jwt.cli;

import dev.jwt.cli.objdump.SectionTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jwt objdump}: the section headers of a binary, as wasm-tools objdump prints them. */
@Command(name = "objdump", mixinStandardHelpOptions = true,
        description = "Dumps information about sections in a WebAssembly file: one line per section with its "
                + "name, the range and size of its contents, and its item count.")
final class ObjdumpCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Override
    int run() throws Exception {
        byte[] wasm = input.read(io()).binary();
        output.writeText(io(), out -> SectionTable.print(wasm, out));
        return Jwt.OK;
    }
}
