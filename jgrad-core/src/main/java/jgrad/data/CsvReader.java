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
 * however many columns there are.
 */
final class CsvReader {
    private final Reader in;
    private final String source;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private int line = 1;
    private final StringBuilder field = new StringBuilder();

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
            if (!record(header::add)) {
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
        int[] lines = new int[16];
        int rows = 0;
        while (true) {
            int start = line;
            int[] count = {0};
            String[] firstField = {null};
            final int row = rows;
            boolean more = record(f -> {
                int j = count[0]++;
                if (j == 0) {
                    firstField[0] = f;
                }
                if (j > 0 && j < columns.length) {
                    columns[j].add(f, row);
                }
            });
            if (!more) {
                break;
            }
            if (count[0] == 1 && firstField[0].isEmpty() && lastWasUnquotedBlank) {
                continue;   // a blank line
            }
            if (count[0] != columns.length) {
                throw new CsvFormatException(source, start, 0, "expected " + columns.length + " fields as in the header, found "
                        + count[0]);
            }
            columns[0].add(firstField[0], row);
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows + (rows >> 1) + 16);
            }
            lines[rows++] = start;
        }
        return new Csv.Table(source, header, headerLine, columns, lines, rows);
    }

    private static boolean isBlank(List<String> record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    /** Whether the last single-field record was an unquoted empty field (a blank line). */
    private boolean lastWasUnquotedBlank;

    /** A sink for the fields of one record. */
    private interface Fields {
        void accept(String field);
    }

    /** Reads one record into {@code out}; false at the end of the input (nothing read). */
    private boolean record(Fields out) throws IOException {
        if (peek() < 0) {
            return false;
        }
        boolean anyQuoted = false;
        int fields = 0;
        while (true) {
            while (peek() == ' ' || peek() == '\t') {
                pos++;
            }
            int c = peek();
            field.setLength(0);
            if (c == '"') {
                anyQuoted = true;
                quoted(fields + 1);
                while (peek() == ' ' || peek() == '\t') {
                    pos++;
                }
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
                    throw new CsvFormatException(source, line, fields + 1,
                            "unexpected text after a closing quote; put the whole field in quotes");
                }
                out.accept(field.toString());
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    field.append((char) c);
                    pos++;
                    c = peek();
                }
                out.accept(field.toString().trim());
            }
            fields++;
            if (c == ',') {
                pos++;
                continue;
            }
            endOfLine();
            lastWasUnquotedBlank = !anyQuoted;
            return true;
        }
    }

    /** A quoted field, from its opening quote to its closing one, into {@link #field}. */
    private void quoted(int column) throws IOException {
        int startLine = line;
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
                    field.append('"');
                    pos++;
                    continue;
                }
                return;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    pos++;
                }
                field.append('\n');
                line++;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
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
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos];
    }
}
