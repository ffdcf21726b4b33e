package io.papersearch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Papers from GitHub-flavoured markdown tables ({@code .md}, {@code .markdown}), such as the ICCV
 * 2023 seed list: a header row, a separator row ({@code | --- | :-: |}), then one paper per row.
 *
 * <p>Every table whose header names a title or abstract column ({@code 题目}, {@code title}, {@code
 * 摘要}, ...) is read; other tables and all text outside tables are ignored. A table ends, as in
 * GFM, at a blank line or where another block starts (heading, list, quote...); a line in between
 * that does not start with {@code |} is a damaged row, rejected. {@code \|} in a cell is a literal
 * pipe. A row
 * whose cell count differs from the header's is rejected rather than padded, because in a
 * hand-edited table a missing cell usually means shifted columns, and silently indexing an
 * abstract as an author list is worse than skipping the row.
 *
 * <p>Thread-safe: stateless.
 */
final class MarkdownTableReader implements PaperReader {

  private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-+:?");

  @Override
  public void read(InputStream in, Path source, PaperSink sink) throws IOException {
    Utf8LineReader lines = new Utf8LineReader(in, source);
    List<String> candidate = null; // the previous row, which becomes the header if a separator follows
    List<String> header = null; // non-null inside a table
    boolean paperTable = false;
    for (Utf8LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      List<String> cells = line.text().strip().startsWith("|") ? splitRow(line.text()) : null;
      if (header != null) {
        if (cells == null && continuesTable(line.text())) {
          // A row damaged before its first pipe (a stray NUL or letter), or so badly that it has
          // none left, is still a row, as in GFM: taking it for the end of the table would drop
          // every row after it without a word.
          if (paperTable) {
            String text = line.text().strip();
            sink.reject(new Rejection(source, line.number(), "table row must start with '|', got '"
                + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "'"));
          }
          continue;
        }
        if (cells != null) {
          if (paperTable) {
            readRow(header, cells, line, source, sink);
          }
          continue;
        }
        header = null;
      }
      if (cells != null && candidate != null && isSeparator(cells, candidate.size())) {
        header = candidate;
        paperTable = Field.hasTextColumn(header);
        if (paperTable) {
          checkHeader(header, source, line.number() - 1);
        }
        candidate = null;
      } else {
        candidate = cells;
      }
    }
  }

  /**
   * Whether a line that does not start with a pipe still belongs to the table above it. GFM ends a
   * table only at a blank line or where another block starts (a heading, quote, list, fence, rule
   * or HTML); any other line is a row of it, pipes or not.
   */
  static boolean continuesTable(String line) {
    return line.indexOf('|') >= 0 || !(line.isBlank() || BLOCK_START.matcher(line).lookingAt());
  }

  /** The start of a markdown block other than a paragraph: heading, quote, fence, HTML, list item or rule. */
  private static final Pattern BLOCK_START =
      Pattern.compile(" {0,3}(#{1,6}(\\s|$)|>|```|~~~|<|[-*+](\\s|$)|\\d{1,9}[.)](\\s|$)|([-*_])(\\s*\\5){2,}\\s*$)");

  private static void readRow(
      List<String> header, List<String> cells, Utf8LineReader.Line line, Path source,
      PaperSink sink) throws IOException {
    if (line.malformed()) {
      sink.reject(new Rejection(source, line.number(), "line is not valid UTF-8"));
    } else if (cells.size() != header.size()) {
      sink.reject(new Rejection(source, line.number(),
          "row has " + cells.size() + " cells, header has " + header.size()));
    } else {
      Map<String, String> record = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        record.put(header.get(i), cells.get(i));
      }
      RecordMapper.markdown().deliver(record, source, line.number(), sink);
    }
  }

  private static void checkHeader(List<String> header, Path source, int line) throws IOException {
    try {
      Field.checkHeader(header);
    } catch (InvalidRecordException e) {
      throw new IOException(source + ":" + line + ": " + e.getMessage(), e);
    }
  }

  /**
   * Splits {@code | a | b \| c |} into {@code [a, b | c]}: cells trimmed, the outer pipes optional
   * at the end, {@code \|} unescaped.
   */
  static List<String> splitRow(String line) {
    String row = line.strip();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean endedWithPipe = false;
    for (int i = 1; i < row.length(); i++) { // skip the leading pipe
      char c = row.charAt(i);
      endedWithPipe = false;
      if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
        endedWithPipe = true;
      } else {
        cell.append(c);
      }
    }
    if (!endedWithPipe && !cell.toString().isBlank()) {
      cells.add(cell.toString().strip());
    }
    return cells;
  }

  private static boolean isSeparator(List<String> cells, int columns) {
    if (cells.size() != columns || cells.isEmpty()) {
      return false;
    }
    for (String cell : cells) {
      if (!SEPARATOR_CELL.matcher(cell).matches()) {
        return false;
      }
    }
    return true;
  }
}
