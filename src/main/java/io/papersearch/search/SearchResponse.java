package io.papersearch.search;

import java.util.List;

/**
 * A page of results.
 *
 * @param hits this page, best first
 * @param totalHits keyword mode: the matching papers, counted exactly up to {@link
 *     SearchService#TOTAL_HITS_EXACT_UP_TO} and a lower bound beyond; semantic, hybrid and similar:
 *     the candidates ranked (at most {@link Fusion#depth(int, int)} per leg)
 * @param totalHitsExact whether {@code totalHits} is exact ({@code false}: there are at least that many)
 * @param limit page size asked for
 * @param offset hits skipped
 * @param tookMs server time in milliseconds, query embedding included
 * @param mode keyword, semantic, hybrid or similar
 * @param lang language(s) searched: en, zh, or en+zh (similar papers with both vectors)
 */
public record SearchResponse(
    List<Hit> hits, long totalHits, boolean totalHitsExact, int limit, int offset, long tookMs, String mode, String lang) {}
