/**
 * Stage 5c: the Model Context Protocol (MCP) server, on the official MCP Java SDK. Three read-only
 * tools over {@link io.papersearch.search.SearchService} ({@link io.papersearch.mcp.PaperTools}):
 * {@code search_papers}, {@code get_paper}, {@code similar_papers}, answering with citations in
 * {@link io.papersearch.search.CitationFormatter}'s format plus structured content.
 *
 * <p>Depends on {@code search} (and the SDK), never on Javalin: {@link io.papersearch.mcp.McpServers}
 * builds the streamable-HTTP transport as a plain servlet that {@code http} mounts at {@code /mcp} on
 * the REST API's server, and serves stdio for the {@code papersearch mcp} command.
 */
package io.papersearch.mcp;
