package io.papersearch.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Least-recently-used cache of query vectors, keyed by model and query text: a repeated question
 * costs no model run. Thread-safe (synchronised; the embedding itself runs outside the lock).
 */
final class QueryEmbeddingCache {
  private final int capacity;
  private final Map<String, float[]> map;

  QueryEmbeddingCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.capacity = capacity;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > QueryEmbeddingCache.this.capacity;
          }
        };
  }

  float[] get(String modelId, String query, Supplier<float[]> embed) {
    String key = modelId + '\u0000' + query;
    synchronized (map) {
      float[] v = map.get(key);
      if (v != null) {
        return v;
      }
    }
    float[] v = embed.get();
    if (capacity > 0) {
      synchronized (map) {
        map.put(key, v);
      }
    }
    return v;
  }
}
