package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shared options: input from a file, `-` or stdin; atomic `-o`; binary never to a terminal; help everywhere. */
class OutputAndInputTest {
    /** The smallest module with a custom section "c" holding "x". */
    static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 3, 1, 'c', 'x'};
    static final byte[] EMPTY_MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @TempDir
    Path dir;

    record Run(int exit, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Run run(byte[] stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Jwt.execute(new StdStreams(new ByteArrayInputStream(stdin), out, err, terminal), args);
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readsStdinWithoutAFileOrWithDash() {
        Run none = run(MODULE, false, "strip");
        Run dash = run(MODULE, false, "strip", "-");
        assertEquals(0, none.exit(), none.err());
        assertArrayEquals(EMPTY_MODULE, none.out());
        assertArrayEquals(EMPTY_MODULE, dash.out());
    }

    @Test
    void writesTheOutputFile() throws IOException {
        Path in = Files.write(dir.resolve("in.wasm"), MODULE);
        Path out = dir.resolve("out.wasm");
        Run r = run(new byte[0], true, "strip", in.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(EMPTY_MODULE, Files.readAllBytes(out));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(List.of(in, out), list());
    }

    @Test
    void aFailureLeavesAnExistingOutputAlone() throws IOException {
        Path in = Files.write(dir.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 10, 5, 1});
        Path out = Files.writeString(dir.resolve("out.txt"), "old");
        Run r = run(new byte[0], false, "dump", in.toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals("old", Files.readString(out));
        assertEquals(List.of(in, out), list());
    }

    @Test
    void atomicOutputDeletesItsTemporaryFileOnFailure() throws IOException {
        Path out = dir.resolve("out");
        CommandException e = assertThrows(CommandException.class, () -> AtomicOutput.write(out, o -> {
            o.write(new byte[100]);
            throw new IOException("disk full");
        }));
        assertEquals("failed to write `" + out + "`: disk full", e.getMessage());
        assertEquals(List.of(), list());
    }

    @Test
    void outputFailuresNameTheOutputFile() throws IOException {
        Path in = Files.write(dir.resolve("in.wasm"), MODULE);
        Run r = run(new byte[0], false, "strip", in.toString(), "-o", dir.toString());
        assertEquals(1, r.exit());
        assertEquals("error: failed to write `" + dir + "`: Is a directory\n", r.err());
        Path missing = dir.resolve("no/such/dir/out.wasm");
        r = run(new byte[0], false, "strip", in.toString(), "-o", missing.toString());
        assertEquals(1, r.exit());
        assertEquals("error: failed to write `" + missing + "`: No such file or directory\n", r.err());
        assertEquals(List.of(in), list());
    }

    @Test
    void binaryIsNotWrittenToATerminal() {
        Run r = run(MODULE, true, "strip");
        assertEquals(1, r.exit());
        assertEquals(0, r.out().length);
        assertTrue(r.err().startsWith("error: cannot print binary wasm output to a terminal"), r.err());
    }

    @Test
    void textGoesToATerminal() {
        Run r = run(MODULE, true, "objdump");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.outText().startsWith("  custom \"c\""), r.outText());
    }

    @Test
    void aMissingInputFileIsOneError() {
        Run r = run(new byte[0], false, "dump", dir.resolve("nope.wasm").toString());
        assertEquals(1, r.exit());
        assertEquals("error: failed to open `" + dir.resolve("nope.wasm") + "`: No such file or directory\n", r.err());
    }

    @Test
    void anUnknownFeatureIsAUsageError() {
        Run r = run(MODULE, false, "validate", "--features", "frobnication");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: invalid value 'frobnication' for '--features <FEATURES>': "
                + "unknown feature `frobnication`"), r.err());
    }

    @Test
    void invalidUtf8TextNamesItsOffset() {
        Run r = run(new byte[] {'(', 'm', (byte) 0xC3, '(', ')'}, false, "dump");
        assertEquals(1, r.exit());
        assertEquals("error: input bytes aren't valid utf-8 (at offset 0x2 of `<stdin>`)\n", r.err());
    }

    /** Every subcommand answers --help (and -h) on stdout with exit 0. */
    @TestFactory
    Stream<DynamicTest> everySubcommandHasHelp() {
        CommandLine jwt = Jwt.commandLine(new StdStreams(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), false));
        return jwt.getSubcommands().entrySet().stream().map(Map.Entry::getKey).filter(n -> !n.equals("help"))
                .flatMap(name -> Stream.of("--help", "-h").map(flag -> DynamicTest.dynamicTest(name + " " + flag, () -> {
                    Run r = run(new byte[0], false, name, flag);
                    assertEquals(0, r.exit(), r.err());
                    assertTrue(r.outText().startsWith("Usage: jwt " + name), r.outText());
                    assertEquals("", r.err());
                })));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
