package io.papersearch.mcp;

import io.papersearch.search.SearchRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas (draft 2020-12 subset) of the tools' arguments and structured results. The input
 * schemas tell a model what it may send; the {@link ToolArguments} checks are the ones enforced, with
 * the same bounds. The output schemas are checked by the SDK against every successful result, so a
 * result that drifts from its schema fails loudly in the tests rather than confusing a client.
 *
 * <p>Thread-safe: immutable constants.
 */
final class ToolSchemas {
  private ToolSchemas() {}

  /** Results per call. Lower than the REST API's 100: every result lands in the model's context window. */
  static final int MAX_LIMIT = 20;

  static final int DEFAULT_LIMIT = 5;

  static final Map<String, Object> SEARCH_INPUT = object(
      props(
          "query", prop("string", "What to look for: a question, a topic or keywords, in English or Chinese. "
              + "Searched as plain text; no query syntax.", "minLength", 1, "maxLength", SearchRequest.MAX_QUERY_CHARS),
          "limit", prop("integer", "How many papers to return (default " + DEFAULT_LIMIT + ").",
              "minimum", 1, "maximum", MAX_LIMIT, "default", DEFAULT_LIMIT),
          "mode", prop("string", "hybrid (default): keywords and meaning combined, best in general; keyword: exact terms, "
              + "author names, acronyms; semantic: meaning only, for paraphrased questions.",
              "enum", List.of("hybrid", "keyword", "semantic"), "default", "hybrid"),
          "yearFrom", prop("integer", "Only papers published in or after this year.", "minimum", 0, "maximum", 9999),
          "yearTo", prop("integer", "Only papers published in or before this year.", "minimum", 0, "maximum", 9999)),
      List.of("query"));

  static final Map<String, Object> GET_INPUT = object(
      props("id", prop("string", "The paper's id, as given by search_papers or similar_papers.", "minLength", 1, "maxLength", 128)),
      List.of("id"));

  static final Map<String, Object> SIMILAR_INPUT = object(
      props(
          "id", prop("string", "The id of the paper to find neighbours of, as given by search_papers.", "minLength", 1, "maxLength", 128),
          "limit", prop("integer", "How many papers to return (default " + DEFAULT_LIMIT + ").",
              "minimum", 1, "maximum", MAX_LIMIT, "default", DEFAULT_LIMIT)),
      List.of("id"));

  private static final Map<String, Object> STRINGS = Map.of("type", "array", "items", Map.of("type", "string"));

  /** One cited paper in a result list. */
  private static final Map<String, Object> RESULT = object(
      props(
          "n", prop("integer", "Citation number: cite as [n]."),
          "id", prop("string", "Paper id, for get_paper and similar_papers."),
          "title", nullable("string"),
          "authors", STRINGS,
          "year", nullable("integer"),
          "venue", nullable("string"),
          "url", nullable("string"),
          "excerpt", nullable("string"),
          "score", prop("number", "Relevance score; comparable only within one result list.")),
      List.of("n", "id", "title", "authors", "year", "venue", "url", "excerpt", "score"));

  private static final Map<String, Object> RESULTS = Map.of("type", "array", "items", RESULT);

  static final Map<String, Object> SEARCH_OUTPUT = object(
      props(
          "query", prop("string", "The query as searched."),
          "mode", prop("string", "keyword, semantic or hybrid."),
          "lang", prop("string", "Language of the fields searched: en or zh."),
          "results", RESULTS),
      List.of("query", "mode", "lang", "results"));

  static final Map<String, Object> SIMILAR_OUTPUT = object(
      props("id", prop("string", "The paper whose neighbours these are."), "results", RESULTS),
      List.of("id", "results"));

  static final Map<String, Object> PAPER_OUTPUT = object(
      props(
          "id", prop("string", "Paper id."),
          "title", nullable("string"),
          "authors", STRINGS,
          "year", nullable("integer"),
          "venue", nullable("string"),
          "url", nullable("string"),
          "doi", nullable("string"),
          "abstract", nullable("string"),
          "abstractZh", nullable("string"),
          "keywords", STRINGS),
      List.of("id", "title", "authors", "year", "venue", "url", "doi", "abstract", "abstractZh", "keywords"));

  private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("properties", properties);
    m.put("required", required);
    m.put("additionalProperties", false);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Properties in the order given (pairs of name, schema), so clients list them as written. */
  private static Map<String, Object> props(Object... nameSchemaPairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameSchemaPairs.length; i += 2) {
      m.put((String) nameSchemaPairs[i], nameSchemaPairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** A property schema: type, description, then keyword/value pairs. */
  private static Map<String, Object> prop(String type, String description, Object... keywordValuePairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("description", description);
    for (int i = 0; i < keywordValuePairs.length; i += 2) {
      m.put((String) keywordValuePairs[i], keywordValuePairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, Object> nullable(String type) {
    return Map.of("type", List.of(type, "null"));
  }
}
