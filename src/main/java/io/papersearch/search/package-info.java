/**
 * Stage 4: answering. Keyword (BM25), semantic (HNSW) and hybrid (reciprocal rank fusion) search,
 * and similar papers from a paper's stored vectors.
 *
 * <p>Requests are validated when constructed ({@link io.papersearch.search.SearchRequest},
 * {@link io.papersearch.search.SimilarRequest}); every refusal is a
 * {@link io.papersearch.search.PapersearchException} carrying one code of the
 * {@link io.papersearch.search.ErrorCode} vocabulary. Rankings are deterministic: ties are broken by
 * paper id in every leg and in fusion. User text is analysed, never parsed as query syntax.
 */
package io.papersearch.search;
