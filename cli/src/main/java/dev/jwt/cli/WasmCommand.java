package dev.jwt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of jwt's subcommands: parse options (picocli does), call a library, write the result.
 * A failure is thrown, never printed here: {@link ErrorReport} prints every one the same way.
 */
abstract class WasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The streams of this run. */
    final StdStreams io() {
        return ((Jwt) spec.root().userObject()).io();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Does the command's work; returns the exit code (failures are thrown). */
    abstract int run() throws Exception;
}
