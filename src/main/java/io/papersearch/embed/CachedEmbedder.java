package io.papersearch.embed;

import java.util.Objects;

/**
 * A {@link TextEmbedder} that looks in an {@link EmbeddingCache} before running the model, and
 * stores what it computes. Thread-safe, as its parts are; two threads embedding the same new text
 * at once may both run the model (the cache keeps one).
 */
public final class CachedEmbedder implements TextEmbedder {
  private final TextEmbedder model;
  private final EmbeddingCache cache;

  public CachedEmbedder(TextEmbedder model, EmbeddingCache cache) {
    this.model = Objects.requireNonNull(model, "model");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public ModelSpec spec() {
    return model.spec();
  }

  @Override
  public float[] embed(String text, Role role) {
    // Keyed by what the model actually reads: a spec whose query instruction changed gets new vectors.
    String key = (role == Role.QUERY ? spec().queryPrefix() : spec().passagePrefix()) + text;
    float[] v = cache.get(key, role);
    if (v == null) {
      v = model.embed(text, role);
      cache.put(key, role, v);
    }
    return v;
  }

  @Override
  public int countTokens(String text, Role role) {
    return model.countTokens(text, role);
  }

  /** Closes the model and the cache (flushing it). */
  @Override
  public void close() {
    try {
      model.close();
    } finally {
      cache.close();
    }
  }
}
