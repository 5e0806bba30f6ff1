package dev.jwt.cli.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The dump's defining property, checked on real toolchain output (the chicory corpus' core
 * modules up to 256 KiB): read back from the dump's lines, the hex columns and the "N bytes"
 * summaries give every byte of the binary exactly once, in order, with correct offsets. (Like
 * wasm-tools, the summary of an active data segment's bytes also covers their length field.)
 */
class DumpCoverageTest {
    private static final long MAX_SIZE = 256 * 1024;

    @TestFactory
    List<DynamicTest> everyByteOnce() throws IOException {
        KnownFailures kf = KnownFailures.load("dump-coverage");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.files(Corpus.resolve("chicory-wasm-corpus"), p -> p.toString().endsWith(".wasm"))) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_SIZE || !isCoreModule(bytes)) {
                continue;
            }
            tests.add(kf.test(Corpus.id(file), () -> {
                CoverageCheck check = new CoverageCheck(bytes);
                ModuleDump.dump(bytes, check);
                check.finish();
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }

    /** The same of every component of the corpus up to the size limit, nested modules and components included. */
    @TestFactory
    List<DynamicTest> everyByteOnceInComponents() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Corpus.files(Corpus.root(), p -> p.toString().endsWith(".wasm"))) {
            if (Files.size(file) > MAX_SIZE) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isCoreModule(bytes) || bytes.length < 8) {
                continue;
            }
            try {
                if (ModuleDecoder.readPreamble(new BinaryReader(bytes)) != ModuleDecoder.BinaryKind.COMPONENT) {
                    continue;
                }
            } catch (RuntimeException e) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(Corpus.id(file), () -> {
                CoverageCheck check = new CoverageCheck(bytes);
                ModuleDump.dump(bytes, check);
                check.finish();
            }));
        }
        assertTrue(tests.size() >= 3, "the corpus has small components: " + tests.size());
        return tests;
    }

    /**
     * A truncated component is reported as malformed after a dump of what precedes the fault, as
     * wasm-tools does: its lines cover the bytes from the start, in order, well into the input.
     */
    @TestFactory
    List<DynamicTest> truncatedComponentShowsItsPrefix() throws IOException {
        byte[] whole = Files.readAllBytes(Corpus.resolve("wac/wac-types/dummy_wasi_http@0.2.0.wasm"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int cut = whole.length * i / 9;
            tests.add(DynamicTest.dynamicTest("cut at " + cut, () -> {
                byte[] bytes = java.util.Arrays.copyOf(whole, cut);
                CoverageCheck check = new CoverageCheck(bytes);
                org.junit.jupiter.api.Assertions.assertThrows(dev.jwt.binary.MalformedException.class,
                        () -> ModuleDump.dump(bytes, check));
                // At least every top-level section that ends before the cut is shown.
                BinaryReader r = new BinaryReader(bytes);
                ModuleDecoder.readPreamble(r);
                int complete = r.position();
                while (!r.eof()) {
                    r.u8();
                    int size = r.u32();
                    if (size > r.remaining()) {
                        break;
                    }
                    r.seek(r.position() + size);
                    complete = r.position();
                }
                int shown = check.position;
                assertTrue(shown >= complete && shown <= cut, "shown " + shown + " bytes of " + cut + ", "
                        + complete + " in complete sections");
            }));
        }
        return tests;
    }

    static boolean isCoreModule(byte[] bytes) {
        try {
            return ModuleDecoder.readPreamble(new BinaryReader(bytes)) == ModuleDecoder.BinaryKind.MODULE;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A writer that reads the dump back line by line and checks each byte against the binary. */
    static final class CoverageCheck extends Writer {
        private static final Pattern FIRST = Pattern.compile("^ *0x([0-9a-f]+) \\|((?: [0-9a-f]{2}| {3}){4}) \\| .*$");
        private static final Pattern NEXT = Pattern.compile("^ +\\|((?: [0-9a-f]{2}| {3}){4})$");
        private static final Pattern SUMMARY = Pattern.compile(
                "^ *0x([0-9a-f]+) \\|-{13}\\| \\.\\.\\. (?:failed to decode )?(\\d+) (?:more )?bytes.*$");

        private final byte[] bytes;
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int lines;
        /** A summary line whose extent is settled by the offset of the next line: its offset, or -1. */
        private int summaryAt = -1;
        private int summaryBytes;

        CoverageCheck(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    check(line.toString());
                    line.setLength(0);
                } else {
                    line.append(buf[i]);
                }
            }
        }

        private void check(String s) {
            lines++;
            Matcher m;
            if ((m = FIRST.matcher(s)).matches()) {
                settle(Integer.parseInt(m.group(1), 16));
                assertEquals(position, Integer.parseInt(m.group(1), 16), () -> "offset of line " + lines + ": " + s);
                hex(m.group(2), s);
            } else if ((m = NEXT.matcher(s)).matches()) {
                hex(m.group(1), s);
            } else if ((m = SUMMARY.matcher(s)).matches()) {
                settle(Integer.parseInt(m.group(1), 16));
                assertEquals(position, Integer.parseInt(m.group(1), 16), () -> "offset of line " + lines + ": " + s);
                summaryAt = position;
                summaryBytes = Integer.parseInt(m.group(2));
            } else if (!s.startsWith("--- rec group ") && !s.startsWith("============== func ")) {
                fail("line " + lines + " has no known shape: `" + s + "`");
            }
        }

        /**
         * Ends the pending summary where the next line starts: it covered its N bytes, or its N
         * bytes preceded by their length as a LEB128 u32.
         */
        private void settle(int next) {
            if (summaryAt < 0) {
                return;
            }
            int extent = next - summaryAt;
            if (extent != summaryBytes) {
                BinaryReader r = new BinaryReader(bytes);
                r.seek(summaryAt);
                int length = r.u32();
                assertEquals(summaryBytes, length, "length field before the summarized bytes at 0x"
                        + Integer.toHexString(summaryAt));
                assertEquals(r.position() - summaryAt + summaryBytes, extent, "extent of the summary at 0x"
                        + Integer.toHexString(summaryAt));
            }
            position = next;
            summaryAt = -1;
        }

        private void hex(String columns, String s) {
            for (String h : columns.strip().split(" +")) {
                if (h.isEmpty()) {
                    continue;
                }
                assertTrue(position < bytes.length, () -> "past the end at line " + lines + ": " + s);
                assertEquals(bytes[position] & 0xFF, Integer.parseInt(h, 16), () -> "byte at 0x"
                        + Integer.toHexString(position) + ", line " + lines + ": " + s);
                position++;
            }
        }

        void finish() {
            assertEquals("", line.toString(), "unterminated last line");
            settle(bytes.length);
            assertEquals(bytes.length, position, "bytes covered");
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
