package dev.jwt.cli;

import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.component.WasmBinary;
import dev.jwt.text.Wat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A command's input as read: a binary when it starts with the magic {@code \0asm}, else text
 * (wasm-tools decides the same way, by content, never by file name).
 *
 * @param name how errors name it: the path as given, or {@code <stdin>}
 * @param path the file, or null for stdin
 */
public record WasmInput(String name, Path path, byte[] bytes, boolean strictComponentIndices) {
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    /** An input whose component text must use the strict reference forms. */
    public WasmInput(String name, Path path, byte[] bytes) {
        this(name, path, bytes, true);
    }

    public boolean isBinary() {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The input as a binary: as read when it is one, else the text (a core module or a
     * component) parsed and encoded.
     */
    public byte[] binary() {
        if (isBinary()) {
            return bytes;
        }
        WasmBinary parsed = Wat.parse(text(), name, strictComponentIndices);
        if (parsed instanceof WasmBinary.ComponentBinary c) {
            return ComponentEncoder.encode(c.component());
        }
        return ModuleEncoder.encode(((WasmBinary.CoreModule) parsed).module());
    }

    /** The input as text; fails with the offset of the first byte that is not UTF-8. */
    public String text() {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(buffer).toString();
        } catch (CharacterCodingException e) {
            throw new CommandException("input bytes aren't valid utf-8 (at offset 0x"
                    + Integer.toHexString(buffer.position()) + " of `" + name + "`)");
        }
    }
}
