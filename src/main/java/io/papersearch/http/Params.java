package io.papersearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.papersearch.search.ContextRequest;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.FacetField;
import io.papersearch.search.Filters;
import io.papersearch.search.HitField;
import io.papersearch.search.PapersearchException;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SimilarRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request parameters as text, whether they came from a query string or a JSON body, and their
 * conversion into validated requests. One parser for both, so GET and POST cannot disagree.
 */
final class Params {
  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  static final Set<String> SEARCH = Set.of(
      "q", "limit", "offset", "mode", "lang", "yearFrom", "yearTo", "explain",
      "venue", "author", "authorPrefix", "keyword", "facets", "fields", "highlight");
  static final Set<String> SIMILAR = Set.of(
      "limit", "offset", "yearFrom", "yearTo", "explain", "venue", "author", "authorPrefix", "keyword", "fields");

  /** Parameters that take a list: a comma-separated string, or in JSON also an array of strings. */
  private static final Set<String> LISTS = Set.of("facets", "fields");
  static final Set<String> CONTEXT = Set.of("q", "limit", "maxChars", "mode", "lang", "yearFrom", "yearTo");

  /** From a query string; a repeated parameter is refused rather than silently picking one. */
  static Params fromQuery(Map<String, List<String>> query, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      requireKnown(e.getKey(), allowed);
      if (e.getValue().size() > 1) {
        throw new PapersearchException(
            codeFor(e.getKey()), "parameter '" + e.getKey() + "' must be given once, got " + e.getValue().size() + " values");
      }
      values.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
    }
    return new Params(values);
  }

  /** From a JSON object body: scalars only; null counts as absent. */
  static Params fromJson(JsonNode body, Set<String> allowed) {
    if (body == null || !body.isObject()) {
      throw new PapersearchException(ErrorCode.INVALID_REQUEST_BODY, "request body must be a JSON object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      requireKnown(e.getKey(), allowed);
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (v.isArray() && LISTS.contains(e.getKey())) {
        values.put(e.getKey(), commaList(e.getKey(), v));
        continue;
      }
      if (!v.isValueNode()) {
        throw new PapersearchException(
            codeFor(e.getKey()), "field '" + e.getKey() + "' must be a string, number or boolean, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      values.put(e.getKey(), v.asText());
    }
    return new Params(values);
  }

  /** A JSON array of names as the comma-separated form ({@code ["year","venue"]} → {@code year,venue}). */
  private static String commaList(String name, JsonNode array) {
    List<String> items = new java.util.ArrayList<>();
    for (JsonNode item : array) {
      // Names never contain commas, so a comma inside one could only smuggle in a second name.
      if (!item.isTextual() || item.asText().contains(",")) {
        throw new PapersearchException(
            codeFor(name), "field '" + name + "' must be an array of names, got " + abbreviate(item.toString()));
      }
      items.add(item.asText());
    }
    if (items.isEmpty()) {
      throw new PapersearchException(codeFor(name), "field '" + name + "' must not be an empty array");
    }
    return String.join(",", items);
  }

  private static void requireKnown(String name, Set<String> allowed) {
    if (!allowed.contains(name)) {
      throw new PapersearchException(
          ErrorCode.UNKNOWN_PARAMETER,
          "unknown parameter '" + name + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
    }
  }

  private static ErrorCode codeFor(String name) {
    return switch (name) {
      case "q" -> ErrorCode.INVALID_SEARCH_Q;
      case "limit" -> ErrorCode.INVALID_SEARCH_LIMIT;
      case "offset" -> ErrorCode.INVALID_SEARCH_OFFSET;
      case "mode" -> ErrorCode.INVALID_SEARCH_MODE;
      case "lang" -> ErrorCode.INVALID_SEARCH_LANG;
      case "yearFrom", "yearTo" -> ErrorCode.INVALID_SEARCH_YEAR;
      case "explain" -> ErrorCode.INVALID_SEARCH_EXPLAIN;
      case "venue" -> ErrorCode.INVALID_SEARCH_VENUE;
      case "author", "authorPrefix" -> ErrorCode.INVALID_SEARCH_AUTHOR;
      case "keyword" -> ErrorCode.INVALID_SEARCH_KEYWORD;
      case "facets" -> ErrorCode.INVALID_SEARCH_FACETS;
      case "fields" -> ErrorCode.INVALID_SEARCH_FIELDS;
      case "highlight" -> ErrorCode.INVALID_SEARCH_HIGHLIGHT;
      case "maxChars" -> ErrorCode.INVALID_CONTEXT_MAX_CHARS;
      default -> ErrorCode.INVALID_REQUEST_BODY;
    };
  }

  SearchRequest toSearch() {
    return new SearchRequest(
        values.get("q"),
        SearchMode.parse(values.get("mode")),
        SearchRequest.parseLang(values.get("lang")),
        integer("limit", SearchRequest.DEFAULT_LIMIT),
        integer("offset", 0),
        filters(),
        bool("explain"),
        FacetField.parseList(values.get("facets")),
        HitField.parseList(values.get("fields")),
        bool("highlight"));
  }

  SimilarRequest toSimilar(String id) {
    return new SimilarRequest(
        id, integer("limit", SearchRequest.DEFAULT_LIMIT), integer("offset", 0), filters(), bool("explain"),
        HitField.parseList(values.get("fields")));
  }

  private Filters filters() {
    return new Filters(
        year("yearFrom"), year("yearTo"), values.get("venue"), values.get("author"), values.get("authorPrefix"), values.get("keyword"));
  }

  /** A context block always cites the best papers: no offset, no explain. */
  ContextRequest toContext() {
    SearchRequest search = new SearchRequest(
        values.get("q"),
        SearchMode.parse(values.get("mode")),
        SearchRequest.parseLang(values.get("lang")),
        integer("limit", ContextRequest.DEFAULT_LIMIT),
        0,
        year("yearFrom"),
        year("yearTo"),
        false);
    return new ContextRequest(search, integer("maxChars", ContextRequest.DEFAULT_MAX_CHARS));
  }

  private int integer(String name, int fallback) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new PapersearchException(codeFor(name), name + " must be an integer, got '" + abbreviate(v) + "'", e);
    }
  }

  private Integer year(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int year = Integer.parseInt(v.trim());
      if (year < 0 || year > 9999) {
        throw new NumberFormatException("out of range");
      }
      return year;
    } catch (NumberFormatException e) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_YEAR, name + " must be a year between 0 and 9999, got '" + abbreviate(v) + "'", e);
    }
  }

  private boolean bool(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      return false;
    }
    return switch (v.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new PapersearchException(codeFor(name), name + " must be true or false, got '" + abbreviate(v) + "'");
    };
  }

  /** Echo at most 40 characters of a bad value: enough to recognise it, never a 1 MB reflection. */
  static String abbreviate(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "...";
  }
}
