package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.MalformedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: exit codes, --version, --help, and the one error handler. */
class JwtTest {
    /** A run's exit code and what it printed. */
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        return run(null, args);
    }

    /** Runs jwt in-process, with {@code extra} added as subcommand "boom" when not null. */
    static Run run(Object extra, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Jwt.commandLine(new StdStreams(new ByteArrayInputStream(new byte[0]), out, err, false));
        if (extra != null) {
            cl.addSubcommand("boom", extra);
        }
        int exit = Jwt.run(cl, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertNoStackTrace(String s) {
        assertFalse(s.contains("\tat "), () -> "stack trace in:\n" + s);
        assertFalse(s.contains("Exception in thread"), () -> "stack trace in:\n" + s);
    }

    @Test
    void version() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("jwt \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
    }

    @Test
    void subcommandsKnowTheVersionToo() {
        Run r = run("dump", "--version");
        assertEquals(0, r.exit());
        assertEquals(run("--version").out(), r.out());
    }

    @Test
    void aRunOfOneSubcommandBuildsOnlyThatOne() {
        StdStreams io = new StdStreams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), false);
        assertEquals(java.util.Set.of("dump"), Jwt.commandLine(io, "dump").getSubcommands().keySet());
        assertEquals(null, Jwt.commandLine(io, "help"));
        assertEquals(null, Jwt.commandLine(io, "frobnicate"));
        assertTrue(Jwt.commandLine(io).getSubcommands().keySet().containsAll(
                java.util.Set.of("help", "parse", "print", "dump", "objdump", "strip", "validate")));
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: jwt"), r.out());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: missing subcommand"), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("For more information, try '--help'."), r.err());
    }

    @Command(name = "boom")
    static final class Throwing extends WasmCommand {
        final Throwable failure;

        Throwing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        int run() throws Exception {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    @Test
    void wasmErrorIsOneLineWithItsPlace() {
        Run r = run(new Throwing(new MalformedException("unexpected end", 0x1a)), "boom");
        assertEquals(1, r.exit());
        assertEquals("error: unexpected end (at offset 0x1a)\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out());
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorWithoutStackTrace() {
        Run r = run(new Throwing(new NullPointerException("x is null")), "boom");
        assertEquals(1, r.exit());
        assertEquals("error: internal error: java.lang.NullPointerException: x is null\n",
                r.err().replace("\r\n", "\n"));
        assertNoStackTrace(r.err());
    }

    @Test
    void errorsAreInternalErrorsToo() {
        Run r = run(new Throwing(new StackOverflowError()), "boom");
        assertEquals(1, r.exit());
        assertEquals("error: internal error: java.lang.StackOverflowError\n", r.err().replace("\r\n", "\n"));
        assertNoStackTrace(r.err());
    }

    @Test
    void multiLineMessagesOfUnexpectedExceptionsStayOnOneLine() {
        Run r = run(new Throwing(new IllegalStateException("first\nsecond")), "boom");
        assertEquals(1, r.exit());
        assertEquals("error: internal error: java.lang.IllegalStateException: first second\n",
                r.err().replace("\r\n", "\n"));
    }
}
