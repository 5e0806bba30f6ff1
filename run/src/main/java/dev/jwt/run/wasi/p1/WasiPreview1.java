package dev.jwt.run.wasi.p1;

import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.ValType;
import dev.jwt.run.Instance;
import dev.jwt.run.Linker;
import dev.jwt.run.Memory;
import dev.jwt.run.WasmFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The WASI preview1 host ({@code wasi_snapshot_preview1}, spec: ../shared/spec/wasi-preview1/).
 * Each witx function is a Java method of the same name with the exact wasm signature, given to
 * the linker as a {@link MethodHandle}. Functions not implemented yet return {@code ENOSYS}.
 *
 * <p>Files are reached only through preopened directories: a path is resolved component by
 * component inside its directory, {@code ..} may not climb above it, absolute paths are refused,
 * and a path whose real location (symlinks followed) lies outside the preopen is refused with
 * {@code ENOTCAPABLE}.
 */
public final class WasiPreview1 {
    public static final String MODULE = "wasi_snapshot_preview1";

    // filetype
    private static final int FILETYPE_UNKNOWN = 0;
    private static final int FILETYPE_CHARACTER_DEVICE = 2;
    private static final int FILETYPE_DIRECTORY = 3;
    private static final int FILETYPE_REGULAR_FILE = 4;
    private static final int FILETYPE_SYMBOLIC_LINK = 7;
    // oflags
    private static final int O_CREAT = 1;
    private static final int O_DIRECTORY = 2;
    private static final int O_EXCL = 4;
    private static final int O_TRUNC = 8;
    // fdflags
    private static final int FDFLAGS_APPEND = 1;
    // rights
    private static final long RIGHT_FD_READ = 1L << 1;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final long ALL_RIGHTS = (1L << 29) - 1;
    /**
     * The rights that mean something on a directory: the path_* operations, fd_readdir and the
     * directory's own filestat. Reading, writing and seeking are for files only, so a directory
     * never holds them in its base rights (programs check this, e.g. before seeking).
     */
    private static final long DIRECTORY_RIGHTS = rangeOfRights(9, 18) | (1L << 20) | (1L << 21) | (1L << 23)
            | rangeOfRights(24, 26);

    private static long rangeOfRights(int from, int to) {
        return ((1L << (to + 1)) - 1) & ~((1L << from) - 1);
    }

    private final List<String> args;
    private final Map<String, String> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Map<Integer, Descriptor> fds = new TreeMap<>();
    /** Made on the first random_get: setting up the JDK's security providers costs a short run's start-up time. */
    private SecureRandom random;
    private Memory memory;

    /** An open file description. */
    private abstract static class Descriptor {
        int fdflags;
        long rightsBase = ALL_RIGHTS;
        long rightsInheriting = ALL_RIGHTS;
    }

    private static final class StreamDescriptor extends Descriptor {
        final InputStream in;
        final OutputStream out;

        StreamDescriptor(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }
    }

    private static final class DirDescriptor extends Descriptor {
        final Path host;
        final Path root;
        final String preopenName;

        DirDescriptor(Path host, Path root, String preopenName) {
            this.host = host;
            this.root = root;
            this.preopenName = preopenName;
        }
    }

    private static final class FileDescriptor extends Descriptor {
        final FileChannel channel;
        final Path host;

        FileDescriptor(FileChannel channel, Path host) {
            this.channel = channel;
            this.host = host;
        }
    }

    /** A failed call: its errno. */
    private static final class WasiError extends Exception {
        private static final long serialVersionUID = 1L;
        final int errno;

        WasiError(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }

    /**
     * A host for one program run: its arguments (the program name first), environment,
     * standard streams, and preopened directories (guest name to host directory).
     */
    public WasiPreview1(List<String> args, Map<String, String> env, InputStream stdin, OutputStream stdout,
            OutputStream stderr, Map<String, Path> preopens) {
        this.args = List.copyOf(args);
        this.env = env;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        fds.put(0, new StreamDescriptor(stdin, null));
        fds.put(1, new StreamDescriptor(null, stdout));
        fds.put(2, new StreamDescriptor(null, stderr));
        int fd = 3;
        for (Map.Entry<String, Path> p : preopens.entrySet()) {
            Path host = p.getValue().toAbsolutePath().normalize();
            DirDescriptor preopen = new DirDescriptor(host, host, p.getKey());
            preopen.rightsBase = DIRECTORY_RIGHTS;
            fds.put(fd++, preopen);
        }
    }

    // ------------------------------------------------------------ linking

    /** The witx functions with their wasm signatures (params, ">", results: i = i32, I = i64). */
    private static final String[][] FUNCTIONS = {
        {"args_get", "ii>i"}, {"args_sizes_get", "ii>i"}, {"environ_get", "ii>i"}, {"environ_sizes_get", "ii>i"},
        {"clock_res_get", "ii>i"}, {"clock_time_get", "iIi>i"},
        {"fd_advise", "iIIi>i"}, {"fd_allocate", "iII>i"}, {"fd_close", "i>i"}, {"fd_datasync", "i>i"},
        {"fd_fdstat_get", "ii>i"}, {"fd_fdstat_set_flags", "ii>i"}, {"fd_fdstat_set_rights", "iII>i"},
        {"fd_filestat_get", "ii>i"}, {"fd_filestat_set_size", "iI>i"}, {"fd_filestat_set_times", "iIIi>i"},
        {"fd_pread", "iiiIi>i"}, {"fd_prestat_get", "ii>i"}, {"fd_prestat_dir_name", "iii>i"},
        {"fd_pwrite", "iiiIi>i"}, {"fd_read", "iiii>i"}, {"fd_readdir", "iiiIi>i"}, {"fd_renumber", "ii>i"},
        {"fd_seek", "iIii>i"}, {"fd_sync", "i>i"}, {"fd_tell", "ii>i"}, {"fd_write", "iiii>i"},
        {"path_create_directory", "iii>i"}, {"path_filestat_get", "iiiii>i"},
        {"path_filestat_set_times", "iiiiIIi>i"}, {"path_link", "iiiiiii>i"},
        {"path_open", "iiiiiIIii>i"}, {"path_readlink", "iiiiii>i"}, {"path_remove_directory", "iii>i"},
        {"path_rename", "iiiiii>i"}, {"path_symlink", "iiiii>i"}, {"path_unlink_file", "iii>i"},
        {"poll_oneoff", "iiii>i"}, {"proc_exit", "i>"}, {"proc_raise", "i>i"}, {"sched_yield", ">i"},
        {"random_get", "ii>i"}, {"sock_accept", "iii>i"}, {"sock_recv", "iiiiii>i"}, {"sock_send", "iiiii>i"},
        {"sock_shutdown", "ii>i"},
    };

    /** Defines every {@code wasi_snapshot_preview1} function in {@code linker}. */
    public void define(Linker linker) {
        define(linker, null);
    }

    /**
     * Defines the {@code wasi_snapshot_preview1} functions that {@code module} imports (all of them
     * when it is null): each is a bound method handle, and making the ones a program never
     * imports is a noticeable part of a short run's start-up.
     */
    public void define(Linker linker, Module module) {
        java.util.Set<String> wanted = null;
        if (module != null) {
            wanted = new java.util.HashSet<>();
            for (Import imp : module.imports()) {
                if (imp.module().equals(MODULE)) {
                    wanted.add(imp.name());
                }
            }
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (String[] f : FUNCTIONS) {
            if (wanted != null && !wanted.contains(f[0])) {
                continue;
            }
            String sig = f[1];
            int gt = sig.indexOf('>');
            List<ValType> params = new ArrayList<>();
            List<Class<?>> classes = new ArrayList<>();
            for (char c : sig.substring(0, gt).toCharArray()) {
                params.add(c == 'I' ? NumType.I64 : NumType.I32);
                classes.add(c == 'I' ? long.class : int.class);
            }
            boolean result = gt < sig.length() - 1;
            FuncType type = new FuncType(params, result ? List.of(NumType.I32) : List.of());
            MethodHandle h;
            try {
                h = lookup.findVirtual(WasiPreview1.class, f[0],
                        MethodType.methodType(result ? int.class : void.class, classes)).bindTo(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("WASI function " + f[0], e);
            }
            linker.define(MODULE, f[0], WasmFunction.of(type, h));
        }
    }

    /** Gives the host the memory of the instance it serves (its export {@code memory}). */
    public void bind(Instance instance) {
        this.memory = instance.memory("memory");
    }

    /**
     * Runs a command: {@code _start}, returning the exit code (0 when {@code _start} returns,
     * the {@code proc_exit} code otherwise).
     */
    public int runCommand(Instance instance) {
        bind(instance);
        try {
            instance.call("_start");
            return 0;
        } catch (WasiExit e) {
            return e.code();
        } finally {
            flush();
        }
    }

    private void flush() {
        try {
            stdout.flush();
            stderr.flush();
        } catch (IOException ignored) {
            // Nothing useful to do when the console is gone.
        }
    }

    // ------------------------------------------------------------ memory helpers

    private byte[] mem() {
        return memory.bytes;
    }

    private int u32(int addr) {
        return memory.readI32(addr);
    }

    private void putU32(int addr, int v) {
        memory.writeI32(addr, v);
    }

    private void putU64(int addr, long v) {
        memory.writeI64(addr, v);
    }

    private String string(int ptr, int len) {
        return new String(mem(), ptr, len, StandardCharsets.UTF_8);
    }

    private static int errno(Throwable t) {
        if (t instanceof WasiError w) {
            return w.errno;
        }
        if (t instanceof NoSuchFileException) {
            return Errno.NOENT;
        }
        if (t instanceof FileAlreadyExistsException) {
            return Errno.EXIST;
        }
        if (t instanceof DirectoryNotEmptyException) {
            return Errno.NOTEMPTY;
        }
        if (t instanceof AccessDeniedException) {
            return Errno.ACCES;
        }
        if (t instanceof NotDirectoryException) {
            return Errno.NOTDIR;
        }
        if (t instanceof FileSystemLoopException) {
            return Errno.LOOP;
        }
        if (t instanceof IndexOutOfBoundsException) {
            return Errno.FAULT;
        }
        if (t instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            String r = fse.getReason();
            if (r.contains("Not a directory")) {
                return Errno.NOTDIR;
            }
            if (r.contains("Is a directory")) {
                return Errno.ISDIR;
            }
            if (r.contains("Too many levels of symbolic links")) {
                return Errno.LOOP;
            }
            if (r.contains("Directory not empty")) {
                return Errno.NOTEMPTY;
            }
        }
        if (t instanceof IOException || t instanceof UnsupportedOperationException) {
            return Errno.IO;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    private Descriptor fd(int fd) throws WasiError {
        Descriptor d = fds.get(fd);
        if (d == null) {
            throw new WasiError(Errno.BADF);
        }
        return d;
    }

    private DirDescriptor dir(int fd) throws WasiError {
        Descriptor d = fd(fd);
        if (!(d instanceof DirDescriptor dir)) {
            throw new WasiError(Errno.NOTDIR);
        }
        return dir;
    }

    private FileDescriptor file(int fd) throws WasiError {
        Descriptor d = fd(fd);
        if (d instanceof DirDescriptor) {
            throw new WasiError(Errno.ISDIR);
        }
        if (!(d instanceof FileDescriptor f)) {
            throw new WasiError(Errno.SPIPE);
        }
        return f;
    }

    /**
     * The host path of {@code path} inside {@code dir}: relative, never above the preopen root,
     * and (symlinks followed, the last one only if {@code follow}) never outside it.
     */
    private Path resolve(DirDescriptor dir, String path, boolean follow) throws WasiError, IOException {
        if (path.isEmpty()) {
            throw new WasiError(Errno.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw new WasiError(Errno.INVAL);
        }
        if (path.startsWith("/")) {
            throw new WasiError(Errno.PERM);
        }
        Path rel = dir.root.relativize(dir.host);
        List<String> parts = new ArrayList<>();
        for (Path p : rel) {
            if (!p.toString().isEmpty()) {
                parts.add(p.toString());
            }
        }
        String[] comps = path.split("/", -1);
        for (int i = 0; i < comps.length; i++) {
            String c = comps[i];
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (parts.isEmpty()) {
                    throw new WasiError(Errno.PERM);
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(c);
            Path sofar = dir.root.resolve(String.join("/", parts));
            boolean last = i == comps.length - 1 || (i == comps.length - 2 && comps[comps.length - 1].isEmpty());
            if (Files.isSymbolicLink(sofar) && (!last || follow)) {
                Path target = Files.readSymbolicLink(sofar);
                if (target.isAbsolute()) {
                    throw new WasiError(Errno.PERM);
                }
                // Re-resolve through the link's target, relative to the link's directory.
                parts.remove(parts.size() - 1);
                String rest = String.join("/", java.util.Arrays.asList(comps).subList(i + 1, comps.length));
                String linked = target.toString() + (rest.isEmpty() ? "" : "/" + rest);
                Path base = dir.root.resolve(String.join("/", parts));
                DirDescriptor at = new DirDescriptor(base, dir.root, null);
                if (++depth > 40) {
                    depth = 0;
                    throw new WasiError(Errno.LOOP);
                }
                try {
                    return resolve(at, linked, follow);
                } finally {
                    depth--;
                }
            }
        }
        Path result = dir.root.resolve(String.join("/", parts));
        if (path.endsWith("/") && Files.exists(result, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(result, LinkOption.NOFOLLOW_LINKS)) {
            throw new WasiError(Errno.NOTDIR);
        }
        return result;
    }

    private int depth;

    // ------------------------------------------------------------ args, environ, clocks, random

    public int args_get(int argv, int buf) {
        return strings(args, argv, buf);
    }

    public int args_sizes_get(int argc, int bufSize) {
        return sizes(args, argc, bufSize);
    }

    private List<String> environ() {
        List<String> l = new ArrayList<>();
        env.forEach((k, v) -> l.add(k + "=" + v));
        return l;
    }

    public int environ_get(int environ, int buf) {
        return strings(environ(), environ, buf);
    }

    public int environ_sizes_get(int count, int bufSize) {
        return sizes(environ(), count, bufSize);
    }

    private int strings(List<String> list, int ptrs, int buf) {
        try {
            for (String s : list) {
                putU32(ptrs, buf);
                ptrs += 4;
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, mem(), buf, b.length);
                mem()[buf + b.length] = 0;
                buf += b.length + 1;
            }
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    private int sizes(List<String> list, int count, int bufSize) {
        try {
            int size = 0;
            for (String s : list) {
                size += s.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            putU32(count, list.size());
            putU32(bufSize, size);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int clock_res_get(int id, int resPtr) {
        try {
            if (id < 0 || id > 3) {
                return Errno.INVAL;
            }
            putU64(resPtr, id == 0 ? 1_000L : 1L);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int clock_time_get(int id, long precision, int timePtr) {
        try {
            long now = switch (id) {
                case 0 -> {
                    java.time.Instant i = java.time.Instant.now();
                    yield i.getEpochSecond() * 1_000_000_000L + i.getNano();
                }
                case 1, 2, 3 -> System.nanoTime();
                default -> throw new WasiError(Errno.INVAL);
            };
            putU64(timePtr, now);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int random_get(int buf, int len) {
        try {
            byte[] b = new byte[len];
            if (random == null) {
                random = new SecureRandom();
            }
            random.nextBytes(b);
            System.arraycopy(b, 0, mem(), buf, len);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public void proc_exit(int code) {
        flush();
        throw new WasiExit(code);
    }

    public int proc_raise(int sig) {
        return Errno.NOSYS;
    }

    public int sched_yield() {
        Thread.yield();
        return Errno.SUCCESS;
    }

    // ------------------------------------------------------------ fd_*

    public int fd_write(int fd, int iovs, int iovsLen, int nwritten) {
        return fd_pwrite0(fd, iovs, iovsLen, -1, nwritten);
    }

    public int fd_pwrite(int fd, int iovs, int iovsLen, long offset, int nwritten) {
        if (offset < 0) {
            return Errno.INVAL;
        }
        return fd_pwrite0(fd, iovs, iovsLen, offset, nwritten);
    }

    private int fd_pwrite0(int fd, int iovs, int iovsLen, long offset, int nwritten) {
        try {
            Descriptor d = fd(fd);
            if ((d.rightsBase & RIGHT_FD_WRITE) == 0) {
                return Errno.BADF;
            }
            long total = 0;
            if (d instanceof StreamDescriptor s) {
                if (s.out == null || offset >= 0) {
                    return s.out == null ? Errno.BADF : Errno.SPIPE;
                }
                for (int i = 0; i < iovsLen; i++) {
                    int buf = u32(iovs + 8 * i);
                    int len = u32(iovs + 8 * i + 4);
                    s.out.write(mem(), buf, len);
                    total += len;
                }
                if (fd == 2) {
                    s.out.flush();
                }
            } else if (d instanceof FileDescriptor f) {
                long pos = offset;
                boolean append = (f.fdflags & FDFLAGS_APPEND) != 0;
                for (int i = 0; i < iovsLen; i++) {
                    int buf = u32(iovs + 8 * i);
                    int len = u32(iovs + 8 * i + 4);
                    ByteBuffer bb = ByteBuffer.wrap(mem(), buf, len);
                    while (bb.hasRemaining()) {
                        if (pos >= 0) {
                            // fd_pwrite writes at its offset even in append mode (POSIX) and
                            // never moves the file position.
                            pos += f.channel.write(bb, pos);
                        } else {
                            if (append) {
                                f.channel.position(f.channel.size());
                            }
                            f.channel.write(bb);
                        }
                    }
                    total += len;
                }
            } else {
                return Errno.ISDIR;
            }
            putU32(nwritten, (int) total);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_read(int fd, int iovs, int iovsLen, int nread) {
        return fd_pread0(fd, iovs, iovsLen, -1, nread);
    }

    public int fd_pread(int fd, int iovs, int iovsLen, long offset, int nread) {
        if (offset < 0) {
            return Errno.INVAL;
        }
        return fd_pread0(fd, iovs, iovsLen, offset, nread);
    }

    private int fd_pread0(int fd, int iovs, int iovsLen, long offset, int nread) {
        try {
            Descriptor d = fd(fd);
            if ((d.rightsBase & RIGHT_FD_READ) == 0) {
                return Errno.BADF;
            }
            long total = 0;
            if (d instanceof StreamDescriptor s) {
                if (s.in == null) {
                    return Errno.BADF;
                }
                if (offset >= 0) {
                    return Errno.SPIPE;
                }
                for (int i = 0; i < iovsLen; i++) {
                    int buf = u32(iovs + 8 * i);
                    int len = u32(iovs + 8 * i + 4);
                    int n = len == 0 ? 0 : s.in.read(mem(), buf, len);
                    if (n <= 0) {
                        break;
                    }
                    total += n;
                    if (n < len) {
                        break;
                    }
                }
            } else if (d instanceof FileDescriptor f) {
                long pos = offset;
                for (int i = 0; i < iovsLen; i++) {
                    int buf = u32(iovs + 8 * i);
                    int len = u32(iovs + 8 * i + 4);
                    ByteBuffer bb = ByteBuffer.wrap(mem(), buf, len);
                    int n = 0;
                    while (bb.hasRemaining()) {
                        int r = pos >= 0 ? f.channel.read(bb, pos + n) : f.channel.read(bb);
                        if (r <= 0) {
                            break;
                        }
                        n += r;
                    }
                    total += n;
                    if (pos >= 0) {
                        pos += n;
                    }
                    if (n < len) {
                        break;
                    }
                }
            } else {
                return Errno.ISDIR;
            }
            putU32(nread, (int) total);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_close(int fd) {
        try {
            Descriptor d = fd(fd);
            fds.remove(fd);
            if (d instanceof FileDescriptor f) {
                f.channel.close();
            }
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_seek(int fd, long offset, int whence, int newOffset) {
        try {
            Descriptor d = fd(fd);
            if (d instanceof DirDescriptor) {
                return Errno.BADF;
            }
            FileDescriptor f = file(fd);
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> f.channel.position();
                case 2 -> f.channel.size();
                default -> throw new WasiError(Errno.INVAL);
            };
            long pos = base + offset;
            if (pos < 0) {
                return Errno.INVAL;
            }
            f.channel.position(pos);
            putU64(newOffset, pos);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_tell(int fd, int offsetPtr) {
        try {
            Descriptor d = fd(fd);
            if (d instanceof DirDescriptor) {
                return Errno.BADF;
            }
            putU64(offsetPtr, file(fd).channel.position());
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_fdstat_get(int fd, int buf) {
        try {
            Descriptor d = fd(fd);
            int type = d instanceof DirDescriptor ? FILETYPE_DIRECTORY
                    : d instanceof FileDescriptor ? FILETYPE_REGULAR_FILE : FILETYPE_CHARACTER_DEVICE;
            mem()[buf] = (byte) type;
            mem()[buf + 1] = 0;
            memory.writeI16(buf + 2, (short) d.fdflags);
            putU32(buf + 4, 0);
            putU64(buf + 8, d.rightsBase);
            putU64(buf + 16, d.rightsInheriting);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_fdstat_set_flags(int fd, int flags) {
        try {
            Descriptor d = fd(fd);
            d.fdflags = flags & 0xFFFF;
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_fdstat_set_rights(int fd, long base, long inheriting) {
        try {
            Descriptor d = fd(fd);
            if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
                return Errno.NOTCAPABLE;
            }
            d.rightsBase = base;
            d.rightsInheriting = inheriting;
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    private Path hostPath(Descriptor d) {
        if (d instanceof DirDescriptor dir) {
            return dir.host;
        }
        if (d instanceof FileDescriptor f) {
            return f.host;
        }
        return null;
    }

    public int fd_filestat_get(int fd, int buf) {
        try {
            Descriptor d = fd(fd);
            Path p = hostPath(d);
            if (p == null) {
                java.util.Arrays.fill(mem(), buf, buf + 64, (byte) 0);
                mem()[buf + 16] = FILETYPE_CHARACTER_DEVICE;
                return Errno.SUCCESS;
            }
            writeFilestat(p, true, buf);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    private void writeFilestat(Path p, boolean follow, int buf) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, opts);
        long dev = 0;
        long ino = 0;
        long nlink = 1;
        try {
            Map<String, Object> unix = Files.readAttributes(p, "unix:dev,ino,nlink", opts);
            dev = ((Number) unix.get("dev")).longValue();
            ino = ((Number) unix.get("ino")).longValue();
            nlink = ((Number) unix.get("nlink")).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Object key = a.fileKey();
            ino = key == null ? 0 : key.hashCode();
        }
        putU64(buf, dev);
        putU64(buf + 8, ino);
        java.util.Arrays.fill(mem(), buf + 16, buf + 24, (byte) 0);
        mem()[buf + 16] = (byte) filetype(a);
        putU64(buf + 24, nlink);
        putU64(buf + 32, a.size());
        putU64(buf + 40, nanos(a.lastAccessTime()));
        putU64(buf + 48, nanos(a.lastModifiedTime()));
        putU64(buf + 56, nanos(a.lastModifiedTime()));
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    private static int filetype(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return FILETYPE_SYMBOLIC_LINK;
        }
        if (a.isDirectory()) {
            return FILETYPE_DIRECTORY;
        }
        if (a.isRegularFile()) {
            return FILETYPE_REGULAR_FILE;
        }
        return FILETYPE_UNKNOWN;
    }

    public int fd_filestat_set_size(int fd, long size) {
        try {
            FileDescriptor f = file(fd);
            if (size < 0) {
                return Errno.INVAL;
            }
            long cur = f.channel.size();
            if (size < cur) {
                f.channel.truncate(size);
            } else if (size > cur) {
                f.channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_filestat_set_times(int fd, long atim, long mtim, int flags) {
        try {
            Path p = hostPath(fd(fd));
            if (p == null) {
                return Errno.BADF;
            }
            return setTimes(p, atim, mtim, flags);
        } catch (Throwable t) {
            return errno(t);
        }
    }

    private static int setTimes(Path p, long atim, long mtim, int flags, LinkOption... follow) throws IOException {
        if (((flags & 1) != 0 && (flags & 2) != 0) || ((flags & 4) != 0 && (flags & 8) != 0) || (flags & ~15) != 0) {
            return Errno.INVAL;
        }
        long now = System.currentTimeMillis() * 1_000_000L;
        FileTime a = (flags & 1) != 0 ? FileTime.from(atim, TimeUnit.NANOSECONDS)
                : (flags & 2) != 0 ? FileTime.from(now, TimeUnit.NANOSECONDS) : null;
        FileTime m = (flags & 4) != 0 ? FileTime.from(mtim, TimeUnit.NANOSECONDS)
                : (flags & 8) != 0 ? FileTime.from(now, TimeUnit.NANOSECONDS) : null;
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, follow).setTimes(m, a, null);
        return Errno.SUCCESS;
    }

    public int fd_prestat_get(int fd, int buf) {
        try {
            Descriptor d = fd(fd);
            if (!(d instanceof DirDescriptor dir) || dir.preopenName == null) {
                return Errno.BADF;
            }
            putU32(buf, 0);
            putU32(buf + 4, dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_prestat_dir_name(int fd, int path, int len) {
        try {
            Descriptor d = fd(fd);
            if (!(d instanceof DirDescriptor dir) || dir.preopenName == null) {
                return Errno.BADF;
            }
            byte[] name = dir.preopenName.getBytes(StandardCharsets.UTF_8);
            if (len < name.length) {
                return Errno.NAMETOOLONG;
            }
            System.arraycopy(name, 0, mem(), path, name.length);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_readdir(int fd, int buf, int bufLen, long cookie, int bufUsed) {
        try {
            DirDescriptor dir = dir(fd);
            List<String> names = new ArrayList<>();
            names.add(".");
            names.add("..");
            try (Stream<Path> s = Files.list(dir.host)) {
                s.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
            }
            int used = 0;
            for (long i = cookie; i < names.size() && used < bufLen; i++) {
                String name = names.get((int) i);
                Path p = dir.host.resolve(name).normalize();
                byte[] nb = name.getBytes(StandardCharsets.UTF_8);
                byte[] entry = new byte[24 + nb.length];
                ByteBuffer e = ByteBuffer.wrap(entry).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                e.putLong(0, i + 1);
                long ino = 0;
                int type = FILETYPE_UNKNOWN;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    type = filetype(a);
                    ino = ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
                    // An entry that vanished or cannot be inspected is listed with what is known.
                }
                e.putLong(8, ino);
                e.putInt(16, nb.length);
                entry[20] = (byte) type;
                System.arraycopy(nb, 0, entry, 24, nb.length);
                int n = Math.min(entry.length, bufLen - used);
                System.arraycopy(entry, 0, mem(), buf + used, n);
                used += n;
            }
            putU32(bufUsed, used);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_renumber(int fd, int to) {
        try {
            Descriptor d = fd(fd);
            Descriptor old = fd(to);
            if (old instanceof FileDescriptor f) {
                f.channel.close();
            }
            fds.put(to, d);
            fds.remove(fd);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_sync(int fd) {
        try {
            Descriptor d = fd(fd);
            if (d instanceof FileDescriptor f) {
                f.channel.force(true);
            }
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_datasync(int fd) {
        return fd_sync(fd);
    }

    public int fd_advise(int fd, long offset, long len, int advice) {
        try {
            Descriptor d = fd(fd);
            if (d instanceof DirDescriptor) {
                return Errno.BADF;
            }
            file(fd);
            if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
                return Errno.INVAL;
            }
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int fd_allocate(int fd, long offset, long len) {
        try {
            // Only an open file could be asked to reserve space; jwt does not do it (as wasmtime).
            return fd(fd) instanceof DirDescriptor ? Errno.BADF : Errno.NOTSUP;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    // ------------------------------------------------------------ path_*

    public int path_open(int dirfd, int lookupFlags, int path, int pathLen, int oflags, long rightsBase,
            long rightsInheriting, int fdflags, int opened) {
        try {
            DirDescriptor dir = dir(dirfd);
            String guest = string(path, pathLen);
            boolean follow = (lookupFlags & 1) != 0;
            Path p = resolve(dir, guest, follow);
            boolean exists = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
            if (!follow && Files.isSymbolicLink(p)) {
                if ((oflags & O_DIRECTORY) != 0) {
                    return Errno.NOTDIR;
                }
                return Errno.LOOP;
            }
            if ((oflags & O_CREAT) != 0 && (oflags & O_EXCL) != 0 && exists) {
                return Errno.EXIST;
            }
            if ((oflags & O_DIRECTORY) != 0 || (exists && Files.isDirectory(p) && (oflags & (O_CREAT | O_TRUNC)) == 0
                    && (rightsBase & RIGHT_FD_WRITE) == 0)) {
                if (!exists) {
                    return Errno.NOENT;
                }
                if (!Files.isDirectory(p)) {
                    return Errno.NOTDIR;
                }
                if ((rightsBase & RIGHT_FD_WRITE) != 0) {
                    return Errno.ISDIR; // a directory cannot be opened for writing
                }
                // A directory descriptor is a capability for what lies below it only: paths
                // through it may not climb above it, even while still inside the preopen.
                DirDescriptor nd = new DirDescriptor(p, p, null);
                nd.rightsBase = rightsBase & dir.rightsInheriting & DIRECTORY_RIGHTS;
                nd.rightsInheriting = rightsInheriting & dir.rightsInheriting;
                return register(nd, opened);
            }
            if (exists && Files.isDirectory(p)) {
                return Errno.ISDIR;
            }
            if (!exists && (oflags & O_CREAT) == 0) {
                return Errno.NOENT;
            }
            Set<OpenOption> opts = new HashSet<>();
            boolean write = (rightsBase & (RIGHT_FD_WRITE | (1L << 22) | (1L << 9))) != 0
                    || (oflags & (O_CREAT | O_TRUNC)) != 0 || (fdflags & FDFLAGS_APPEND) != 0;
            opts.add(StandardOpenOption.READ);
            if (write && Files.isWritable(p.getParent())) {
                opts.add(StandardOpenOption.WRITE);
            }
            if ((oflags & O_CREAT) != 0) {
                opts.add(StandardOpenOption.CREATE);
                opts.add(StandardOpenOption.WRITE);
            }
            if ((oflags & O_TRUNC) != 0) {
                opts.add(StandardOpenOption.TRUNCATE_EXISTING);
                opts.add(StandardOpenOption.WRITE);
            }
            FileChannel ch;
            try {
                ch = FileChannel.open(p, opts);
            } catch (AccessDeniedException e) {
                opts.remove(StandardOpenOption.WRITE);
                ch = FileChannel.open(p, opts);
            }
            FileDescriptor nf = new FileDescriptor(ch, p);
            nf.fdflags = fdflags;
            nf.rightsBase = rightsBase & dir.rightsInheriting;
            nf.rightsInheriting = rightsInheriting & dir.rightsInheriting;
            return register(nf, opened);
        } catch (Throwable t) {
            return errno(t);
        }
    }

    private int register(Descriptor d, int opened) {
        int fd = 3;
        while (fds.containsKey(fd)) {
            fd++;
        }
        fds.put(fd, d);
        putU32(opened, fd);
        return Errno.SUCCESS;
    }

    public int path_create_directory(int dirfd, int path, int pathLen) {
        try {
            Path p = resolve(dir(dirfd), string(path, pathLen), false);
            Files.createDirectory(p);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_remove_directory(int dirfd, int path, int pathLen) {
        try {
            Path p = resolve(dir(dirfd), string(path, pathLen), false);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.NOENT;
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.NOTDIR;
            }
            Files.delete(p);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_unlink_file(int dirfd, int path, int pathLen) {
        try {
            String guest = string(path, pathLen);
            Path p = resolve(dir(dirfd), guest, false);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.ISDIR;
            }
            if (guest.endsWith("/")) {
                return Errno.NOTDIR;
            }
            Files.delete(p);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_filestat_get(int dirfd, int flags, int path, int pathLen, int buf) {
        try {
            boolean follow = (flags & 1) != 0;
            Path p = resolve(dir(dirfd), string(path, pathLen), follow);
            writeFilestat(p, follow, buf);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_filestat_set_times(int dirfd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags) {
        try {
            boolean follow = (flags & 1) != 0;
            Path p = resolve(dir(dirfd), string(path, pathLen), follow);
            // Without symlink_follow the times are the symlink's own.
            return follow ? setTimes(p, atim, mtim, fstFlags) : setTimes(p, atim, mtim, fstFlags, LinkOption.NOFOLLOW_LINKS);
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_rename(int fd, int oldPath, int oldLen, int newFd, int newPath, int newLen) {
        try {
            Path from = resolve(dir(fd), string(oldPath, oldLen), false);
            Path to = resolve(dir(newFd), string(newPath, newLen), false);
            if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.NOENT;
            }
            if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.ISDIR;
            }
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)
                    && Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.NOTDIR;
            }
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_readlink(int dirfd, int path, int pathLen, int buf, int bufLen, int bufUsed) {
        try {
            Path p = resolve(dir(dirfd), string(path, pathLen), false);
            if (!Files.isSymbolicLink(p)) {
                return Errno.INVAL;
            }
            byte[] target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
            int n = Math.min(target.length, bufLen);
            System.arraycopy(target, 0, mem(), buf, n);
            putU32(bufUsed, n);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_symlink(int oldPath, int oldLen, int dirfd, int newPath, int newLen) {
        try {
            String target = string(oldPath, oldLen);
            if (target.startsWith("/")) {
                return Errno.PERM;
            }
            Path link = resolve(dir(dirfd), string(newPath, newLen), false);
            if (newLen > 0 && string(newPath, newLen).endsWith("/")) {
                return Files.exists(link, LinkOption.NOFOLLOW_LINKS) ? Errno.EXIST : Errno.NOENT;
            }
            Files.createSymbolicLink(link, Path.of(target));
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int path_link(int oldFd, int oldFlags, int oldPath, int oldLen, int newFd, int newPath, int newLen) {
        try {
            Path from = resolve(dir(oldFd), string(oldPath, oldLen), (oldFlags & 1) != 0);
            String newGuest = string(newPath, newLen);
            Path to = resolve(dir(newFd), newGuest, false);
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                return Errno.PERM;
            }
            if (newGuest.endsWith("/")) {
                return Errno.NOENT; // a trailing slash names a directory, and a link to a file is none
            }
            Files.createLink(to, from);
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    // ------------------------------------------------------------ poll, sockets

    public int poll_oneoff(int in, int out, int nsubscriptions, int neventsPtr) {
        try {
            if (nsubscriptions == 0) {
                return Errno.INVAL;
            }
            // Descriptors (stdio, files) are always ready, so they answer at once; a clock
            // fires only if nothing else is ready, after sleeping until the earliest deadline,
            // or when its deadline has already passed.
            long[] clockWait = new long[nsubscriptions];
            boolean anyReady = false;
            long sleepNanos = Long.MAX_VALUE;
            for (int i = 0; i < nsubscriptions; i++) {
                int s = in + 48 * i;
                if (mem()[s + 8] == 0) {
                    long timeout = memory.readI64(s + 24);
                    int flags = mem()[s + 40] & 0xFFFF;
                    if ((flags & 1) != 0) {
                        int clock = u32(s + 16);
                        long now = clock == 0 ? System.currentTimeMillis() * 1_000_000L : System.nanoTime();
                        timeout = timeout - now;
                    }
                    clockWait[i] = Math.max(0, timeout);
                    sleepNanos = Math.min(sleepNanos, clockWait[i]);
                } else {
                    anyReady = true;
                }
            }
            long fireBy = anyReady ? 0 : sleepNanos;
            if (!anyReady && sleepNanos > 0 && sleepNanos != Long.MAX_VALUE) {
                Thread.sleep(sleepNanos / 1_000_000L, (int) (sleepNanos % 1_000_000L));
            }
            int events = 0;
            for (int i = 0; i < nsubscriptions; i++) {
                int s = in + 48 * i;
                long userdata = memory.readI64(s);
                int tag = mem()[s + 8];
                int e = out + 32 * events;
                if (tag == 0) {
                    if (clockWait[i] > fireBy) {
                        continue;
                    }
                    putU64(e, userdata);
                    memory.writeI16(e + 8, (short) 0);
                    mem()[e + 10] = 0;
                    events++;
                } else {
                    putU64(e, userdata);
                    int fd = u32(s + 16);
                    memory.writeI16(e + 8, (short) (fds.containsKey(fd) ? 0 : Errno.BADF));
                    mem()[e + 10] = (byte) tag;
                    putU64(e + 16, 0);
                    memory.writeI16(e + 24, (short) 0);
                    events++;
                }
            }
            putU32(neventsPtr, events);
            return Errno.SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Errno.SUCCESS;
        } catch (Throwable t) {
            return errno(t);
        }
    }

    public int sock_accept(int fd, int flags, int fdPtr) {
        return notSocket(fd);
    }

    public int sock_recv(int fd, int riData, int riDataLen, int riFlags, int roDataLen, int roFlags) {
        return notSocket(fd);
    }

    public int sock_send(int fd, int siData, int siDataLen, int siFlags, int soDataLen) {
        return notSocket(fd);
    }

    public int sock_shutdown(int fd, int how) {
        return notSocket(fd);
    }

    /** No socket is ever open: a valid descriptor is not a socket, an invalid one is bad. */
    private int notSocket(int fd) {
        return fds.containsKey(fd) ? Errno.NOTSOCK : Errno.BADF;
    }
}
