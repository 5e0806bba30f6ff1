package dev.jwt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code jwt} command: subcommands are thin adapters over the library modules. */
@Command(
        name = "jwt",
        mixinStandardHelpOptions = true,
        versionProvider = Jwt.Version.class,
        description = "A Java toolkit for WebAssembly modules and components.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class})
public final class Jwt implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failed check or bad input, 2 usage error. */
    public static int execute(String... args) {
        return new CommandLine(new Jwt()).execute(args);
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
