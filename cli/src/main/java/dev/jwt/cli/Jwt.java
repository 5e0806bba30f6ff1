package dev.jwt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jwt} command: subcommands are thin adapters over the library modules. Exit codes:
 * 0 success, 1 a failed check or bad input ({@code error: <message>} on stderr), 2 a usage error.
 */
@Command(
        name = "jwt",
        mixinStandardHelpOptions = true,
        versionProvider = Jwt.Version.class,
        description = "A Java toolkit for WebAssembly modules and components.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            CommandLine.HelpCommand.class,
            ParseCommand.class,
            PrintCommand.class,
            DumpCommand.class,
            ObjdumpCommand.class,
            RunCommand.class,
            StripCommand.class,
            WastCommand.class,
            ValidateCommand.class,
            WitCommand.class,
            ComponentCommand.class,
        })
public final class Jwt implements Runnable {
    /** Success. */
    public static final int OK = 0;
    /** A failed check or bad input. */
    public static final int FAILURE = 1;
    /** A usage error: unknown option, missing argument... */
    public static final int USAGE = 2;

    private final StdStreams io;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Jwt(StdStreams io) {
        this.io = io;
    }

    /** The streams of this run; subcommands reach them through their root command. */
    StdStreams io() {
        return io;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(StdStreams.system(), args));
    }

    /** Runs the CLI on the process's standard streams and returns its exit code. */
    public static int execute(String... args) {
        return execute(StdStreams.system(), args);
    }

    /** Runs the CLI on the given streams and returns its exit code (0, 1 or 2). */
    public static int execute(StdStreams io, String... args) {
        if (RunCommand.isPlain(args)) {
            return RunCommand.runPlain(io, args);
        }
        CommandLine one = args.length > 0 ? commandLine(io, args[0]) : null;
        return run(one != null ? one : commandLine(io), args);
    }

    /** The configured command line of one run with every subcommand, not yet executed. */
    static CommandLine commandLine(StdStreams io) {
        return configure(new CommandLine(new Jwt(io)), io);
    }

    /**
     * The command line of a run of subcommand {@code name} alone, or null when there is no such
     * subcommand (or it is {@code help}, which lists them all). Picocli builds the model of every
     * registered subcommand up front, most of a short run's time; the subcommands stay declared
     * in one place, this class's {@code @Command}.
     */
    static CommandLine commandLine(StdStreams io, String name) {
        for (Class<?> c : Jwt.class.getAnnotation(Command.class).subcommands()) {
            Command sub = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && sub != null && sub.name().equals(name)) {
                CommandLine.Model.CommandSpec root = CommandLine.Model.CommandSpec.wrapWithoutInspection(new Jwt(io));
                root.name("jwt").mixinStandardHelpOptions(true).versionProvider(new Version());
                try {
                    root.addSubcommand(name, new CommandLine(CommandLine.defaultFactory().create(c)));
                } catch (Exception e) {
                    return null;
                }
                return configure(new CommandLine(root), io);
            }
        }
        return null;
    }

    private static CommandLine configure(CommandLine cl, StdStreams io) {
        giveVersion(cl);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            ErrorReport.print(failure, err);
            return FAILURE;
        });
        cl.setParameterExceptionHandler((failure, args) -> {
            err.println("error: " + failure.getMessage());
            err.println();
            if (!(failure instanceof FeaturesOption.InvalidValue)) {
                err.println("Usage: " + failure.getCommandLine().getHelp().synopsis(0).stripTrailing());
                err.println();
            }
            err.println("For more information, try '--help'.");
            err.flush();
            return USAGE;
        });
        return cl;
    }

    /** Subcommands answer {@code -V}/{@code --version} with jwt's version too. */
    private static void giveVersion(CommandLine cl) {
        if (cl.getCommandSpec().versionProvider() == null && cl.getCommandSpec().version().length == 0) {
            cl.getCommandSpec().versionProvider(new Version());
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            giveVersion(sub);
        }
    }

    /**
     * Executes {@code cl}. Whatever escapes picocli's own handling (an {@link Error}, a failure
     * in a help or version provider) still ends in one {@code error:} line and exit code 1.
     */
    static int run(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Throwable failure) {
            ErrorReport.print(failure, cl.getErr());
            return FAILURE;
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Jwt.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"jwt " + p.getProperty("version", "unknown")};
        }
    }
}
