package dev.jwt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jwt component}: the component subcommands of {@code wasm-tools component}. */
@Command(name = "component", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "WebAssembly component tooling.",
        subcommands = {WitCommand.class})
final class ComponentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }
}
