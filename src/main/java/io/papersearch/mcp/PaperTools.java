package io.papersearch.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.search.CitationFormatter;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.Hit;
import io.papersearch.search.PapersearchException;
import io.papersearch.search.ResponseJson;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SearchResponse;
import io.papersearch.search.SearchService;
import io.papersearch.search.SimilarRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP tools: {@code search_papers}, {@code get_paper} and {@code similar_papers}, over a
 * {@link SearchService}. Each result is text a model can quote and cite (numbered references in
 * {@link CitationFormatter}'s format, with ids for follow-up calls and abstract excerpts) plus the
 * same data as structured content. Bad arguments and unknown papers come back as tool errors
 * ({@code isError: true}) whose text names the argument or id, never as protocol errors, so the model
 * sees them and can retry.
 *
 * <p>Thread-safe: holds only the thread-safe search service; calls share nothing.
 */
public final class PaperTools {
  private static final Logger LOG = LoggerFactory.getLogger(PaperTools.class);

  /** Characters of abstract per search result: enough to judge relevance, short enough for 20 results. */
  static final int EXCERPT_CHARS = 600;

  private final SearchService search;

  public PaperTools(SearchService search) {
    this.search = Objects.requireNonNull(search, "search");
  }

  /** The three tools, ready to register with an MCP server. */
  public List<SyncToolSpecification> specifications() {
    return List.of(
        tool("search_papers", "Search papers",
            "Search the lab's collection of research papers (titles and abstracts, English and Chinese) for a question, "
                + "topic or keywords. Returns the best matches, numbered [1], [2], ..., each with its id, title, authors, year, "
                + "venue, link and an abstract excerpt. Cite papers as [n] with their link; call get_paper with an id for the "
                + "full abstract, or similar_papers for related work. A Chinese query searches the Chinese abstracts.",
            ToolSchemas.SEARCH_INPUT, ToolSchemas.SEARCH_OUTPUT, this::searchPapers, Set.of("query", "limit", "mode", "yearFrom", "yearTo")),
        tool("get_paper", "Get a paper",
            "Fetch one paper by id (from search_papers or similar_papers): title, all authors, year, venue, link, DOI, "
                + "keywords and the full English and Chinese abstracts.",
            ToolSchemas.GET_INPUT, ToolSchemas.PAPER_OUTPUT, this::getPaper, Set.of("id")),
        tool("similar_papers", "Find similar papers",
            "Find the papers most similar in content to a given paper (by id), itself excluded: related work for a paper "
                + "the user cares about. Returns numbered results in the same format as search_papers.",
            ToolSchemas.SIMILAR_INPUT, ToolSchemas.SIMILAR_OUTPUT, this::similarPapers, Set.of("id", "limit")));
  }

  private SyncToolSpecification tool(
      String name, String title, String description, Map<String, Object> input, Map<String, Object> output,
      Function<ToolArguments, CallToolResult> body, Set<String> allowed) {
    McpSchema.Tool tool = McpSchema.Tool.builder()
        .name(name)
        .title(title)
        .description(description)
        .inputSchema(input)
        .outputSchema(output)
        .annotations(McpSchema.ToolAnnotations.builder()
            .title(title).readOnlyHint(true).destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
        .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(name, () -> body.apply(new ToolArguments(request.arguments(), allowed))))
        .build();
  }

  /** Runs one call; every failure becomes a tool error the model can read. */
  static CallToolResult call(String tool, java.util.function.Supplier<CallToolResult> body) {
    try {
      return body.get();
    } catch (PapersearchException e) {
      return error(e.code().code() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("MCP tool {} failed", tool, e);
      return error("internal: " + tool + " failed; the server log has the details");
    }
  }

  private CallToolResult searchPapers(ToolArguments args) {
    String query = args.requiredString("query", SearchRequest.MAX_QUERY_CHARS, ErrorCode.INVALID_SEARCH_Q);
    int limit = args.integer("limit", ToolSchemas.DEFAULT_LIMIT, 1, ToolSchemas.MAX_LIMIT, ErrorCode.INVALID_SEARCH_LIMIT);
    SearchMode mode = args.mode("mode");
    Integer yearFrom = args.year("yearFrom");
    Integer yearTo = args.year("yearTo");
    SearchRequest req = new SearchRequest(query, mode, null, limit, 0, yearFrom, yearTo, false);
    SearchResponse r = search.search(req);

    StringBuilder text = new StringBuilder();
    if (r.hits().isEmpty()) {
      text.append("No papers found for \"").append(req.query()).append('"').append(years(yearFrom, yearTo)).append('.');
    } else {
      text.append(r.hits().size()).append(r.hits().size() == 1 ? " paper" : " papers").append(" for \"").append(req.query())
          .append('"').append(years(yearFrom, yearTo)).append(" (").append(r.mode()).append(" search). Cite as [n] with the link.");
    }
    Map<String, Object> structured = new LinkedHashMap<>();
    structured.put("query", req.query());
    structured.put("mode", r.mode());
    structured.put("lang", r.lang());
    structured.put("results", results(r.hits(), req.effectiveLang(), text));
    return ok(text, structured);
  }

  private CallToolResult getPaper(ToolArguments args) {
    String id = args.requiredString("id", 128, ErrorCode.INVALID_PAPER_ID);
    Paper p = search.get(id).paper();
    StringBuilder text = new StringBuilder(CitationFormatter.reference(p));
    text.append("\nid: ").append(p.id());
    if (!p.authors().isEmpty()) {
      text.append("\nauthors: ").append(String.join(", ", p.authors()));
    }
    if (p.doi() != null) {
      text.append("\ndoi: ").append(p.doi());
    }
    if (!p.keywords().isEmpty()) {
      text.append("\nkeywords: ").append(String.join(", ", p.keywords()));
    }
    if (p.abstractEn() != null) {
      text.append("\nabstract: ").append(p.abstractEn());
    }
    if (p.abstractZh() != null) {
      text.append("\nabstract (Chinese): ").append(p.abstractZh());
    }
    if (p.abstractEn() == null && p.abstractZh() == null) {
      text.append("\n(no abstract)");
    }
    return ok(text, ResponseJson.paper(p));
  }

  private CallToolResult similarPapers(ToolArguments args) {
    String id = args.requiredString("id", 128, ErrorCode.INVALID_PAPER_ID);
    int limit = args.integer("limit", ToolSchemas.DEFAULT_LIMIT, 1, ToolSchemas.MAX_LIMIT, ErrorCode.INVALID_SEARCH_LIMIT);
    Paper source = search.get(id).paper();
    SearchResponse r = search.similar(new SimilarRequest(id, limit, 0, null, null, false));
    StringBuilder text = new StringBuilder();
    String title = source.title() == null ? "(untitled)" : source.title();
    if (r.hits().isEmpty()) {
      text.append("No other papers to compare with \"").append(title).append("\" (id ").append(id).append(").");
    } else {
      text.append(r.hits().size()).append(r.hits().size() == 1 ? " paper" : " papers").append(" similar to \"").append(title)
          .append("\" (id ").append(id).append("). Cite as [n] with the link.");
    }
    // Excerpts in the language the source paper is written in, so the comparison reads naturally.
    Lang lang = source.abstractEn() == null && source.abstractZh() != null ? Lang.ZH : Lang.EN;
    Map<String, Object> structured = new LinkedHashMap<>();
    structured.put("id", id);
    structured.put("results", results(r.hits(), lang, text));
    return ok(text, structured);
  }

  /** Appends each hit to {@code text} as a numbered citation and returns the same as structured rows. */
  private static List<Map<String, Object>> results(List<Hit> hits, Lang lang, StringBuilder text) {
    List<Map<String, Object>> rows = new ArrayList<>(hits.size());
    int n = 0;
    for (Hit h : hits) {
      Paper p = h.paper();
      n++;
      String excerpt = CitationFormatter.excerpt(CitationFormatter.abstractFor(p, lang), EXCERPT_CHARS);
      text.append("\n\n").append(CitationFormatter.header(n, p)).append("\nid: ").append(p.id());
      if (!excerpt.isEmpty()) {
        text.append('\n').append(excerpt);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("n", n);
      row.put("id", p.id());
      row.put("title", p.title());
      row.put("authors", p.authors());
      row.put("year", p.year());
      row.put("venue", p.venue());
      row.put("url", CitationFormatter.link(p));
      row.put("excerpt", excerpt.isEmpty() ? null : excerpt);
      row.put("score", h.score());
      rows.add(row);
    }
    return rows;
  }

  private static String years(Integer from, Integer to) {
    if (from != null && to != null) {
      return from.equals(to) ? " in " + from : " from " + from + " to " + to;
    }
    if (from != null) {
      return " from " + from + " on";
    }
    return to != null ? " up to " + to : "";
  }

  private static CallToolResult ok(CharSequence text, Map<String, Object> structured) {
    return CallToolResult.builder().addTextContent(text.toString()).structuredContent(structured).isError(false).build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
