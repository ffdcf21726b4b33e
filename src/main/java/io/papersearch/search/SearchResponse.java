package io.papersearch.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param facets per facet asked for (in {@link FacetField} order), its values by count; null when
 *     no facets were asked for. What is counted is described at {@link Facets}.
 * @param fields the paper fields each hit returns
 */
public record SearchResponse(
    List<Hit> hits,
    long totalHits,
    boolean totalHitsExact,
    int limit,
    int offset,
    long tookMs,
    String mode,
    String lang,
    Map<FacetField, List<FacetCount>> facets,
    Set<HitField> fields) {}
