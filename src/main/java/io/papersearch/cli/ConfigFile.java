package io.papersearch.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The config file of {@code papersearch serve}: UTF-8, one {@code key = value} per line, blank lines
 * and lines starting with {@code #} or {@code !} ignored, as in a Java properties file. Values are
 * taken literally, without the escapes and line continuations of {@link java.util.Properties}, so a
 * Windows path or a key with a backslash means what it says. Any problem names the file and line.
 *
 * @param file the file as given (for messages)
 * @param entries the keys set in the file, with their value and line
 */
record ConfigFile(Path file, Map<ConfigKey, Entry> entries) {

  /** A value of the file and the line it is on. */
  record Entry(String value, int line) {}

  ConfigFile {
    EnumMap<ConfigKey, Entry> copy = new EnumMap<>(ConfigKey.class);
    copy.putAll(entries);
    entries = Collections.unmodifiableMap(copy);
  }

  /** No file: every key comes from flags, the environment or its default. */
  static ConfigFile none() {
    return new ConfigFile(null, new EnumMap<>(ConfigKey.class));
  }

  /**
   * Reads and checks {@code file}.
   *
   * @throws IllegalArgumentException naming the file (and line): unreadable, not UTF-8, a line that
   *     is not {@code key = value}, an unknown key, a key set twice
   */
  static ConfigFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + Main.message(e));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("config file " + file + " is not valid UTF-8");
    }
    return parse(file, text);
  }

  static ConfigFile parse(Path file, String text) {
    Map<ConfigKey, Entry> entries = new EnumMap<>(ConfigKey.class);
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip(); // a byte-order mark some editors write
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(file + ":" + lineNo + ": expected key = value, got '" + abbreviate(line) + "'");
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      ConfigKey key = ConfigKey.byKey(name).orElseThrow(() -> new IllegalArgumentException(
          file + ":" + lineNo + ": unknown key '" + abbreviate(name) + "'" + suggestion(name) + "; known keys: " + ConfigKey.knownKeys()));
      Entry first = entries.put(key, new Entry(value, lineNo));
      if (first != null) {
        throw new IllegalArgumentException(
            file + ":" + lineNo + ": key '" + name + "' is set twice (first on line " + first.line() + ")");
      }
    }
    return new ConfigFile(file, entries);
  }

  /** " (did you mean 'port'?)" for a near miss such as "prot" or "Port", else "". */
  private static String suggestion(String name) {
    ConfigKey best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConfigKey k : ConfigKey.values()) {
      int d = k.key.equalsIgnoreCase(name) ? 0 : distance(k.key.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= 2 ? " (did you mean '" + best.key + "'?)" : "";
  }

  /** Optimal string alignment distance: edits, with a swap of neighbours counted as one ("prot"). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
