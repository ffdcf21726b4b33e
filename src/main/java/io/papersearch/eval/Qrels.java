package io.papersearch.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Relevance judgments: per query id, the graded relevance of judged documents. Immutable once read;
 * thread-safe.
 */
public final class Qrels {
  private final Map<String, Map<String, Integer>> byQuery;

  public Qrels(Map<String, Map<String, Integer>> byQuery) {
    Map<String, Map<String, Integer>> copy = new TreeMap<>();
    byQuery.forEach((q, docs) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
    this.byQuery = Collections.unmodifiableMap(copy);
  }

  /**
   * Reads a BEIR qrels TSV ({@code query-id corpus-id score}, optional header line) or a TREC qrels
   * file ({@code query-id 0 corpus-id score}).
   *
   * @throws IllegalArgumentException naming file and line for a malformed line
   */
  public static Qrels read(Path file) throws IOException {
    Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        String t = line.strip();
        if (t.isEmpty() || (n == 1 && t.startsWith("query-id"))) {
          continue;
        }
        String[] f = t.split("\\s+");
        if (f.length != 3 && f.length != 4) {
          throw new IllegalArgumentException(file + ":" + n + ": expected 'query-id corpus-id score', got '" + abbreviate(t) + "'");
        }
        String doc = f[f.length - 2];
        int score;
        try {
          score = Integer.parseInt(f[f.length - 1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ":" + n + ": score must be an integer, got '" + f[f.length - 1] + "'", e);
        }
        m.computeIfAbsent(f[0], q -> new LinkedHashMap<>()).put(doc, score);
      }
    }
    return new Qrels(m);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  /** Judged documents of a query (empty when none). */
  public Map<String, Integer> judged(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  /** Whether the query has at least one document with relevance > 0. */
  public boolean hasRelevant(String queryId) {
    return judged(queryId).values().stream().anyMatch(s -> s > 0);
  }

  public Iterable<String> queryIds() {
    return byQuery.keySet();
  }
}
