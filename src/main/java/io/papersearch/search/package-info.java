/**
 * Stage 4: answering. Keyword (BM25), semantic (HNSW) and hybrid (reciprocal rank fusion) search,
 * and similar papers from a paper's stored vectors.
 *
 * <p>Requests are validated when constructed ({@link io.papersearch.search.SearchRequest},
 * {@link io.papersearch.search.SimilarRequest}, {@link io.papersearch.search.Filters}); every refusal
 * is a {@link io.papersearch.search.PapersearchException} carrying one code of the
 * {@link io.papersearch.search.ErrorCode} vocabulary. Rankings are deterministic: ties are broken by
 * paper id in every leg and in fusion. User text is analysed, never parsed as query syntax.
 *
 * <p>{@link io.papersearch.search.Filters} restrict every leg from inside (year, venue, author,
 * author prefix, keyword); {@link io.papersearch.search.Facets} counts matches by year and venue from
 * doc values; {@link io.papersearch.search.Highlighter} marks query terms in snippets with the
 * index's own analysers; {@link io.papersearch.search.ResponseJson} is the one place results are
 * rendered.
 */
package io.papersearch.search;
