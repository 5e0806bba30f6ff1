package dev.jwt.binary.component;

/** {@code canonopt}: an option of {@code canon lift}, {@code lower} and some built-ins. */
public sealed interface CanonOption permits CanonOption.StringEncoding, CanonOption.Memory, CanonOption.Realloc,
        CanonOption.PostReturn, CanonOption.Async, CanonOption.Callback, CanonOption.CoreType, CanonOption.Gc {

    /** The option's leading byte. */
    int code();

    /** {@code 0x00}..{@code 0x02}: {@code string-encoding=utf8|utf16|latin1+utf16}. */
    enum StringEncoding implements CanonOption {
        UTF8(0x00, "utf8"),
        UTF16(0x01, "utf16"),
        /** Called {@code compact-utf16} by some tools; spelled {@code latin1+utf16} in text. */
        LATIN1_UTF16(0x02, "latin1+utf16");

        private final int code;
        private final String text;

        StringEncoding(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        /** The text after {@code string-encoding=}. */
        public String text() {
            return text;
        }
    }

    /** {@code 0x03 m}: {@code (memory m)}, a core memory index. */
    record Memory(int memoryIndex) implements CanonOption {
        public int code() { return 0x03; }
    }

    /** {@code 0x04 f}: {@code (realloc f)}, a core function index. */
    record Realloc(int funcIndex) implements CanonOption {
        public int code() { return 0x04; }
    }

    /** {@code 0x05 f}: {@code (post-return f)}, a core function index. */
    record PostReturn(int funcIndex) implements CanonOption {
        public int code() { return 0x05; }
    }

    /** {@code 0x06}: 🔀 {@code async}. */
    record Async() implements CanonOption {
        public int code() { return 0x06; }
    }

    /** {@code 0x07 f}: 🔀 {@code (callback f)}, a core function index. */
    record Callback(int funcIndex) implements CanonOption {
        public int code() { return 0x07; }
    }

    /** {@code 0x08 t}: {@code (core-type t)}, the core function type of a GC lowering (wasm-tools, cm-gc). */
    record CoreType(int coreTypeIndex) implements CanonOption {
        public int code() { return 0x08; }
    }

    /** {@code 0x09}: {@code gc}, lift/lower with GC types instead of linear memory (wasm-tools, cm-gc). */
    record Gc() implements CanonOption {
        public int code() { return 0x09; }
    }
}
