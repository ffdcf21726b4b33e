package io.papersearch.embed;

/**
 * Told about every model run, so a caller can time embeddings (the server's {@code /metrics}) without
 * this package depending on a metrics library.
 *
 * <p>Implementations must be thread-safe and cheap: they are called on the embedding thread, once
 * per text the model actually ran on (cache hits are not model runs), and only when the run
 * succeeded.
 */
@FunctionalInterface
public interface EmbeddingListener {

  /** Ignores every run. */
  EmbeddingListener NONE = (model, role, nanos) -> {};

  /**
   * @param model the model that ran
   * @param role whether the text was a query or a passage
   * @param nanos wall-clock time of the run (tokenising, inference, pooling)
   */
  void embedded(ModelSpec model, Role role, long nanos);
}
