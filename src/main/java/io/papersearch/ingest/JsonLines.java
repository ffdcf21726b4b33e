package io.papersearch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;

/**
 * Reads auxiliary JSONL files (queries, vector imports, translation pairs) where one bad line must
 * stop the run with its file and line, unlike paper files, whose bad records are skipped. Stateless
 * and thread-safe.
 */
public final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /**
   * Calls {@code each} with the JSON value and 1-based line number of every non-blank line.
   *
   * @throws IllegalArgumentException {@code file:line: invalid JSON} for a line that is not JSON
   */
  public static void forEach(Path file, ObjIntConsumer<JsonNode> each) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file.getFileName() + ":" + n + ": invalid JSON", e);
        }
        each.accept(node, n);
      }
    }
  }
}
