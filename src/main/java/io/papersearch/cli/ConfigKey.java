package io.papersearch.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of {@code papersearch serve}: its key in the config file, its environment variable
 * and its command-line flags. One table for the loader and the tests; the README's configuration
 * table documents each row (meaning, default), and a test fails when a row is missing there.
 *
 * <p>The environment variable is {@code PAPERSEARCH_} plus the key in upper snake case
 * ({@code maxBodyBytes} → {@code PAPERSEARCH_MAX_BODY_BYTES}).
 */
enum ConfigKey {
  HOST("host", flag("--host")),
  PORT("port", flag("--port")),
  INDEX("index", flag("--index")),
  MODELS("models", flag("--models")),
  MODEL_EN("modelEn", flag("--model-en")),
  MODEL_ZH("modelZh", flag("--model-zh")),
  CACHE("cache", flag("--cache"), switchFlag("--no-cache", "none")),
  THREADS("threads", flag("--threads")),
  WORKERS("workers", flag("--workers")),
  VECTOR_STORAGE("vectorStorage", flag("--vector-storage")),
  SAMPLE("sample", switchFlag("--no-sample", "false")),
  MAX_BODY_BYTES("maxBodyBytes", flag("--max-body-bytes")),
  /** No flag: command lines show in {@code ps} and shell histories. */
  API_KEY("apiKey"),
  READS_REQUIRE_KEY("readsRequireKey", switchFlag("--reads-require-key", "true")),
  CORS_ORIGINS("corsOrigins", flag("--cors-origins")),
  MAX_BULK_BYTES("maxBulkBytes", flag("--max-bulk-bytes")),
  RATE_LIMIT("rateLimit", flag("--rate-limit")),
  FUSION_DEPTH("fusionDepth", flag("--fusion-depth")),
  KEYWORD_DEPTH("keywordDepth", flag("--keyword-depth"));

  /**
   * A command-line flag that sets the key.
   *
   * @param fixedValue the value a switch (a flag without a value, like {@code --no-sample}) stands
   *     for; null for a flag that takes a value
   */
  record Flag(String name, String fixedValue) {}

  final String key;
  final List<Flag> flags;

  ConfigKey(String key, Flag... flags) {
    this.key = key;
    this.flags = List.of(flags);
  }

  private static Flag flag(String name) {
    return new Flag(name, null);
  }

  private static Flag switchFlag(String name, String value) {
    return new Flag(name, value);
  }

  /** {@code PAPERSEARCH_MAX_BODY_BYTES} for {@code maxBodyBytes}. */
  String env() {
    return "PAPERSEARCH_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  static Optional<ConfigKey> byKey(String key) {
    for (ConfigKey k : values()) {
      if (k.key.equals(key)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Every key, sorted, for "known keys" messages. */
  static String knownKeys() {
    return String.join(", ", java.util.Arrays.stream(values()).map(k -> k.key).sorted().toList());
  }
}
