package dev.jwt.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Print throughput, not a test (DESIGN: performance is measured, never asserted). For each
 * {@code .wasm} argument: warms up, then prints it {@code runs} times into a fresh buffer and
 * reports the median in MB/s of input. {@code --once} prints each file once and writes the text to
 * stdout, for whole-process timing by {@code print/bench/print-bench.sh}.
 *
 * <pre>java -cp ... dev.jwt.print.PrintBenchmark [--once] [--fold] x.wasm...</pre>
 */
public final class PrintBenchmark {
    private PrintBenchmark() {}

    public static void main(String[] args) throws IOException {
        boolean once = false;
        PrintOptions options = PrintOptions.DEFAULT;
        int runs = 7;
        for (String a : args) {
            switch (a) {
                case "--once" -> once = true;
                case "--fold" -> options = options.withFold(true);
                default -> {
                    Path file = Paths.get(a);
                    byte[] wasm = Files.readAllBytes(file);
                    Printer printer = new Printer(options);
                    if (once) {
                        // stream to stdout the way a CLI would; the script sends it to /dev/null
                        java.io.Writer w = new java.io.BufferedWriter(
                                new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
                        printer.print(wasm, w);
                        w.flush();
                        continue;
                    }
                    for (int i = 0; i < 3; i++) {
                        printer.print(wasm);
                    }
                    long[] times = new long[runs];
                    long chars = 0;
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        chars = printer.print(wasm).length();
                        times[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(times);
                    double seconds = times[runs / 2] / 1e9;
                    System.out.printf("%-50s %10d bytes -> %11d chars  %8.1f ms  %7.1f MB/s%n",
                            file.getFileName(), wasm.length, chars, seconds * 1e3, wasm.length / 1e6 / seconds);
                }
            }
        }
    }
}
