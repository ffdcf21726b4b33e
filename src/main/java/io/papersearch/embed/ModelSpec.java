package io.papersearch.embed;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What papersearch needs to know to run a sentence-embedding model: read from {@code model.json}
 * in the model's folder, so a model is data, not code.
 *
 * @param id model id, also the folder name; written into every index built with the model
 * @param language {@code en}, {@code zh}, or {@code multi} for a model that embeds both
 * @param dir folder holding the files
 * @param onnx ONNX file name inside {@code dir}
 * @param tokenizer HuggingFace {@code tokenizer.json} file name inside {@code dir}
 * @param dimension size of the output vector
 * @param pooling how token vectors become one sentence vector
 * @param normalize whether the vector is scaled to unit length (needed for dot-product search)
 * @param maxTokens longer inputs are truncated to this many tokens, special tokens included
 * @param queryPrefix instruction prepended to queries (bge: "Represent this sentence ...", e5: "query: ")
 * @param passagePrefix prefix prepended to indexed texts (e5: "passage: "; empty for bge)
 */
public record ModelSpec(
    String id,
    String language,
    Path dir,
    String onnx,
    String tokenizer,
    int dimension,
    Pooling pooling,
    boolean normalize,
    int maxTokens,
    String queryPrefix,
    String passagePrefix) {

  /** Token-to-sentence pooling. */
  public enum Pooling {
    /** The vector of the first ({@code [CLS]}) token: BGE models. */
    CLS,
    /** The attention-masked mean of all token vectors: sentence-transformers, E5. */
    MEAN;

    static Pooling parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pooling must be 'cls' or 'mean', got '" + value + "'", e);
      }
    }
  }

  public ModelSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(pooling, "pooling");
    if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("model id must be 1..100 of [A-Za-z0-9._-], got '" + id + "'");
    }
    if (!language.equals("en") && !language.equals("zh") && !language.equals("multi")) {
      throw new IllegalArgumentException("language must be en, zh or multi, got '" + language + "'");
    }
    if (dimension < 1 || dimension > 4096) {
      throw new IllegalArgumentException("dimension must be in 1..4096, got " + dimension);
    }
    if (maxTokens < 8 || maxTokens > 8192) {
      throw new IllegalArgumentException("maxTokens must be in 8..8192, got " + maxTokens);
    }
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
  }

  public Path onnxPath() {
    return dir.resolve(onnx);
  }

  public Path tokenizerPath() {
    return dir.resolve(tokenizer);
  }

  /** Whether this model serves texts of the given language code ({@code en} or {@code zh}). */
  public boolean serves(String lang) {
    return language.equals("multi") || language.equals(lang);
  }
}
