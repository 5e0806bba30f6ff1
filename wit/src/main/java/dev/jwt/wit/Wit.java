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
                // Binary dependencies come first: wit-parser adds decoded packages to the resolve
                // as it meets them, and sorts the parsed WIT ones afterwards.
                List<UnresolvedPackage> binaryDeps = new ArrayList<>();
                List<UnresolvedPackage> deps = new ArrayList<>();
                for (Group g : parseDepsDir(path.resolve("deps"))) {
                    (g.binary() ? binaryDeps : deps).addAll(g.all());
                }
                Group top;
                try {
                    top = parseDir(path);
                } catch (WitException e) {
                    throw e.withContext("failed to parse package: " + path);
                }
                return Resolver.link(top.main, top.nested, binaryDeps, deps, features);
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
        return group(List.of(AstBuilder.parse(new Source(p.toString(), text)))).asBinary();
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
     * {@code root:component}; a core module the world its {@code component-type} sections embed
     * (see {@link #decodeCoreModule}). The main package comes first in {@link Loaded#packages()}.
     */
    public static Loaded decodeWasm(byte[] bytes) {
        WasmBinary binary = ComponentDecoder.decodeAny(bytes);
        Component component;
        if (binary instanceof WasmBinary.ComponentBinary c) {
            component = c.component();
        } else {
            return decodeCoreModule(((WasmBinary.CoreModule) binary).module().customs());
        }
        return decode(component);
    }

    /**
     * The WIT a core module carries in its {@code component-type*} custom sections (what
     * {@code component embed} writes: each a component encoding one world and the packages it
     * uses), as wit-component's metadata decoding gives it: the world {@code root} of package
     * {@code root:root} holding every embedded world's imports and exports (as if it included
     * them), followed by the embedded packages.
     */
    private static Loaded decodeCoreModule(List<CustomSection> customs) {
        List<UnresolvedPackage> deps = new ArrayList<>();
        Set<PackageName> seen = new java.util.HashSet<>();
        List<PackageName> names = new ArrayList<>();
        StringBuilder root = new StringBuilder("package root:root;\n\nworld root {\n");
        for (CustomSection s : customs) {
            if (!s.name().startsWith("component-type")) {
                continue;
            }
            WitDecoder.Decoded d;
            try {
                WasmBinary inner = ComponentDecoder.decodeAny(s.data().toArray());
                if (!(inner instanceof WasmBinary.ComponentBinary c)) {
                    throw new WitException("the `" + s.name() + "` custom section does not hold a component", null);
                }
                d = WitDecoder.decode(c.component());
            } catch (WitException e) {
                throw e.withContext("failed to decode the `" + s.name() + "` custom section");
            }
            Resolve r = d.resolve();
            dev.jwt.wit.resolve.Package main = r.packages().get(d.mainPackage());
            if (!d.isWitPackage() || main.worlds().size() != 1) {
                throw new WitException("the `" + s.name() + "` custom section does not encode exactly one world", null);
            }
            root.append("  include ").append(main.name().namespace()).append(':').append(main.name().name()).append('/')
                    .append(main.worlds().keySet().iterator().next())
                    .append(main.name().version() == null ? "" : "@" + main.name().version()).append(";\n");
            // Each package once, even when several sections carry it (wit-component merges them),
            // in the order wit-component meets them decoding the world: the packages of its
            // imports and exports, then its own.
            List<Integer> order = new ArrayList<>();
            dev.jwt.wit.resolve.World world = r.worlds().get(main.worlds().values().iterator().next());
            for (var items : List.of(world.imports(), world.exports())) {
                for (dev.jwt.wit.resolve.WorldKey key : items.keySet()) {
                    if (key instanceof dev.jwt.wit.resolve.WorldKey.OfInterface i) {
                        Integer pkg = r.interfaces().get(i.index()).packageIndex();
                        if (pkg != null && !order.contains(pkg)) {
                            order.add(pkg);
                        }
                    }
                }
            }
            for (int id : List.of(d.mainPackage())) {
                if (!order.contains(id)) {
                    order.add(id);
                }
            }
            for (int id = 0; id < r.packages().size(); id++) {
                if (!order.contains(id)) {
                    order.add(id);
                }
            }
            for (int id : order) {
                if (seen.add(r.packages().get(id).name())) {
                    String text = WitPrinter.print(r, id, List.of(), true);
                    deps.add(group(List.of(AstBuilder.parse(new Source(s.name(), text)))).main());
                    names.add(r.packages().get(id).name());
                }
            }
        }
        if (seen.isEmpty()) {
            throw new WitException("input is a core wasm module with no `component-type*` custom sections meaning that "
                    + "there is not WIT information; is the information not embedded or is this supposed to be a component?", null);
        }
        root.append("}\n");
        Group g = group(List.of(AstBuilder.parse(new Source("<component-type>", root.toString()))));
        Loaded linked = Resolver.link(g.main, g.nested, deps, List.of(), Features.NONE);
        // wit-component starts from an empty root:root and merges the sections into it, so that
        // package comes first (which decides, e.g., the order of `--out-dir` files).
        names.add(0, linked.resolve().packages().get(linked.mainPackage()).name());
        return new Loaded(withPackageOrder(linked.resolve(), names), 0, List.of(0));
    }

    /** resolve with its packages in the order of names (which names them all). */
    private static Resolve withPackageOrder(Resolve r, List<PackageName> names) {
        int[] index = new int[r.packages().size()];
        List<dev.jwt.wit.resolve.Package> packages = new ArrayList<>();
        for (PackageName n : names) {
            for (int i = 0; i < r.packages().size(); i++) {
                if (r.packages().get(i).name().equals(n)) {
                    index[i] = packages.size();
                    packages.add(r.packages().get(i));
                }
            }
        }
        List<dev.jwt.wit.resolve.Interface> interfaces = r.interfaces().stream()
                .map(i -> i.packageIndex() == null ? i : new dev.jwt.wit.resolve.Interface(i.name(), i.types(), i.functions(),
                        i.docs(), i.stability(), index[i.packageIndex()]))
                .toList();
        List<dev.jwt.wit.resolve.World> worlds = r.worlds().stream()
                .map(w -> new dev.jwt.wit.resolve.World(w.name(), w.imports(), w.exports(), index[w.packageIndex()], w.docs(),
                        w.stability()))
                .toList();
        return new Resolve(worlds, interfaces, r.types(), packages);
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
    private record Group(UnresolvedPackage main, List<UnresolvedPackage> nested, boolean binary) {
        Group(UnresolvedPackage main, List<UnresolvedPackage> nested) {
            this(main, nested, false);
        }

        Group asBinary() {
            return new Group(main, nested, true);
        }

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
