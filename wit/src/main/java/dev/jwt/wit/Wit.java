package dev.jwt.wit;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.component.WasmBinary;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.text.Wat;
import dev.jwt.wit.parse.Ast;
import dev.jwt.wit.parse.AstBuilder;
import dev.jwt.wit.parse.Source;
import dev.jwt.wit.print.WitPrinter;
import dev.jwt.wit.resolve.PackageName;
import dev.jwt.wit.resolve.PackageSource;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Resolver;
import dev.jwt.wit.resolve.UnresolvedPackage;
import dev.jwt.wit.wasm.WitDecoder;
import dev.jwt.wit.wasm.WitEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The WIT front door: read a {@code .wit} file, or a directory of them with a {@code deps/}
 * folder, and resolve it into a {@link Resolve} the way wit-parser does.
 */
public final class Wit {
    private Wit() {}

    /** Which {@code @unstable} features are on ({@code --features}, {@code --all-features}). */
    public record Features(Set<String> enabled, boolean all) {
        public static final Features NONE = new Features(Set.of(), false);

        public Features {
            enabled = Set.copyOf(enabled);
        }
    }

    /** A loaded input: the whole Resolve, the main package, and every package the input itself defines. */
    public record Loaded(Resolve resolve, int mainPackage, List<Integer> packages) {}

    /** Parses and resolves a file or directory with no features enabled. */
    public static Resolve parse(Path path) {
        return load(path, Features.NONE).resolve();
    }

    /**
     * Loads WIT from a path: a {@code .wit} file, a directory of them (with {@code deps/}), or a
     * binary ({@code \0asm...}: a binary WIT package or any component, see {@link #decodeWasm}).
     */
    public static Loaded load(Path path, Features features) {
        if (Files.isRegularFile(path) && (isWasm(path) || path.getFileName().toString().endsWith(".wat"))) {
            return decodeWasm(binary(path));
        }
        if (Files.isDirectory(path)) {
            try {
                List<UnresolvedPackage> deps = new ArrayList<>();
                for (Group g : parseDepsDir(path.resolve("deps"))) {
                    deps.addAll(g.all());
                }
                Group top;
                try {
                    top = parseDir(path);
                } catch (WitException e) {
                    throw e.withContext("failed to parse package: " + path);
                }
                return Resolver.link(top.main, top.nested, deps, features);
            } catch (WitException e) {
                throw e.withContext("failed to resolve directory while parsing WIT for path [" + path + "]");
            }
        }
        Group g = parseFile(path);
        return Resolver.link(g.main, g.nested, List.of(), features);
    }

    /**
     * Resolves several package directories together, as if all but the first were in its
     * {@code deps/} folder (how the WASI packages are published: one directory per package).
     * All of them count as the input's own packages.
     */
    public static Loaded loadAll(List<Path> dirs, Features features) {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no package directories");
        }
        List<Group> groups = new ArrayList<>();
        for (Path d : dirs) {
            try {
                groups.add(Files.isDirectory(d) ? parseDir(d) : parseFile(d));
            } catch (WitException e) {
                throw e.withContext("failed to parse package: " + d);
            }
        }
        List<UnresolvedPackage> nested = new ArrayList<>(groups.get(0).nested);
        for (Group g : groups.subList(1, groups.size())) {
            nested.addAll(g.all());
        }
        return Resolver.link(groups.get(0).main, nested, List.of(), features);
    }

    /** A file's binary: as read, or its WebAssembly text parsed as a component. */
    private static byte[] binary(Path p) {
        try {
            if (isWasm(p)) {
                return Files.readAllBytes(p);
            }
            return ComponentEncoder.encode(Wat.parseComponent(Files.readString(p, StandardCharsets.UTF_8), p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A binary WIT package in {@code deps/}: decoded, then read as the WIT text of its packages,
     * so that it joins the resolve as any other dependency does.
     */
    private static Group decodedAsWit(Path p) {
        Loaded l = decodeWasm(binary(p));
        List<Integer> nested = new ArrayList<>(l.packages());
        nested.remove(Integer.valueOf(l.mainPackage()));
        String text = WitPrinter.print(l.resolve(), l.mainPackage(), nested, true);
        return group(List.of(AstBuilder.parse(new Source(p.toString(), text))));
    }

    /** Whether a file starts with the wasm magic {@code \0asm}. */
    private static boolean isWasm(Path p) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 0 && head[1] == 'a' && head[2] == 's' && head[3] == 'm';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the WIT of a binary, as {@code wasm-tools component wit x.wasm}: a binary WIT package
     * gives its package back; any other component its world {@code root} in package
     * {@code root:component}. A core module is refused (reading the WIT its
     * {@code component-type} sections embed is not supported yet). The main package comes first
     * in {@link Loaded#packages()}.
     */
    public static Loaded decodeWasm(byte[] bytes) {
        WasmBinary binary = ComponentDecoder.decodeAny(bytes);
        Component component;
        if (binary instanceof WasmBinary.ComponentBinary c) {
            component = c.component();
        } else {
            for (CustomSection s : ((WasmBinary.CoreModule) binary).module().customs()) {
                if (s.name().startsWith("component-type")) {
                    throw new WitException("reading the `" + s.name() + "` section of a core module is not supported yet", null);
                }
            }
            throw new WitException("input is a core wasm module with no `component-type*` custom sections meaning that "
                    + "there is not WIT information; is the information not embedded or is this supposed to be a component?", null);
        }
        return decode(component);
    }

    /** The WIT of a decoded component; see {@link #decodeWasm}. */
    public static Loaded decode(Component component) {
        WitDecoder.Decoded d = WitDecoder.decode(component);
        List<Integer> packages = new ArrayList<>();
        packages.add(d.mainPackage());
        for (int i = 0; i < d.resolve().packages().size(); i++) {
            if (i != d.mainPackage()) {
                packages.add(i);
            }
        }
        return new Loaded(d.resolve(), d.mainPackage(), packages);
    }

    /**
     * Encodes package {@code pkg} as a binary WIT package, byte for byte as
     * {@code wasm-tools component wit --wasm} (wit-component's encoding).
     */
    public static byte[] encodeWasm(Resolve resolve, int pkg) {
        return ComponentEncoder.encode(WitEncoder.encode(resolve, pkg));
    }

    /** Parses and resolves WIT text given in memory (the file name is only used in messages). */
    public static Loaded load(String fileName, String text, Features features) {
        Group g = group(List.of(AstBuilder.parse(new Source(fileName, text))));
        return Resolver.link(g.main, g.nested, List.of(), features);
    }

    /** The packages of one file or directory: the main one and the nested {@code package x { }} blocks. */
    private record Group(UnresolvedPackage main, List<UnresolvedPackage> nested) {
        List<UnresolvedPackage> all() {
            List<UnresolvedPackage> l = new ArrayList<>(nested);
            l.add(main);
            return l;
        }
    }

    private static List<Group> parseDepsDir(Path deps) {
        List<Group> groups = new ArrayList<>();
        if (!Files.isDirectory(deps)) {
            return groups;
        }
        for (Path p : list(deps)) {
            if (Files.isDirectory(p)) {
                try {
                    groups.add(parseDir(p));
                } catch (WitException e) {
                    throw e.withContext("failed to parse package from directory: " + p);
                }
            } else if (p.getFileName().toString().endsWith(".wit")) {
                groups.add(parseFile(p));
            } else if (p.getFileName().toString().endsWith(".wasm") || p.getFileName().toString().endsWith(".wat")) {
                groups.add(decodedAsWit(p));
            }
        }
        return groups;
    }

    private static Group parseDir(Path dir) {
        List<Ast.File> files = new ArrayList<>();
        for (Path p : list(dir)) {
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".wit")) {
                files.add(AstBuilder.parse(read(p)));
            }
        }
        return group(files);
    }

    private static Group parseFile(Path file) {
        return group(List.of(AstBuilder.parse(read(file))));
    }

    private static Group group(List<Ast.File> files) {
        Ast.PackageName name = null;
        String docs = null;
        boolean sawDocs = false;
        List<List<Ast.Item>> decls = new ArrayList<>();
        List<UnresolvedPackage> nested = new ArrayList<>();
        for (Ast.File f : files) {
            if (f.header() != null) {
                if (name != null && !name.toString().equals(f.header().toString())) {
                    throw WitException.at(f.header().span(), "package identifier `" + f.header() + "` does not match previous package name of `" + name + "`");
                }
                if (name == null) {
                    name = f.header();
                }
                if (!f.packageDocs().comments().isEmpty()) {
                    if (sawDocs) {
                        throw WitException.at(f.packageDocsSpan(), "found doc comments on multiple 'package' items");
                    }
                    sawDocs = true;
                    docs = Resolver.docs(f.packageDocs());
                }
            }
            decls.add(f.items());
            for (Ast.NestedPackage n : f.nested()) {
                nested.add(Resolver.resolvePackage(new PackageSource(name(n.name()), n.name().span(),
                        Resolver.docs(n.docs()), List.of(n.items()))));
            }
        }
        if (name == null) {
            throw new WitException("no `package` header was found in any WIT file for this package", null);
        }
        return new Group(Resolver.resolvePackage(new PackageSource(name(name), name.span(), docs, decls)), nested);
    }

    private static PackageName name(Ast.PackageName n) {
        return new PackageName(n.namespace().name(), n.name().name(), n.version());
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Source read(Path p) {
        try {
            return new Source(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
