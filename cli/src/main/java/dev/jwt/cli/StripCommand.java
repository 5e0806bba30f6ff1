package dev.jwt.cli;

import dev.jwt.cli.strip.CustomSectionFilter;
import dev.jwt.print.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code jwt strip}: removes custom sections, as wasm-tools strip does. */
@Command(name = "strip", mixinStandardHelpOptions = true,
        description = {"Removes custom sections from an input WebAssembly file.",
            "By default every custom section is removed except `name`, `component-type:*` and `dylink.0`; "
                    + "`--all` removes those too, `--delete` only the sections whose name matches."})
final class StripCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = {"-a", "--all"}, description = "Remove all custom sections, regardless of name.")
    boolean all;

    @Option(names = {"-d", "--delete"}, paramLabel = "REGEX",
            description = "Remove custom sections matching the specified regex (repeatable).")
    List<String> delete = new ArrayList<>();

    @Option(names = {"-t", "--wat"}, description = "Output the text format of WebAssembly instead of the binary format.")
    boolean wat;

    @Override
    int run() throws Exception {
        Predicate<String> remove = removal();
        byte[] wasm = input.read(io()).binary();
        byte[] stripped = CustomSectionFilter.strip(wasm, remove);
        if (wat) {
            String text = new Printer().print(stripped);
            output.writeText(io(), out -> out.write(text));
        } else {
            output.writeBinary(io(), stripped);
        }
        return Jwt.OK;
    }

    /** Which custom sections go: all; else those matching a {@code --delete} regex (anywhere in the name); else the default set. */
    private Predicate<String> removal() {
        if (all) {
            return name -> true;
        }
        if (!delete.isEmpty()) {
            List<Pattern> patterns = new ArrayList<>();
            for (String regex : delete) {
                try {
                    patterns.add(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw new ParameterException(spec.commandLine(),
                            "invalid value '" + regex + "' for '--delete <REGEX>': " + e.getDescription());
                }
            }
            return name -> patterns.stream().anyMatch(p -> p.matcher(name).find());
        }
        return CustomSectionFilter::strippedByDefault;
    }
}
