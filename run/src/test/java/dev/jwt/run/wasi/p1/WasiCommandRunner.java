package dev.jwt.run.wasi.p1;

import dev.jwt.binary.WasmException;
import dev.jwt.run.CompiledModule;
import dev.jwt.run.Engine;
import dev.jwt.run.GuestThread;
import dev.jwt.run.Instance;
import dev.jwt.run.Linker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs a WASI preview1 command in-process as {@code jwt run} does: compile, link the host,
 * instantiate and call {@code _start} on a guest thread, with an empty stdin and captured
 * stdout/stderr. Shared by the conformance tests that run whole programs.
 */
final class WasiCommandRunner {
    /** What a finished command left behind; {@code trap} is null unless it trapped. */
    record Outcome(int exitCode, String stdout, String stderr, WasmException trap) {
    }

    private WasiCommandRunner() {
    }

    /**
     * Runs {@code wasm}. A trap while running ends the command with exit code 1, as in
     * {@code jwt run}, keeping what it printed before; other engine errors propagate.
     */
    static Outcome run(byte[] wasm, List<String> args, Map<String, String> env, Map<String, java.nio.file.Path> preopens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiPreview1 wasi = new WasiPreview1(args, env, new ByteArrayInputStream(new byte[0]), out, err, preopens);
        CompiledModule module = new Engine().compile(wasm);
        Linker linker = new Linker();
        wasi.define(linker);
        int code;
        WasmException trap = null;
        try {
            code = GuestThread.run(() -> {
                Instance instance;
                try {
                    instance = linker.instantiate(module);
                } catch (WasiExit e) {
                    return e.code();
                }
                return wasi.runCommand(instance);
            });
        } catch (WasmException e) {
            if (e.kind() != WasmException.Kind.TRAP) {
                throw e;
            }
            code = 1;
            trap = e;
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), trap);
    }
}
