package io.papersearch.cli;

import io.papersearch.http.ServerConfig;
import io.papersearch.index.VectorStorage;
import io.papersearch.search.Fusion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code papersearch serve} runs with, resolved once at start-up by {@link ConfigLoader}
 * (flags over environment over config file over defaults) and immutable after.
 *
 * @param server the HTTP settings (host, port, body limit, API key, CORS)
 * @param index index folder
 * @param models models folder
 * @param modelEn English model id
 * @param modelZh Chinese model id
 * @param cache embedding cache folder, or null when disabled
 * @param threads ONNX Runtime intra-op threads per embedding
 * @param workers embeddings run at once
 * @param vectorStorage how a new index stores vectors, or null to keep an existing index's
 * @param sample whether an empty index first gets the bundled sample
 * @param fusionDepth candidates the semantic leg ranks (see {@link Fusion#minDepth()})
 * @param keywordDepth candidates the keyword leg of a hybrid search ranks (see {@link Fusion#keywordDepth()})
 * @param origins where each setting came from ({@code --port}, {@code PAPERSEARCH_PORT},
 *     {@code conf/papersearch.properties:3}, {@code default}), so later checks can name it
 */
record ServeSettings(
    ServerConfig server,
    Path index,
    Path models,
    String modelEn,
    String modelZh,
    Path cache,
    int threads,
    int workers,
    VectorStorage vectorStorage,
    boolean sample,
    int fusionDepth,
    int keywordDepth,
    Map<ConfigKey, String> origins) {

  /** The origin of a value set by nothing: its built-in default. */
  static final String DEFAULT = "default";

  ServeSettings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(models, "models");
    origins = Map.copyOf(origins);
  }

  /** The fusion searches run with: the defaults, at these depths. */
  Fusion fusion() {
    return Fusion.defaults().withMinDepth(fusionDepth).withKeywordDepth(keywordDepth);
  }

  /** "index from --index", "port from PAPERSEARCH_PORT", or "index: default": for messages. */
  String where(ConfigKey key) {
    String o = origins.getOrDefault(key, DEFAULT);
    return o.equals(DEFAULT) ? key.key + ": default" : key.key + " from " + o;
  }
}
