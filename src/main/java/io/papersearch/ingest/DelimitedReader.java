package io.papersearch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Papers from delimiter-separated text with a header row: CSV ({@code ,}) and TSV (tab).
 *
 * <p>Quoting follows RFC 4180: a field that starts with {@code "} may contain separators, line
 * breaks and doubled quotes {@code ""}. Two leniencies for hand-made files: spaces before an
 * opening or after a closing quote are ignored, and a quote inside an unquoted field is kept as
 * text. A rejection names the line where the record starts. Blank lines are skipped.
 *
 * <p>The header must name each column once and include a title or abstract column; otherwise the
 * file fails with an {@link IOException}, since no record could be read correctly.
 *
 * <p>Thread-safe: immutable.
 */
final class DelimitedReader implements PaperReader {

  /**
   * Longest record, in characters. An unclosed quote swallows the rest of the file; failing at this
   * size keeps that from filling memory with a file of any length.
   */
  static final int MAX_RECORD_CHARS = 4 << 20;

  private final char separator;

  DelimitedReader(char separator) {
    this.separator = separator;
  }

  /** One record's fields, the line it starts on, and the first problem found, or null. */
  private record RawRecord(int line, List<String> fields, String problem) {}

  @Override
  public void read(InputStream in, Path source, PaperSink sink) throws IOException {
    Utf8LineReader lines = new Utf8LineReader(in, source);
    List<String> header = null;
    for (Utf8LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (line.text().isBlank() && !line.malformed()) {
        continue;
      }
      RawRecord raw = parse(line, lines, source);
      if (header == null) {
        header = header(raw, source);
      } else if (raw.problem() != null) {
        sink.reject(new Rejection(source, raw.line(), raw.problem()));
      } else if (raw.fields().size() != header.size()) {
        sink.reject(new Rejection(source, raw.line(),
            "record has " + raw.fields().size() + " fields, header has " + header.size()));
      } else {
        Map<String, String> record = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          record.put(header.get(i), raw.fields().get(i));
        }
        RecordMapper.plain().deliver(record, source, raw.line(), sink);
      }
    }
  }

  private static List<String> header(RawRecord raw, Path source) throws IOException {
    List<String> names = new ArrayList<>();
    for (String field : raw.fields()) {
      names.add(field.strip());
    }
    try {
      if (raw.problem() != null) {
        throw new InvalidRecordException("unreadable header: " + raw.problem());
      }
      Field.checkHeader(names);
    } catch (InvalidRecordException e) {
      throw new IOException(source + ":" + raw.line() + ": " + e.getMessage(), e);
    }
    return names;
  }

  /** Parses the record starting on {@code first}, pulling more lines while a quote is open. */
  private RawRecord parse(Utf8LineReader.Line first, Utf8LineReader lines, Path source)
      throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    String problem = first.malformed() ? "line " + first.number() + " is not valid UTF-8" : null;
    String text = first.text();
    int lineNumber = first.number();
    boolean quoted = false;
    boolean afterQuote = false; // a quoted field has closed; only spaces may precede the separator
    boolean blankSoFar = true; // the field has nothing but spaces yet, so a quote may open it
    int length = 0;
    for (int i = 0; ; ) {
      if (i == text.length()) {
        if (!quoted) {
          fields.add(field.toString());
          return new RawRecord(first.number(), fields, problem);
        }
        Utf8LineReader.Line next = lines.next();
        if (next == null) {
          fields.add(field.toString());
          return new RawRecord(first.number(), fields,
              "quoted field opened on line " + first.number() + " is not closed at the end of the file");
        }
        if (next.malformed() && problem == null) {
          problem = "line " + next.number() + " is not valid UTF-8";
        }
        length += text.length() + 1;
        if (length > MAX_RECORD_CHARS) {
          throw new IOException(source + ":" + first.number() + ": quoted field is still open after "
              + (MAX_RECORD_CHARS >> 20) + " Mi characters; is a closing quote missing?");
        }
        field.append('\n');
        text = next.text();
        lineNumber = next.number();
        i = 0;
        continue;
      }
      char c = text.charAt(i++);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i < text.length() && text.charAt(i) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
        blankSoFar = true;
      } else if (afterQuote) {
        if (c != ' ' && problem == null) {
          problem = "unexpected " + Values.quote(c) + " after a closing quote on line " + lineNumber;
        }
      } else if (c == '"' && blankSoFar) {
        field.setLength(0);
        quoted = true;
      } else {
        field.append(c);
        blankSoFar &= c == ' ';
      }
    }
  }
}
