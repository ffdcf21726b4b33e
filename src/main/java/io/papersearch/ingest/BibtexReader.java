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
 * BibTeX ({@code .bib}), as exported by Zotero, Mendeley, JabRef, Google Scholar and publishers
 * (IEEE Xplore, ACM DL, Springer, Elsevier, ACL Anthology), or written by hand.
 *
 * <p>Reading is two steps. The reader cuts the file into blocks: a block starts at a line whose
 * first non-blank character is {@code @} followed by a type and <code>&#123;</code> or {@code (}, and ends
 * where that delimiter is closed again (brace counting as BibTeX does it). {@link BibtexParser}
 * then parses each block on its own. So a broken entry costs only itself: an unclosed brace is
 * noticed at the next entry's {@code @} line or at the end of the file, and reading goes on from
 * there. Text between entries is a comment, as in BibTeX. {@code @string} macros apply to the
 * entries after them; {@code @preamble} and {@code @comment} are skipped.
 *
 * <p>Fields, after {@linkplain Latex#decode(String) LaTeX decoding}:
 *
 * <ul>
 *   <li>the citation key → {@code id}, when {@link PaperIds#fromCitationKey(String)} accepts it;
 *       otherwise the id is derived from the title;
 *   <li>{@code title}; {@code abstract}; {@code keywords} (split on {@code ;}, else commas);
 *   <li>{@code author}: split on {@code and} outside braces, each {@code Last, First} turned into
 *       {@code First Last} ({@link PersonNames}); {@code others} ({@code et al.}) is dropped;
 *   <li>{@code year}, or else the year of a biblatex {@code date} ({@code 2023-05-01});
 *   <li>{@code journal}, else {@code journaltitle}, else {@code booktitle} → {@code venue};
 *   <li>{@code doi}, {@code url}: only escapes and braces undone ({@link Latex#decodeUrl(String)}).
 * </ul>
 *
 * <p>These names are BibTeX's own, so they are mapped here rather than through {@link Field}'s
 * aliases: {@code journal} or {@code booktitle} in a CSV header means nothing in particular.
 * Other fields (month, pages, publisher, language, file, ...) are ignored.
 *
 * <p>A rejection names the line where the entry starts and what is wrong (unbalanced braces, a
 * missing {@code =} or comma with the line it is on, an undefined macro in a field that is used,
 * invalid UTF-8, a <code>&#125;</code> too many that closed the entry early), then the rules of {@link
 * RecordMapper} apply. A macro undefined in a field that is not used is ignored, as BibTeX only
 * warns about it.
 *
 * <p>Thread-safe: stateless; each read keeps its macros and position in its own objects.
 */
final class BibtexReader implements PaperReader {

  /** Longest entry, in characters; an unclosed brace in the last entry could otherwise take the rest of a file. */
  static final int MAX_ENTRY_CHARS = 4 << 20;

  private static final Pattern ENTRY_START = Pattern.compile("^\\s*@\\s*([A-Za-z][\\w-]*)\\s*([{(])");
  private static final Pattern AT_LINE = Pattern.compile("^\\s*@\\s*([A-Za-z][\\w-]*)?");
  private static final Pattern FIELD_LIKE = Pattern.compile("^[\\s,]*([A-Za-z][\\w-]*)\\s*=\\s*\\S");
  private static final Pattern LEADING_YEAR = Pattern.compile("^\\s*(\\d{4})(?!\\d)");

  /** Fields read by {@link #record}; an undefined macro in one of them rejects the entry. */
  private static final List<String> USED_FIELDS = List.of("title", "author", "year", "date",
      "journal", "journaltitle", "booktitle", "abstract", "doi", "url", "keywords");

  @Override
  public void read(InputStream in, Path source, PaperSink sink) throws IOException {
    new Run(source, sink).read(new Utf8LineReader(in, source));
  }

  /** The state of one read: macros, the block being collected, the entry not yet delivered. */
  private static final class Run {

    private final Path source;
    private final PaperSink sink;
    private final Map<String, String> macros = BibtexParser.standardMacros();

    /** The block being collected, or null between entries. */
    private StringBuilder block;
    private int blockLine;
    private char closer;
    private int depth;
    private boolean inQuote;
    private String blockProblem;

    /**
     * The last entry parsed, delivered when the next block starts or the file ends: until then,
     * a field line after it would show that a '}' too many closed it early.
     */
    private BibtexParser.Entry pending;
    private int pendingLine;
    private int pendingEndLine;

    Run(Path source, PaperSink sink) {
      this.source = source;
      this.sink = sink;
    }

    void read(Utf8LineReader lines) throws IOException {
      for (Utf8LineReader.Line line = lines.next(); line != null; line = lines.next()) {
        line(line.text(), line.number(), line.malformed());
      }
      if (block != null) {
        rejectUnclosed("at the end of the file");
      }
      deliverPending();
    }

    private void line(String text, int number, boolean malformed) throws IOException {
      Matcher start = ENTRY_START.matcher(text);
      boolean startsEntry = start.lookingAt();
      if (block != null) {
        if (!startsEntry) {
          if (malformed && blockProblem == null) {
            blockProblem = "line " + number + " is not valid UTF-8";
          }
          append(text, 0, number, true, malformed);
          return;
        }
        // Only an unbalanced brace or quote lets an entry run into the next one's @ line.
        rejectUnclosed("before the next entry on line " + number);
      }
      if (startsEntry) {
        deliverPending();
        block = new StringBuilder(text.substring(text.indexOf('@'), start.end()));
        blockLine = number;
        closer = start.group(2).equals("(") ? ')' : '}';
        depth = 0;
        inQuote = false;
        blockProblem = malformed ? "line " + number + " is not valid UTF-8" : null;
        append(text, start.end(), number, false, malformed);
        return;
      }
      Matcher at = AT_LINE.matcher(text);
      if (at.lookingAt()) {
        deliverPending();
        String type = at.group(1) == null ? "" : at.group(1);
        if (!type.equalsIgnoreCase("comment")) { // "@comment text" comments out the rest of its line
          sink.reject(new Rejection(source, number,
              "expected '{' or '(' after '@" + type + "', got " + Values.quote(text.strip())));
        }
      } else {
        checkAfterEntry(text, number);
      }
    }

    /**
     * Adds {@code text[from..]} of line {@code number} to the block (after a line break when {@code
     * newLine}) and scans it for the closing delimiter; on closing, parses the block and goes on
     * with the rest of the line.
     */
    private void append(String text, int from, int number, boolean newLine, boolean malformed)
        throws IOException {
      int end = scan(text, from);
      String part = text.substring(from, end < 0 ? text.length() : end);
      if (block.length() + part.length() + 1 > MAX_ENTRY_CHARS) {
        if (blockProblem == null) {
          blockProblem = "entry is longer than " + (MAX_ENTRY_CHARS >> 20)
              + " Mi characters; is a closing brace missing?";
        }
      } else {
        if (newLine) {
          block.append('\n');
        }
        block.append(part);
      }
      if (end < 0) {
        return;
      }
      String blockText = block.toString();
      block = null;
      closeBlock(blockText, number);
      String rest = text.substring(end);
      if (ENTRY_START.matcher(rest).lookingAt()) {
        line(rest, number, malformed); // "}@article{..." on one line
      } else {
        checkAfterEntry(rest, number);
      }
    }

    /** Scans for the delimiter that closes the block; returns the index after it, or -1. */
    private int scan(String text, int from) {
      for (int k = from; k < text.length(); k++) {
        char c = text.charAt(k);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          if (depth == 0 && closer == '}') {
            return k + 1;
          }
          depth = Math.max(0, depth - 1);
        } else if (closer == ')' && depth == 0) {
          // In @type( ... ) entries a ')' inside a quoted value does not close the entry.
          if (c == '"') {
            inQuote = !inQuote;
          } else if (c == ')' && !inQuote) {
            return k + 1;
          }
        }
      }
      return -1;
    }

    private void closeBlock(String text, int endLine) throws IOException {
      if (blockProblem != null) {
        sink.reject(new Rejection(source, blockLine, blockProblem));
        return;
      }
      BibtexParser.Entry entry;
      try {
        entry = BibtexParser.parse(text, blockLine, macros);
      } catch (InvalidRecordException e) {
        sink.reject(new Rejection(source, blockLine, e.getMessage()));
        return;
      }
      if (entry != null) {
        pending = entry;
        pendingLine = blockLine;
        pendingEndLine = endLine;
      }
    }

    private void rejectUnclosed(String where) throws IOException {
      String open;
      if (inQuote) {
        open = "a quoted value is still open";
      } else if (closer == '}') {
        open = (depth + 1) + " '{' still open";
      } else {
        open = depth > 0 ? depth + " '{' still open" : "no ')' closes it";
      }
      block = null;
      sink.reject(new Rejection(source, blockLine,
          "entry is not closed: " + open + " " + where + " (unbalanced braces?)"));
    }

    /** A field line right after an entry means a '}' too many closed the entry before it. */
    private void checkAfterEntry(String text, int number) throws IOException {
      Matcher field = FIELD_LIKE.matcher(text);
      if (pending != null && field.lookingAt()) {
        sink.reject(new Rejection(source, pendingLine, "entry ends on line " + pendingEndLine
            + " but line " + number + " after it still holds field " + Values.quote(field.group(1))
            + "; is there one '}' too many?"));
        pending = null;
      }
    }

    private void deliverPending() throws IOException {
      if (pending == null) {
        return;
      }
      BibtexParser.Entry entry = pending;
      pending = null;
      for (String name : USED_FIELDS) {
        BibtexParser.Value value = entry.fields().get(name);
        if (value != null && value.undefinedMacro() != null) {
          sink.reject(new Rejection(source, pendingLine, "field " + name + " uses undefined macro "
              + Values.quote(value.undefinedMacro()) + "; define it with @string before the entry"));
          return;
        }
      }
      RecordMapper.plain().deliver(record(entry), source, pendingLine, sink);
    }
  }

  /** The raw record {@link RecordMapper} reads, in its field names. */
  static Map<String, Object> record(BibtexParser.Entry entry) {
    Map<String, BibtexParser.Value> fields = entry.fields();
    Map<String, Object> record = new LinkedHashMap<>();
    String id = PaperIds.fromCitationKey(entry.key());
    if (id != null) {
      record.put("id", id);
    }
    record.put("title", Latex.decode(raw(fields, "title")));
    record.put("authors", authors(raw(fields, "author")));
    String year = Latex.decode(raw(fields, "year"));
    if (year == null || year.isBlank()) {
      String date = Latex.decode(raw(fields, "date"));
      Matcher leading = date == null ? null : LEADING_YEAR.matcher(date);
      year = leading != null && leading.find() ? leading.group(1) : date;
    }
    record.put("year", year);
    String venue = raw(fields, "journal");
    for (String name : List.of("journaltitle", "booktitle")) {
      venue = venue == null || venue.isBlank() ? raw(fields, name) : venue;
    }
    record.put("venue", Latex.decode(venue));
    record.put("abstract", Latex.decode(raw(fields, "abstract")));
    record.put("doi", Latex.decodeUrl(raw(fields, "doi")));
    record.put("url", Latex.decodeUrl(raw(fields, "url")));
    record.put("keywords", Latex.decode(raw(fields, "keywords")));
    return record;
  }

  private static String raw(Map<String, BibtexParser.Value> fields, String name) {
    BibtexParser.Value value = fields.get(name);
    return value == null ? null : value.raw();
  }

  /**
   * Splits a BibTeX author list on {@code and} outside braces ({@code {Barnes and Noble}} is one
   * name), then each name on commas outside braces, and decodes the parts.
   */
  static List<String> authors(String raw) {
    List<String> names = new ArrayList<>();
    if (raw == null) {
      return names;
    }
    for (String name : splitOutsideBraces(raw, true)) {
      List<String> parts = new ArrayList<>();
      for (String part : splitOutsideBraces(name, false)) {
        parts.add(Latex.decode(part).strip());
      }
      String display = PersonNames.fromParts(parts);
      if (display != null && !display.equals("others")) {
        names.add(display);
      }
    }
    return names;
  }

  /** Splits on whitespace-delimited {@code and} (any case) or on commas, at brace depth 0. */
  private static List<String> splitOutsideBraces(String text, boolean onAnd) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0 && !onAnd && c == ',') {
        parts.add(text.substring(start, k));
        start = k + 1;
      } else if (depth == 0 && onAnd && Character.isWhitespace(c)
          && text.regionMatches(true, k + 1, "and", 0, 3)
          && k + 4 < text.length() && Character.isWhitespace(text.charAt(k + 4))) {
        parts.add(text.substring(start, k));
        start = k + 4;
        k += 3;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
