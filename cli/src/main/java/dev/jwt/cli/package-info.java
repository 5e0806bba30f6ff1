/**
 * The {@code jwt} command line: {@link dev.jwt.cli.Jwt} and one thin command class per
 * subcommand, which parses options (picocli), calls a library and writes the result.
 *
 * <p>Shared pieces: {@link dev.jwt.cli.InputOptions} (a file, {@code -} or stdin; text or binary by
 * content), {@link dev.jwt.cli.OutputOptions} ({@code -o FILE} written atomically, binary never to
 * a terminal), {@link dev.jwt.cli.FeaturesOption} ({@code --features}), and the one error handler,
 * {@code ErrorReport}: every failure is one {@code error: <message>} line with its place (text
 * errors add their source excerpt), exit code 1; usage errors exit 2; no stack trace, ever.
 */
package dev.jwt.cli;
