package dev.jwt.cli;

import dev.jwt.binary.WasmException;
import dev.jwt.run.wast.WastRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jwt wast}: runs {@code .wast} scripts (like {@code wasmtime wast}). */
@Command(name = "wast", mixinStandardHelpOptions = true,
        description = {"Run .wast scripts against the engine with the spectest host module.",
            "Prints a line per failing command and a summary; exits 1 if any command fails."})
public final class WastCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The scripts to run.")
    List<Path> files;

    @picocli.CommandLine.Mixin
    FeaturesOption features;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        dev.jwt.binary.FeatureSet enabled = features.featureSet();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            List<WastRunner.Outcome> outcomes;
            try {
                outcomes = WastRunner.run(file, enabled);
            } catch (WasmException e) {
                out.println(file + ": error: " + e.getMessage());
                failed++;
                continue;
            } catch (java.io.IOException e) {
                out.println(file + ": error: " + e.getMessage());
                failed++;
                continue;
            }
            for (WastRunner.Outcome o : outcomes) {
                if (o.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.println(file + ":" + o.line() + ": " + o.command() + " failed: " + o.failure());
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? Jwt.OK : Jwt.FAILURE;
    }
}
