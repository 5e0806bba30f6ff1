package dev.jwt.text;

import dev.jwt.binary.WasmException;
import dev.jwt.binary.module.Module;
import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.TokenKind;
import java.io.ByteArrayOutputStream;

/** The {@code binary "..."} form of a module: its strings concatenated, and decoded. */
final class ModuleBytes {
    private ModuleBytes() {}

    static byte[] strings(Cursor c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (c.at(TokenKind.STRING)) {
            byte[] b = c.stringBytes();
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    static Module decode(byte[] bytes) {
        return dev.jwt.binary.ModuleDecoder.decode(bytes);
    }
}
