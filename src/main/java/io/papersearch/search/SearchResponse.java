package io.papersearch.search;

import java.util.List;

/**
 * A page of results.
 *
 * @param hits this page, best first
 * @param totalHits keyword mode: every matching paper; semantic, hybrid and similar: the candidates
 *     ranked (at most {@link Fusion#depth(int, int)})
 * @param limit page size asked for
 * @param offset hits skipped
 * @param tookMs server time in milliseconds, query embedding included
 * @param mode keyword, semantic, hybrid or similar
 * @param lang language(s) searched: en, zh, or en+zh (similar papers with both vectors)
 */
public record SearchResponse(
    List<Hit> hits, long totalHits, int limit, int offset, long tookMs, String mode, String lang) {}
