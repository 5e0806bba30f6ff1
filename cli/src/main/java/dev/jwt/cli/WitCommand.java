package dev.jwt.cli;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.print.Printer;
import dev.jwt.text.Wat;
import dev.jwt.validate.Validator;
import dev.jwt.wit.Wit;
import dev.jwt.wit.json.ResolveJson;
import dev.jwt.wit.print.WitPrinter;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Package;
import dev.jwt.wit.resolve.PackageName;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.WorldEdits;
import dev.jwt.wit.resolve.WorldItem;
import dev.jwt.wit.resolve.WorldKey;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jwt wit} (also {@code jwt component wit}): reads WIT (a file, a directory with
 * {@code deps/}, a binary WIT package or any component) and prints it, as
 * {@code wasm-tools component wit}; {@code --wasm}/{@code --wat} write the binary WIT package.
 */
@Command(name = "wit", mixinStandardHelpOptions = true,
        description = {"Prints the WIT of a WIT package or a component: a `*.wit` file, a directory of them with "
                + "dependencies in `deps/`, or a `*.wasm`/`*.wat` file holding a binary WIT package or a component "
                + "(whose imports and exports are printed as the world `root` of package `root:component`).",
            "The package is resolved first, so errors in it are reported with their place."})
final class WitCommand extends WasmCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "A `*.wit` file, a directory of WIT files, or a `*.wasm`/`*.wat` binary WIT package or component "
                    + "(told apart by contents). If not provided or `-`, the input is read from stdin.")
    String input;

    @Mixin
    OutputOptions output;

    @Option(names = {"-w", "--wasm"}, description = "Emit the main package as a binary WIT package instead of WIT text.")
    boolean wasm;

    @Option(names = {"-t", "--wat"}, description = "Emit the main package as a binary WIT package, printed in the text format.")
    boolean wat;

    @Option(names = "--skip-validation", description = "Skip the validation of the binary written by `--wasm` and `--wat`.")
    boolean skipValidation;

    @Option(names = {"-j", "--json"}, description = "Print the resolved packages as JSON (wit-parser's `Resolve` layout).")
    boolean json;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Write the main package to DIR/<name>.wit and every other package to DIR/deps/<name>.wit.")
    Path outDir;

    @Option(names = "--no-docs", description = "Leave documentation comments out of the printed WIT.")
    boolean noDocs;

    @Option(names = "--features", paramLabel = "FEATURES", split = ",",
            description = "Features to enable for `@unstable` items (comma separated, repeatable).")
    List<String> features = new ArrayList<>();

    @Option(names = "--all-features", description = "Enable every `@unstable` feature.")
    boolean allFeatures;

    @Option(names = "--importize", description = "Print a world that imports what the input component (or core module "
            + "with embedded WIT) exports: its world with exports moved to imports.")
    boolean importize;

    @Option(names = "--exportize", description = "Print a world that exports what the input component (or core module "
            + "with embedded WIT) imports: its world with imports moved to exports.")
    boolean exportize;

    @Option(names = "--importize-world", paramLabel = "WORLD",
            description = "Replace WORLD of the WIT package with one that imports what it exports (its exports move to imports).")
    String importizeWorld;

    @Option(names = "--importize-out-world-name", paramLabel = "NAME",
            description = "The name of the world `--importize-world` makes (default: `<world>-importized`).")
    String importizeOutWorldName;

    @Option(names = "--exportize-world", paramLabel = "WORLD",
            description = "Replace WORLD of the WIT package with one that exports what it imports (its imports move to exports).")
    String exportizeWorld;

    @Option(names = "--exportize-out-world-name", paramLabel = "NAME",
            description = "The name of the world `--exportize-world` makes (default: `<world>-exportized`).")
    String exportizeOutWorldName;

    @Option(names = "--exportize-import", paramLabel = "IMPORT",
            description = "With `--exportize-world`, move only this import to the exports (repeatable; default: all).")
    List<String> exportizeImports = new ArrayList<>();

    @Option(names = "--generate-nominal-type-ids", paramLabel = "WORLD",
            description = "Give each use of an interface in WORLD after the first its own copy (with its own types), "
                    + "so that each type id is one type to a bindings generator; shows in `--json` (`clone_of`).")
    String nominalWorld;

    /** Which interfaces `--generate-nominal-type-ids` copied from which. */
    private Map<Integer, Integer> cloneOf = Map.of();

    @Option(names = "--merge-world-imports-based-on-semver", paramLabel = "WORLD",
            description = "Deduplicate the imports of WORLD by semver: of the versions of an interface on one "
                    + "semver-compatible track only the latest stays.")
    String mergeImportsWorld;

    @Override
    int run() throws Exception {
        Wit.Features f = new Wit.Features(Set.copyOf(features), allFeatures);
        Wit.Loaded loaded = edit(load(f));
        Resolve resolve = loaded.resolve();
        if (wasm || wat) {
            if (outDir != null) {
                throw new CommandException("the `--out-dir` option cannot be used with `--wasm` or `--wat`");
            }
            byte[] bytes = Wit.encodeWasm(resolve, loaded.mainPackage());
            if (!skipValidation) {
                Validator.validateComponent(ComponentDecoder.decodeDetailed(bytes), FeatureSet.all());
            }
            if (wat) {
                String text = new Printer().print(bytes);
                output.writeText(io(), w -> w.write(text));
            } else {
                output.writeBinary(io(), bytes);
            }
            return Jwt.OK;
        }
        if (json) {
            output.writeText(io(), w -> w.write(ResolveJson.toString(resolve, cloneOf) + "\n"));
            return Jwt.OK;
        }
        if (outDir != null) {
            writeOutDir(loaded);
            return Jwt.OK;
        }
        // Like wasm-tools, every other package of the resolve follows the main one (dependencies
        // from deps/ included), in the resolve's (dependency) order.
        List<Integer> nested = new ArrayList<>();
        for (int id = 0; id < resolve.packages().size(); id++) {
            if (id != loaded.mainPackage()) {
                nested.add(id);
            }
        }
        // wasm-tools' command ends its output with exactly one line break (the printer's own text
        // leaves a blank line after a final interface).
        String text = WitPrinter.print(resolve, loaded.mainPackage(), nested, !noDocs).stripTrailing() + "\n";
        output.writeText(io(), w -> w.write(text));
        return Jwt.OK;
    }

    /** The world edits the options ask for, in wasm-tools' order. */
    private Wit.Loaded edit(Wit.Loaded loaded) {
        Resolve r = loaded.resolve();
        if (importize || importizeWorld != null) {
            r = WorldEdits.importize(r, WorldEdits.select(r, loaded.mainPackage(), importizeWorld), importizeOutWorldName);
        }
        if (exportize || exportizeWorld != null) {
            Resolve before = r;
            BiPredicate<WorldKey, WorldItem> moved = exportizeImports.isEmpty() ? null
                    : (key, item) -> exportizeImports.stream().anyMatch(name -> names(before, key, name));
            r = WorldEdits.exportize(r, WorldEdits.select(r, loaded.mainPackage(), exportizeWorld), exportizeOutWorldName, moved);
        }
        if (mergeImportsWorld != null) {
            r = WorldEdits.mergeImportsBasedOnSemver(r, WorldEdits.select(r, loaded.mainPackage(), mergeImportsWorld));
        }
        if (nominalWorld != null) {
            WorldEdits.Nominal n = WorldEdits.generateNominalTypeIds(r, WorldEdits.select(r, loaded.mainPackage(), nominalWorld));
            r = n.resolve();
            cloneOf = n.cloneOf();
        }
        return r == loaded.resolve() ? loaded : new Wit.Loaded(r, loaded.mainPackage(), loaded.packages());
    }

    /** Whether name names a world item: its plain name, or its interface's name, bare or in full. */
    private static boolean names(Resolve r, WorldKey key, String name) {
        if (key instanceof WorldKey.Name n) {
            return n.name().equals(name);
        }
        Interface i = r.interfaces().get(((WorldKey.OfInterface) key).index());
        if (name.equals(i.name())) {
            return true;
        }
        if (i.packageIndex() == null) {
            return false;
        }
        PackageName p = r.packages().get(i.packageIndex()).name();
        String full = p.namespace() + ":" + p.name() + "/" + i.name() + (p.version() == null ? "" : "@" + p.version());
        return name.equals(full);
    }

    private Wit.Loaded load(Wit.Features f) throws Exception {
        if (input == null || input.equals("-")) {
            // Read by transfer, not readAllBytes: the latter seeks, which a pipe refuses on some JDKs.
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            io().in().transferTo(bytes);
            WasmInput in = new WasmInput("<stdin>", null, bytes.toByteArray());
            if (in.isBinary()) {
                return Wit.decodeWasm(in.bytes());
            }
            String text = in.text();
            if (looksLikeWat(text)) {
                return decodeText(text, "<stdin>");
            }
            return Wit.load("<stdin>", text, f);
        }
        Path path = Path.of(input);
        if (!Files.exists(path)) {
            throw new CommandException("failed to read `" + input + "`: No such file or directory");
        }
        if (Files.isRegularFile(path)) {
            WasmInput in = new WasmInput(input, path, Files.readAllBytes(path));
            if (in.isBinary()) {
                return Wit.decodeWasm(in.bytes());
            }
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.endsWith(".wat") || (!name.endsWith(".wit") && looksLikeWat(in.text()))) {
                return decodeText(in.text(), input);
            }
        }
        return Wit.load(path, f);
    }

    /** The WIT of WebAssembly text: a component's, or a core module's (which has none unless embedded). */
    private static Wit.Loaded decodeText(String text, String name) {
        if (text.startsWith("(module", firstToken(text))) {
            return Wit.decodeWasm(ModuleEncoder.encode(Wat.parseModule(text, name)));
        }
        return Wit.decode(Wat.parseComponent(text, name));
    }

    /**
     * Whether text is WebAssembly text rather than WIT: after blanks and wat comments
     * ({@code ;;} and {@code (; ;)}) it opens with {@code (}, which WIT never does.
     */
    static boolean looksLikeWat(String text) {
        int i = firstToken(text);
        return i < text.length() && text.charAt(i) == '(';
    }

    /** Where the first token of WebAssembly text starts, after blanks and comments. */
    private static int firstToken(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith(";;", i)) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl + 1;
            } else if (text.startsWith("(;", i)) {
                int end = text.indexOf(";)", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    /**
     * One file per package, in the resolve's order: the input's main package at the top, all
     * others under {@code deps/}, each named after its package ({@code name@version.wit} when
     * several packages share a name), each reported on stdout as wasm-tools does.
     */
    private void writeOutDir(Wit.Loaded loaded) throws Exception {
        Resolve resolve = loaded.resolve();
        Map<String, Integer> sameName = new HashMap<>();
        for (Package pkg : resolve.packages()) {
            sameName.merge(pkg.name().name(), 1, Integer::sum);
        }
        StringBuilder report = new StringBuilder();
        for (int id = 0; id < resolve.packages().size(); id++) {
            Package pkg = resolve.packages().get(id);
            Path dir = id == loaded.mainPackage() ? outDir : outDir.resolve("deps");
            String name = pkg.name().name();
            if (sameName.get(name) > 1 && pkg.name().version() != null) {
                name += "@" + pkg.name().version();
            }
            Path file = dir.resolve(name + ".wit");
            Files.createDirectories(dir);
            String text = WitPrinter.print(resolve, id, List.of(), !noDocs);
            AtomicOutput.write(file, out -> {
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write(text);
                w.flush();
            });
            report.append("Writing: ").append(file).append('\n');
        }
        output.writeText(io(), w -> w.write(report.toString()));
    }}
