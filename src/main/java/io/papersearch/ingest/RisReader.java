package io.papersearch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RIS ({@code .ris}), as exported by Zotero, EndNote, Mendeley and publishers (IEEE Xplore,
 * ScienceDirect, Springer, Wiley): one tag a line, {@code TAG  - value}, a record running from
 * {@code TY  - } to {@code ER  - }.
 *
 * <p>Tags:
 *
 * <ul>
 *   <li>{@code TI}, else {@code T1} → {@code title};
 *   <li>{@code AU}, else {@code A1} (one author a line) → {@code authors}, {@code Last, First} turned
 *       into {@code First Last} ({@link PersonNames#fromRis(String)});
 *   <li>{@code PY}, else {@code Y1}, else {@code DA} → {@code year}: the first four-digit number, so
 *       {@code 2023/05/01/} and IEEE's {@code 1-6 Oct. 2023} both give 2023;
 *   <li>{@code JF}, else {@code JO}, {@code T2}, {@code BT} → {@code venue} (the full journal name
 *       first: {@code JO} is an abbreviation in some exports);
 *   <li>{@code AB}, else {@code N2} → {@code abstract};
 *   <li>{@code DO} → {@code doi}; {@code UR} → {@code url} (the first one);
 *   <li>{@code KW} (one keyword a line) → {@code keywords};
 *   <li>{@code ID} → {@code id}, when {@link PaperIds#fromCitationKey(String)} accepts it.
 * </ul>
 *
 * <p>Other tags ({@code LA}, {@code SN}, {@code VL}, {@code SP}, {@code N1}, ...) are ignored.
 * The tags are RIS's own, so they are mapped here rather than through {@link Field}'s aliases.
 * Values are plain text (RIS has no markup). A line that is not a tag line inside a record
 * continues the previous tag's value, as long abstracts do in some exports.
 *
 * <p>Rejections name the {@code TY} line of the record: a record with no {@code ER} before the next
 * {@code TY} or the end of the file; a malformed tag line inside a record, named with its own line
 * (a tag, then spaces and a hyphen, but not exactly two spaces, a hyphen and a space); a record
 * that does not start with {@code TY}; invalid UTF-8; then the rules of {@link RecordMapper}. Text
 * outside records (blank lines, a provider's header) is ignored.
 *
 * <p>Thread-safe: stateless; each read keeps its record in its own objects.
 */
final class RisReader implements PaperReader {

  /** Longest record, in characters; a missing ER with endless continuation lines must not fill memory. */
  static final int MAX_RECORD_CHARS = 4 << 20;

  /** {@code TY  - JOUR}; {@code ER  -} may lack the trailing space, and some exporters end values with spaces. */
  private static final Pattern TAG_LINE = Pattern.compile("^([A-Z][A-Z0-9])  -(?: (.*))?$");

  /**
   * Something meant as a tag line with the wrong spacing: {@code TI - x}, {@code TI   - x}, {@code
   * TI  -x}, {@code TI- x}. Not {@code CT-guided}: a wrapped abstract may continue with such a word.
   */
  private static final Pattern TAG_LIKE = Pattern.compile("^[A-Z][A-Z0-9](?: {1,4}-| {0,4}- )");

  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");

  @Override
  public void read(InputStream in, Path source, PaperSink sink) throws IOException {
    Utf8LineReader lines = new Utf8LineReader(in, source);
    Record record = null;
    for (Utf8LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      String text = line.text();
      Matcher tag = TAG_LINE.matcher(text);
      boolean isTag = tag.matches();
      String name = isTag ? tag.group(1) : null;
      String value = isTag && tag.group(2) != null ? tag.group(2).strip() : "";
      if (record == null) {
        if (isTag && name.equals("TY")) {
          record = new Record(line.number());
          record.malformed(line);
        } else if (isTag || TAG_LIKE.matcher(text).lookingAt()) {
          // A record whose TY line is broken: take it in whole so that it is reported once.
          record = new Record(line.number());
          record.problem("record must start with 'TY  - ', got " + Values.quote(text.strip()));
          record.malformed(line);
          if (isTag && name.equals("ER")) {
            record.finish(source, sink);
            record = null;
          }
        }
        continue;
      }
      if (isTag && name.equals("TY")) {
        record.unclosed("before the next record on line " + line.number(), source, sink);
        record = new Record(line.number());
        record.malformed(line);
      } else if (isTag && name.equals("ER")) {
        record.malformed(line);
        record.finish(source, sink);
        record = null;
      } else if (isTag) {
        record.malformed(line);
        record.add(name, value);
      } else if (TAG_LIKE.matcher(text).lookingAt()) {
        record.problem("line " + line.number() + " is not a valid tag line (expected 'XX  - value'): "
            + Values.quote(text.strip()));
      } else if (!text.isBlank()) {
        record.malformed(line);
        record.continueValue(text.strip());
      }
    }
    if (record != null) {
      record.unclosed("before the end of the file", source, sink);
    }
  }

  /** One record being read: its tags in file order and its first problem. Not thread-safe. */
  private static final class Record {

    private final int line;
    private final List<String> names = new ArrayList<>();
    private final List<StringBuilder> values = new ArrayList<>();
    private String problem;
    private int chars;

    Record(int line) {
      this.line = line;
    }

    void add(String name, String value) {
      if (grow(value.length())) {
        names.add(name);
        values.add(new StringBuilder(value));
      }
    }

    void continueValue(String text) {
      if (!values.isEmpty() && grow(text.length() + 1)) {
        StringBuilder last = values.get(values.size() - 1);
        (last.isEmpty() ? last : last.append(' ')).append(text);
      }
    }

    void malformed(Utf8LineReader.Line line) {
      if (line.malformed()) {
        problem("line " + line.number() + " is not valid UTF-8");
      }
    }

    void problem(String problem) {
      if (this.problem == null) {
        this.problem = problem;
      }
    }

    private boolean grow(int length) {
      chars += length;
      if (chars > MAX_RECORD_CHARS) {
        problem("record is longer than " + (MAX_RECORD_CHARS >> 20)
            + " Mi characters; is an 'ER  - ' line missing?");
        return false;
      }
      return true;
    }

    /** Rejects a record that no ER line ended; a problem found earlier says more. */
    void unclosed(String where, Path source, PaperSink sink) throws IOException {
      sink.reject(new Rejection(source, line,
          problem != null ? problem : "record has no 'ER  - ' " + where));
    }

    void finish(Path source, PaperSink sink) throws IOException {
      if (problem != null) {
        sink.reject(new Rejection(source, line, problem));
        return;
      }
      RecordMapper.plain().deliver(toRecord(), source, line, sink);
    }

    /** The raw record {@link RecordMapper} reads, in its field names. */
    private Map<String, Object> toRecord() {
      Map<String, Object> record = new LinkedHashMap<>();
      String id = PaperIds.fromCitationKey(first("ID"));
      if (id != null) {
        record.put("id", id);
      }
      record.put("title", first("TI", "T1"));
      List<String> authors = new ArrayList<>();
      for (String author : all(all("AU").isEmpty() ? "A1" : "AU")) {
        String display = PersonNames.fromRis(author);
        if (display != null) {
          authors.add(display);
        }
      }
      record.put("authors", authors);
      String date = first("PY", "Y1", "DA");
      Matcher year = date == null ? null : YEAR.matcher(date);
      record.put("year", year != null && year.find() ? year.group(1) : date);
      record.put("venue", first("JF", "JO", "T2", "BT"));
      record.put("abstract", first("AB", "N2"));
      record.put("doi", first("DO"));
      record.put("url", first("UR"));
      record.put("keywords", all("KW"));
      return record;
    }

    /** The first non-blank value of the first of these tags that has one. */
    private String first(String... tags) {
      for (String tag : tags) {
        for (String value : all(tag)) {
          return value;
        }
      }
      return null;
    }

    /** The non-blank values of one tag, in file order. */
    private List<String> all(String tag) {
      List<String> found = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        if (names.get(k).equals(tag) && !values.get(k).isEmpty()) {
          found.add(values.get(k).toString());
        }
      }
      return found;
    }
  }
}
