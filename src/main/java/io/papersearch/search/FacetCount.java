package io.papersearch.search;

/**
 * One value of a facet and how many counted papers have it.
 *
 * @param value an {@link Integer} for {@link FacetField#YEAR}, a {@link String} for {@link
 *     FacetField#VENUE} (the most common spelling among the papers counted)
 * @param count papers with this value, at least 1
 */
public record FacetCount(Object value, int count) {}
