package io.papersearch.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One paper as read from a source file, after normalisation.
 *
 * <p>Texts are already normalised (NFC, single spaces, mojibake repaired) and {@code null} when the
 * source has no value: an empty string never reaches the index. {@code abstractEn} holds an abstract
 * written in English (or any non-Chinese script), {@code abstractZh} one written in Chinese, whatever
 * the source column was called.
 *
 * @param id stable identifier, unique in an index; re-indexing a paper with the same id replaces it
 * @param title title in whatever language the source gives it
 * @param authors author names in source order, never null
 * @param year publication year, or null when unknown
 * @param venue conference or journal, or null
 * @param url link to the paper, or null
 * @param doi DOI without the resolver prefix, or null
 * @param abstractEn English abstract, or null
 * @param abstractZh Chinese abstract, or null
 * @param keywords keywords in source order, never null
 */
public record Paper(
    String id,
    String title,
    List<String> authors,
    Integer year,
    String venue,
    String url,
    String doi,
    String abstractEn,
    String abstractZh,
    List<String> keywords) {

  public Paper {
    Objects.requireNonNull(id, "id");
    authors = authors == null ? List.of() : List.copyOf(authors);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }
}
