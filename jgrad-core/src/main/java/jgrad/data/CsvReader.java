package jgrad.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV tokenizer behind {@link Csv}: one pass over the characters, RFC 4180 quoting (a quoted
 * field may span lines), LF, CRLF or CR line ends, fields trimmed, blank lines skipped. Each
 * field goes straight into its {@link CsvColumn}, so the work per row is linear in its length
 * however many columns there are. An unquoted field goes as a span of the read buffer (kept whole
 * across refills), which a numeric column parses in place with {@link DecimalParser}: no string,
 * no copy per field; quoted fields are unquoted into a scratch array first.
 */
final class CsvReader {
    private final Reader in;
    private final String source;
    private char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private int line = 1;
    /** The text of the last quoted field, unquoted: {@code field[0, fieldLength)}. */
    private char[] field = new char[256];
    private int fieldLength;

    CsvReader(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    Csv.Table read() throws IOException {
        List<String> header = new ArrayList<>();
        int headerLine;
        do {
            headerLine = line;
            header.clear();
            if (!record((chars, from, to, quoted, last) -> header.add(new String(chars, from, to - from)))) {
                throw new CsvFormatException(source, 1, 0, "the file is empty; expected a header row of column names");
            }
        } while (isBlank(header));
        int numeric = 0;
        int firstNumeric = -1;
        for (int j = 0; j < header.size(); j++) {
            if (Numbers.isDecimal(header.get(j))) {
                numeric++;
                firstNumeric = firstNumeric < 0 ? j : firstNumeric;
            }
        }
        if (numeric > 0 && 2 * numeric >= header.size()) {
            throw new CsvFormatException(source, headerLine, firstNumeric + 1, "the first line looks like data, not a"
                    + " header: " + numeric + " of its " + header.size() + " fields are numbers (such as "
                    + InputFormatException.quote(header.get(firstNumeric)) + "); add a first line of column names");
        }
        Map<String, Integer> seen = new HashMap<>();
        CsvColumn[] columns = new CsvColumn[header.size()];
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j);
            if (name.isEmpty() && j > 0) {
                throw new CsvFormatException(source, headerLine, j + 1, "empty column name in the header;"
                        + " give every column a name (only the first column may be unnamed, as R's row index)");
            }
            Integer before = seen.put(name, j);
            if (before != null) {
                throw new CsvFormatException(source, headerLine, j + 1, "column name " + InputFormatException.quote(name)
                        + " repeats column " + (before + 1));
            }
            columns[j] = new CsvColumn(name);
        }
        Rows sink = new Rows(columns);
        while (true) {
            int start = line;
            sink.startRow();
            if (!record(sink)) {
                break;
            }
            if (sink.blank) {
                continue;
            }
            if (sink.count != columns.length) {
                throw new CsvFormatException(source, start, 0, "expected " + columns.length + " fields as in the header, found "
                        + sink.count);
            }
            sink.endRow(start);
        }
        return new Csv.Table(source, header, headerLine, columns, sink.lines, sink.rows);
    }

    /**
     * The data rows' sink: each field straight into its column, the first one too unless it is
     * the only, unquoted and empty field of a blank line, which is no row.
     */
    private static final class Rows implements Fields {
        private final CsvColumn[] columns;
        int[] lines = new int[16];
        int rows;
        int count;
        boolean blank;

        Rows(CsvColumn[] columns) {
            this.columns = columns;
        }

        void startRow() {
            count = 0;
            blank = false;
        }

        @Override
        public void accept(char[] chars, int from, int to, boolean quoted, boolean last) {
            int j = count++;
            if (j == 0 && last && !quoted && from == to) {
                blank = true;
            } else if (j < columns.length) {
                columns[j].add(chars, from, to, rows);
            }
        }

        void endRow(int line) {
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows + (rows >> 1) + 16);
            }
            lines[rows++] = line;
        }
    }

    private static boolean isBlank(List<String> record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    /** A sink for the fields of one record. */
    private interface Fields {
        /**
         * Takes one field, {@code chars[from, to)} (unquoted and trimmed), valid only during the
         * call; {@code last} when it ends its record.
         */
        void accept(char[] chars, int from, int to, boolean quoted, boolean last);
    }

    /** Reads one record into {@code out}; false at the end of the input (nothing read). */
    private boolean record(Fields out) throws IOException {
        if (peek() < 0) {
            return false;
        }
        int fields = 0;
        while (true) {
            while (peek() == ' ' || peek() == '\t') {
                pos++;
            }
            int c = peek();
            if (c == '"') {
                quoted(fields + 1);
                while (peek() == ' ' || peek() == '\t') {
                    pos++;
                }
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
                    throw new CsvFormatException(source, line, fields + 1,
                            "unexpected text after a closing quote; put the whole field in quotes");
                }
                out.accept(field, 0, fieldLength, true, c != ',');
            } else {
                c = unquoted(out);
            }
            fields++;
            if (c == ',') {
                pos++;
                continue;
            }
            endOfLine();
            return true;
        }
    }

    /**
     * An unquoted field, handed to {@code out} as a span of the buffer (moved or grown when the
     * field runs past its end) and trimmed as {@link String#trim} does; returns the character
     * after it (a comma, a line end, or -1).
     */
    private int unquoted(Fields out) throws IOException {
        int start = pos;
        while (true) {
            char[] b = buf;
            int p = pos;
            int end = limit;
            while (p < end) {
                char ch = b[p];
                if (ch == ',' || ch == '\n' || ch == '\r') {
                    break;
                }
                p++;
            }
            pos = p;
            if (p < end) {
                break;
            }
            boolean more = refill(start);   // moves the field so far to the start of the buffer
            start = 0;
            if (!more) {
                break;   // the end of the input ends the field
            }
        }
        int from = start;
        int to = pos;
        while (from < to && buf[from] <= ' ') {
            from++;
        }
        while (to > from && buf[to - 1] <= ' ') {
            to--;
        }
        int c = pos < limit ? buf[pos] : -1;
        out.accept(buf, from, to, false, c != ',');
        return c;
    }

    /** A quoted field, from its opening quote to its closing one, into {@link #field}. */
    private void quoted(int column) throws IOException {
        int startLine = line;
        fieldLength = 0;
        pos++;   // the opening quote
        while (true) {
            int c = peek();
            if (c < 0) {
                throw new CsvFormatException(source, startLine, column, "unterminated quoted field: the file ends"
                        + " before its closing quote; close it with \" (write a quote inside a field as \"\")");
            }
            pos++;
            if (c == '"') {
                if (peek() == '"') {
                    append('"');
                    pos++;
                    continue;
                }
                return;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    pos++;
                }
                append('\n');
                line++;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            append((char) c);
        }
    }

    private void append(char c) {
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, 2 * field.length);
        }
        field[fieldLength++] = c;
    }

    private void endOfLine() throws IOException {
        int c = peek();
        if (c == '\r') {
            pos++;
            if (peek() == '\n') {
                pos++;
            }
            line++;
        } else if (c == '\n') {
            pos++;
            line++;
        }
    }

    private int peek() throws IOException {
        if (pos == limit && !refill(pos)) {
            return -1;
        }
        return buf[pos];
    }

    /**
     * Reads more input, keeping {@code buf[keep, limit)} (the field being scanned) at the start of
     * the buffer, which doubles when that field fills it all; false at the end of the input.
     */
    private boolean refill(int keep) throws IOException {
        int kept = limit - keep;
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, kept);
        } else if (kept == buf.length) {
            buf = Arrays.copyOf(buf, 2 * buf.length);
        }
        pos -= keep;
        limit = kept;
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }
}
