/**
 * Stage 3: the Lucene index. One document per paper, upserted by id: BM25 text fields per language
 * (English stemmed, Chinese segmented by smartcn), an HNSW vector field per language, the year as a
 * range-filterable and sortable field, and the paper itself as stored JSON.
 *
 * <p>{@link io.papersearch.index.PaperFields} owns every field name. {@link io.papersearch.index.PaperIndex}
 * owns the Lucene writer and searchers, and records the models (id and dimension per language) in
 * every commit, refusing to open an index built with other models. {@link io.papersearch.index.Indexer}
 * embeds only texts whose content hash the index does not hold yet, so re-indexing and restarts
 * never embed anything twice. {@link io.papersearch.index.Importer} runs file imports with periodic
 * commits.
 */
package io.papersearch.index;
