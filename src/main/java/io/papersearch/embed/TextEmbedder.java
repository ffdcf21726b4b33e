package io.papersearch.embed;

import java.io.Closeable;

/**
 * Turns one text into one vector with one model.
 *
 * <p>Implementations are thread-safe and deterministic: the same text and role give the same
 * vector, whatever other texts are embedded at the same time.
 */
public interface TextEmbedder extends Closeable {

  /** The model this embedder runs. */
  ModelSpec spec();

  /**
   * Embeds {@code text} (the model's query or passage prefix is added here).
   *
   * @return a vector of {@code spec().dimension()} floats, unit length if the spec says so
   * @throws IllegalArgumentException if {@code text} is null or blank
   * @throws EmbeddingException if the model fails
   */
  float[] embed(String text, Role role);

  /** Number of tokens {@code text} becomes for this model (after truncation), for throughput figures. */
  int countTokens(String text, Role role);

  @Override
  void close();
}
