/**
 * Retrieval quality you can measure: BEIR-format test collections (corpus, queries, relevance
 * judgments), the standard metrics (nDCG@10, Recall@100, MRR@10), and TREC run files.
 *
 * <p>Sits beside {@code http} and {@code cli} at the end of the pipeline: it drives
 * {@link io.papersearch.search.SearchService} exactly as a client would, so the scores it prints are
 * the scores users get. Metric code follows trec_eval's definitions and is pinned by hand-computed
 * tests.
 */
package io.papersearch.eval;
