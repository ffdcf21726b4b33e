package io.papersearch.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.papersearch.ingest.Paper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON shape of papers, hits and result pages, shared by the HTTP API and the CLI's
 * {@code --json}. Thread-safe.
 */
public final class ResponseJson {
  private ResponseJson() {}

  /** Shared mapper: records and maps only, UTF-8, stable key order. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  /** A paper as an API object: every field present (null when unknown), camelCase names. */
  public static Map<String, Object> paper(Paper p) {
    return fields(p, HitField.ALL);
  }

  /** The chosen fields of a paper, in {@link HitField} order. */
  private static Map<String, Object> fields(Paper p, Set<HitField> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (HitField f : HitField.values()) {
      if (fields.contains(f)) {
        m.put(f.wire(), f.of(p));
      }
    }
    return m;
  }

  /** A hit: the chosen paper fields, its score, then {@code explain} and {@code highlight} when asked. */
  public static Map<String, Object> hit(Hit h, Set<HitField> fields) {
    Map<String, Object> m = fields(h.paper(), fields);
    m.put("score", h.score());
    if (h.explain() != null) {
      m.put("explain", h.explain());
    }
    if (h.highlight() != null) {
      m.put("highlight", h.highlight());
    }
    return m;
  }

  public static Map<String, Object> response(SearchResponse r) {
    List<Map<String, Object>> hits = new ArrayList<>(r.hits().size());
    for (Hit h : r.hits()) {
      hits.add(hit(h, r.fields()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hits", hits);
    m.put("totalHits", r.totalHits());
    m.put("totalHitsRelation", r.totalHitsExact() ? "eq" : "gte");
    m.put("limit", r.limit());
    m.put("offset", r.offset());
    m.put("tookMs", r.tookMs());
    m.put("mode", r.mode());
    m.put("lang", r.lang());
    if (r.facets() != null) {
      m.put("facets", facets(r.facets()));
    }
    return m;
  }

  /** {@code {"year": [{"value": 2023, "count": 3}, ...], "venue": [...]}}, in the order given. */
  private static Map<String, Object> facets(Map<FacetField, List<FacetCount>> facets) {
    Map<String, Object> m = new LinkedHashMap<>();
    facets.forEach((facet, counts) -> {
      List<Map<String, Object>> values = new ArrayList<>(counts.size());
      for (FacetCount c : counts) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", c.value());
        v.put("count", c.count());
        values.add(v);
      }
      m.put(facet.wire(), values);
    });
    return m;
  }

  /**
   * A context block: the text, then each citation's number, id, title, authors, year, venue and the
   * link its header shows, so a client can map {@code [n]} back to a paper without parsing the text.
   */
  public static Map<String, Object> context(ContextBlock b) {
    List<Map<String, Object>> citations = new ArrayList<>(b.citations().size());
    for (ContextBlock.Citation c : b.citations()) {
      Paper p = c.paper();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", c.n());
      m.put("id", p.id());
      m.put("title", p.title());
      m.put("authors", p.authors());
      m.put("year", p.year());
      m.put("venue", p.venue());
      m.put("url", c.link());
      citations.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("context", b.text());
    m.put("citations", citations);
    m.put("totalChars", b.totalChars());
    m.put("maxChars", b.maxChars());
    m.put("omitted", b.omitted());
    m.put("mode", b.mode());
    m.put("lang", b.lang());
    m.put("tookMs", b.tookMs());
    return m;
  }

  /** The answer to a single write: the paper id and what happened (added, updated, unchanged, deleted). */
  public static Map<String, Object> written(String id, String result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("result", result);
    return m;
  }

  /** The report of a bulk import: counts, then every rejected line with its reason. */
  public static Map<String, Object> bulk(WriteService.BulkResult r) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (io.papersearch.ingest.Rejection rej : r.rejected()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("line", rej.line());
      e.put("message", rej.reason());
      errors.add(e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", r.added());
    m.put("updated", r.updated());
    m.put("unchanged", r.unchanged());
    m.put("rejected", errors.size());
    m.put("errors", errors);
    m.put("tookMs", r.tookMs());
    return m;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of plain values always serialise", e);
    }
  }
}
