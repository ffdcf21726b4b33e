package io.papersearch.index;

import io.papersearch.embed.Embedders;
import io.papersearch.embed.Role;
import io.papersearch.embed.TextEmbedder;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Embeds papers and upserts them into a {@link PaperIndex}, never embedding a text whose vector the
 * index already holds.
 *
 * <p>A paper whose record and content hashes equal the stored ones is left untouched; a changed
 * paper reuses the stored vector of every text whose hash did not change. Since vectors live in the
 * index, a restart or a re-run of an import embeds nothing it embedded before.
 *
 * <p>Thread-safe if its index and embedders are (they are); concurrent upserts of the same id may
 * both embed, and the last one wins.
 */
public final class Indexer {

  /** What indexing one paper did. */
  public enum Outcome {
    ADDED,
    UPDATED,
    UNCHANGED
  }

  private final PaperIndex index;
  private final Embedders embedders;
  private final ImportedVectors imported;

  public Indexer(PaperIndex index, Embedders embedders) {
    this(index, embedders, ImportedVectors.NONE);
  }

  /**
   * @param imported vectors computed elsewhere (a larger machine, a batch job), used instead of
   *     running the model for the papers and languages they cover
   */
  public Indexer(PaperIndex index, Embedders embedders, ImportedVectors imported) {
    this.index = Objects.requireNonNull(index, "index");
    this.embedders = Objects.requireNonNull(embedders, "embedders");
    this.imported = Objects.requireNonNull(imported, "imported");
    requireMatchingModels(index.schema(), embedders);
  }

  /** The schema an index built by these embedders records. */
  public static IndexSchema schemaOf(Embedders embedders) {
    return new IndexSchema(
        embedders.en().spec().id(), embedders.en().spec().dimension(),
        embedders.zh().spec().id(), embedders.zh().spec().dimension());
  }

  private static void requireMatchingModels(IndexSchema schema, Embedders embedders) {
    IndexSchema actual = schemaOf(embedders);
    if (!actual.equals(schema)) {
      throw new IndexMismatchException("index schema " + schema.describe() + " does not match the loaded models " + actual.describe());
    }
  }

  /** Indexes one paper; the write is visible after the index's next refresh or commit. */
  public Outcome index(Paper paper) {
    Optional<StoredPaper> old = index.get(paper.id());
    Map<Lang, String> texts = EmbeddingTexts.of(paper);
    Map<Lang, String> hashes = new EnumMap<>(Lang.class);
    texts.forEach((lang, text) -> hashes.put(lang, EmbeddingTexts.hash(embedders.forLang(lang).spec().id(), text)));
    if (old.isPresent() && old.get().paper().equals(paper) && old.get().hashes().equals(hashes)) {
      return Outcome.UNCHANGED;
    }
    Map<Lang, float[]> vectors = new EnumMap<>(Lang.class);
    for (Map.Entry<Lang, String> e : texts.entrySet()) {
      Lang lang = e.getKey();
      float[] reused =
          old.filter(o -> hashes.get(lang).equals(o.hashes().get(lang)))
              .map(o -> o.vectors().get(lang))
              .orElse(null);
      TextEmbedder embedder = embedders.forLang(lang);
      float[] given = reused != null ? null : imported.get(paper.id(), lang);
      vectors.put(lang, reused != null ? reused : given != null ? given : embedder.embed(e.getValue(), Role.PASSAGE));
    }
    index.upsert(paper, vectors, hashes);
    return old.isPresent() ? Outcome.UPDATED : Outcome.ADDED;
  }
}
