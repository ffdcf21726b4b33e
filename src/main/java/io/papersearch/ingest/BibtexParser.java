package io.papersearch.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one BibTeX block, from its {@code @} to its closing delimiter, as cut out of the file by
 * {@link BibtexReader}: {@code @type{key, name = value, ...}} or the same with parentheses.
 *
 * <p>The grammar is BibTeX's: a value is one or more parts joined by {@code #}, each a braced text
 * (braces nest; its content is kept raw for {@link Latex}), a double-quoted text (ended by a
 * {@code "} outside braces), a number, or a macro name (case-insensitive; the months {@code jan} to
 * {@code dec} are predefined). Entry types, field and macro names are case-insensitive. Leniencies
 * for hand-edited files: a trailing or doubled comma between fields, no citation key, and
 * {@code %} comment lines between fields.
 *
 * <p>Not thread-safe: one instance per block.
 */
final class BibtexParser {

  /** Characters that end a name (BibTeX's identifier rule, plus whitespace). */
  private static final String NAME_STOPS = "\"#%'(),={}";

  /**
   * A value as written.
   *
   * @param raw the concatenated raw text of its parts
   * @param undefinedMacro the first undefined macro it uses, or null
   * @param endsQuoted whether its last part was a quoted text, for a better message when a stray
   *     quote ended it early
   */
  record Value(String raw, String undefinedMacro, boolean endsQuoted) {}

  /**
   * A regular entry.
   *
   * @param type the entry type, lowercase ({@code article}, {@code inproceedings}, ...)
   * @param key the citation key, or null when the entry has none
   * @param fields field name (lowercase) → value, in file order; the first of a repeated name wins,
   *     as in BibTeX
   */
  record Entry(String type, String key, Map<String, Value> fields) {}

  private final String text;
  private final int firstLine;
  private final Map<String, String> macros;
  private int pos;
  private char closer;

  private BibtexParser(String text, int firstLine, Map<String, String> macros) {
    this.text = text;
    this.firstLine = firstLine;
    this.macros = macros;
  }

  /** The macros every BibTeX style defines: {@code jan} → {@code January}, ... */
  static Map<String, String> standardMacros() {
    Map<String, String> macros = new LinkedHashMap<>();
    String[] months = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    for (String month : months) {
      macros.put(month.substring(0, 3).toLowerCase(Locale.ROOT), month);
    }
    return macros;
  }

  /**
   * Parses one block.
   *
   * @param block the text from {@code @} to the closing delimiter, lines joined by {@code \n}
   * @param firstLine the file line the block starts on, for messages
   * @param macros the macros defined so far, by lowercase name; an {@code @string} block adds to it
   * @return the entry, or null for {@code @string}, {@code @preamble} and {@code @comment}
   * @throws InvalidRecordException naming the line and what was expected
   */
  static Entry parse(String block, int firstLine, Map<String, String> macros)
      throws InvalidRecordException {
    return new BibtexParser(block, firstLine, macros).block();
  }

  private Entry block() throws InvalidRecordException {
    pos = text.indexOf('@') + 1;
    skipSpaces();
    String type = name().toLowerCase(Locale.ROOT);
    skipSpaces();
    char opener = peek();
    closer = opener == '(' ? ')' : '}';
    pos++;
    return switch (type) {
      case "comment", "preamble" -> null; // no paper in either; BibTeX itself ignores @comment
      case "string" -> {
        strings();
        yield null;
      }
      default -> entry(type);
    };
  }

  private void strings() throws InvalidRecordException {
    while (true) {
      skipSpaces();
      if (peek() == closer) {
        return;
      } else if (peek() == ',') {
        pos++;
        continue;
      }
      String name = name();
      if (name.isEmpty()) {
        throw error("expected a macro name in @string", "");
      }
      skipSpaces();
      expect('=', "after macro name " + Values.quote(name) + " in @string");
      int valueLine = line();
      Value value = value("@string " + name);
      if (value.undefinedMacro() != null) {
        throw new InvalidRecordException("@string " + name + " on line " + valueLine
            + " uses undefined macro " + Values.quote(value.undefinedMacro()));
      }
      macros.put(name.toLowerCase(Locale.ROOT), value.raw());
      skipSpaces();
      if (peek() != closer && peek() != ',') {
        throw error("expected ',' or '" + closer + "' after the value of @string " + name, "");
      }
    }
  }

  private Entry entry(String type) throws InvalidRecordException {
    skipSpaces();
    int keyStart = pos;
    while (!atEnd() && !Character.isWhitespace(peek()) && ",={}()\"".indexOf(peek()) < 0) {
      pos++;
    }
    String key = text.substring(keyStart, pos);
    skipSpaces();
    if (peek() == '=') {
      key = ""; // @article{title = ...}: no key, the first field follows at once
      pos = keyStart;
    } else if (peek() == ',') {
      pos++;
    } else if (peek() != closer) {
      throw error("expected ',' after the citation key " + Values.quote(key), "");
    }
    Map<String, Value> fields = new LinkedHashMap<>();
    while (true) {
      skipSpacesAndComments();
      if (peek() == closer) {
        break;
      } else if (peek() == ',') {
        pos++;
        continue;
      }
      String name = name().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw error("expected a field name", "");
      }
      skipSpaces();
      expect('=', "after field name " + Values.quote(name));
      Value value = value("field " + name);
      fields.putIfAbsent(name, value);
      skipSpaces();
      if (peek() == ',') {
        pos++;
      } else if (peek() != closer) {
        // Springer and others export abstracts with bare quotes in "..." values, which end them.
        throw error("expected ',' or '" + closer + "' after the value of field " + name,
            value.endsQuoted() ? " (a '\"' inside a quoted value ends it; write it as {\"})"
                : " (is a comma missing?)");
      }
    }
    return new Entry(type, key.isEmpty() ? null : key, fields);
  }

  /** Reads {@code part (# part)*}; {@code what} names the field in messages. */
  private Value value(String what) throws InvalidRecordException {
    StringBuilder raw = new StringBuilder();
    String undefined = null;
    boolean quoted;
    while (true) {
      skipSpaces();
      char c = peek();
      int start = pos;
      int startLine = line();
      quoted = c == '"';
      if (c == '{') {
        int close = closingBrace(pos);
        if (close < 0) {
          throw new InvalidRecordException("braced value of " + what + " opened on line " + startLine
              + " is not closed (unbalanced braces)");
        }
        raw.append(text, pos + 1, close);
        pos = close + 1;
      } else if (c == '"') {
        int close = closingQuote(pos);
        if (close < 0) {
          throw new InvalidRecordException("quoted value of " + what + " opened on line " + startLine
              + " is not closed");
        }
        raw.append(text, pos + 1, close);
        pos = close + 1;
      } else if (c >= '0' && c <= '9') {
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
          pos++;
        }
        raw.append(text, start, pos);
      } else {
        String macro = name();
        if (macro.isEmpty()) {
          throw error("expected a value for " + what, "");
        }
        String expansion = macros.get(macro.toLowerCase(Locale.ROOT));
        if (expansion == null) {
          undefined = undefined == null ? macro : undefined;
        } else {
          raw.append(expansion);
        }
      }
      skipSpaces();
      if (peek() != '#') {
        return new Value(raw.toString(), undefined, quoted);
      }
      pos++;
    }
  }

  /** The index of the brace closing the one at {@code open}, or -1. */
  private int closingBrace(int open) {
    int depth = 0;
    for (int k = open; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  /** The index of the quote ending the one at {@code open}: the next one outside braces, or -1. */
  private int closingQuote(int open) {
    int depth = 0;
    // The block's last character is its closing delimiter, which no value may take.
    for (int k = open + 1; k < text.length() - 1; k++) {
      char c = text.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == '"' && depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private String name() {
    int start = pos;
    while (!atEnd() && !Character.isWhitespace(peek()) && NAME_STOPS.indexOf(peek()) < 0) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c, String where) throws InvalidRecordException {
    if (peek() != c) {
      throw error("expected '" + c + "' " + where, "");
    }
    pos++;
    skipSpaces();
  }

  private InvalidRecordException error(String expected, String hint) {
    String got = atEnd() ? "the end of the entry" : Values.quote(String.valueOf(peek()));
    return new InvalidRecordException(expected + " on line " + line() + ", got " + got + hint);
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  /** Between fields, a line starting with {@code %} is a comment, as it is in LaTeX and biber. */
  private void skipSpacesAndComments() {
    skipSpaces();
    while (!atEnd() && peek() == '%') {
      int newline = text.indexOf('\n', pos);
      pos = newline < 0 ? text.length() : newline;
      skipSpaces();
    }
  }

  private char peek() {
    return atEnd() ? '\0' : text.charAt(pos);
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  /** The file line of the current position. */
  private int line() {
    int line = firstLine;
    for (int k = 0; k < Math.min(pos, text.length()); k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }
}
