package jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Text files read strictly, for jgrad's readers: bytes that are not valid in the encoding, a NUL
 * character, or a UTF-16 byte-order mark in a file read as UTF-8 are errors that name the file and
 * the byte offset, never silent replacement characters (which would merge the labels
 * {@code café} and {@code cafè}). A UTF-8 byte-order mark is skipped.
 *
 * <pre>{@code
 * try (Reader r = TextFiles.open(path, StandardCharsets.UTF_8, "CSV file")) { ... }
 * String json = TextFiles.read(path, StandardCharsets.UTF_8, "model file");
 * }</pre>
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * Opens {@code file} for reading in {@code encoding}, after {@link InputLimits#checkFile}.
     *
     * @throws IOException if it cannot be opened
     * @throws InputFormatException if it is not a regular file or too big; reading it later throws
     *     one for bytes that are not valid text
     */
    public static Reader open(Path file, Charset encoding, String what) throws IOException {
        InputLimits.checkFile(file, what);
        return new StrictReader(Files.newInputStream(file), encoding, file.toString());
    }

    /**
     * The whole text of {@code file}, decoded strictly; {@code what} names it in messages.
     *
     * @throws IOException if it cannot be read
     * @throws InputFormatException if it is not a regular file, too big, or not valid text
     */
    public static String read(Path file, Charset encoding, String what) throws IOException {
        long size = InputLimits.checkFile(file, what);
        if (size > Integer.MAX_VALUE - 16) {
            throw new InputFormatException(file.toString(), file + ": the " + what + " is "
                    + InputLimits.describe(size) + ", more text than one Java string holds (2 GiB)");
        }
        InputLimits.checkHeap(file.toString(), "its text", 2 * size);
        StringBuilder out = new StringBuilder((int) Math.min(size, Integer.MAX_VALUE - 16));
        try (Reader r = new StrictReader(Files.newInputStream(file), encoding, file.toString())) {
            char[] buf = new char[1 << 14];
            int n;
            while ((n = r.read(buf)) > 0) {
                out.append(buf, 0, n);
            }
        }
        return out.toString();
    }

    /** {@code text} decoded from {@code bytes} as strictly as a file is; {@code source} names it. */
    public static String decode(byte[] bytes, int offset, int length, Charset encoding, String source) {
        StringBuilder out = new StringBuilder(length);
        try (Reader r = new StrictReader(new java.io.ByteArrayInputStream(bytes, offset, length), encoding, source)) {
            char[] buf = new char[1 << 12];
            int n;
            while ((n = r.read(buf)) > 0) {
                out.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);   // a byte array does not fail
        }
        return out.toString();
    }

    /** A reader that reports bad bytes with their offset instead of replacing them. */
    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final boolean utf8;
        private final String source;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        private final CharBuffer chars = CharBuffer.allocate(1 << 16);
        private long consumed;      // bytes before bytes.position()
        private long charsOut;
        private boolean eof;
        private boolean started;

        StrictReader(InputStream in, Charset encoding, String source) {
            this.in = in;
            this.decoder = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.utf8 = encoding.equals(StandardCharsets.UTF_8);
            this.source = source;
            bytes.limit(0);
            chars.limit(0);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, chars.remaining());
            chars.get(cbuf, off, n);
            return n;
        }

        /** Decodes the next chunk into {@code chars}; false at the end. */
        private boolean fill() throws IOException {
            if (eof && !bytes.hasRemaining()) {
                return false;
            }
            if (!eof) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            if (!started) {
                started = true;
                checkStart();
            }
            chars.clear();
            int before = bytes.position();
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                throw badBytes(consumed + (bytes.position() - before), r.length(), bytes.position());
            }
            if (eof && !bytes.hasRemaining()) {
                decoder.flush(chars);
            }
            consumed += bytes.position() - before;
            chars.flip();
            for (int i = chars.position(); i < chars.limit(); i++) {
                if (chars.get(i) == 0) {
                    throw new InputFormatException(source, source + ": byte offset about " + (consumed - (chars.limit() - i))
                            + " holds a NUL character, which text files do not contain; the file may be UTF-16"
                            + " (read it with --encoding UTF-16) or not a text file at all");
                }
            }
            charsOut += chars.remaining();
            return true;
        }

        /** A UTF-16 byte-order mark where UTF-8 is expected is a clear mistake; a UTF-8 one is skipped. */
        private void checkStart() {
            int n = bytes.remaining();
            int b0 = n > 0 ? bytes.get(0) & 0xff : -1;
            int b1 = n > 1 ? bytes.get(1) & 0xff : -1;
            int b2 = n > 2 ? bytes.get(2) & 0xff : -1;
            if (!utf8) {
                return;
            }
            if ((b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff)) {
                throw new InputFormatException(source, source + " starts with a UTF-16 byte-order mark ("
                        + String.format(Locale.ROOT, "%02X %02X", b0, b1) + "): it is UTF-16 text, not UTF-8;"
                        + " read it with --encoding UTF-16 (or convert it: iconv -f UTF-16 -t UTF-8)");
            }
            if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
                bytes.position(3);
                consumed = 3;
            }
        }

        private InputFormatException badBytes(long offset, int length, int at) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(length, 4) && at + i < bytes.limit(); i++) {
                hex.append(String.format(Locale.ROOT, "%s%02X", i == 0 ? "" : " ", bytes.get(at + i) & 0xff));
            }
            String hint = utf8
                    ? "the file is not UTF-8; if it is Latin-1 or Windows-1252, read it with --encoding ISO-8859-1"
                            + " (or windows-1252), if UTF-16 with --encoding UTF-16"
                    : "check the encoding given with --encoding";
            return new InputFormatException(source, source + ": byte offset " + offset + " (" + hex
                    + ") is not valid " + decoder.charset().name() + " text; " + hint);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
