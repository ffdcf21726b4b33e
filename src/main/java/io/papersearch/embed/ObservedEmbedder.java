package io.papersearch.embed;

import java.util.Objects;

/**
 * A {@link TextEmbedder} that reports the duration of each successful embedding to an
 * {@link EmbeddingListener}. Thread-safe when the wrapped embedder and the listener are.
 */
public final class ObservedEmbedder implements TextEmbedder {
  private final TextEmbedder model;
  private final EmbeddingListener listener;

  public ObservedEmbedder(TextEmbedder model, EmbeddingListener listener) {
    this.model = Objects.requireNonNull(model, "model");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public ModelSpec spec() {
    return model.spec();
  }

  @Override
  public float[] embed(String text, Role role) {
    long start = System.nanoTime();
    float[] v = model.embed(text, role);
    // Failures are not timed: a refused blank text would drag the distribution towards zero.
    listener.embedded(model.spec(), role, System.nanoTime() - start);
    return v;
  }

  @Override
  public int countTokens(String text, Role role) {
    return model.countTokens(text, role);
  }

  @Override
  public void close() {
    model.close();
  }
}
